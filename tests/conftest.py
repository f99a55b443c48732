"""Shared fixtures. Real parts: real files, real SQLite, real PostgreSQL, real tools."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture
def cau_giay_plan_path() -> Path:
    return SAMPLES / "cau-giay-2021" / "plan.yaml"


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """A real PostgreSQL server for the whole run (tests/pg.py); missing PostgreSQL fails."""
    from pg import running_postgres  # tests/ is on sys.path (rootdir conftest)

    with running_postgres() as url:
        yield url


@pytest.fixture
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty store: an SQLite file, or (param "postgres") a new PostgreSQL database.

    Use with `@pytest.mark.parametrize("store_url", ["sqlite", "postgres"], indirect=True)`.
    """
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        from pg import create_database

        server = request.getfixturevalue("postgres_server")
        return create_database(server, f"t_{abs(hash(request.node.nodeid)) % 10**12}")
    return f"sqlite:///{tmp_path / 'store.db'}"
