"""Shared fixtures. Real parts: real files, real SQLite, real PostgreSQL, real tools."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Prefect must never touch ~/.prefect or the network during tests; set before any import.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="chitieu-prefect-home-")
atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.pop("PREFECT_API_URL", None)  # flows under test use the harness, never a real server

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


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server (SQLite) for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
