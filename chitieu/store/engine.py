"""Where the store lives, how to connect to it, and bringing its schema up to date.

`CHITIEU_DATABASE_URL` (an SQLAlchemy URL) chooses the database; without it, an SQLite
file `chitieu.db` in the data directory `CHITIEU_HOME` (default `./chitieu-data`).
Migrations run in code on every open, so a fresh database just works.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from chitieu.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_PG_LOCK_KEY = 0x63686974  # "chit": one advisory lock for schema upgrades


def data_home() -> Path:
    """The data directory: `CHITIEU_HOME`, or `./chitieu-data`."""
    return Path(os.environ.get("CHITIEU_HOME") or "chitieu-data")


def archive_dir() -> Path:
    """Where received files are kept byte for byte, under their sha256."""
    return data_home() / "archive"


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, `CHITIEU_DATABASE_URL`, or the default SQLite file."""
    url = url or os.environ.get("CHITIEU_DATABASE_URL")
    if not url:
        return f"sqlite:///{(data_home() / 'chitieu.db').resolve()}"
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):  # psycopg 3 is the driver we ship
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    # The driver's own transaction handling is off (isolation_level=None), so SQLAlchemy's
    # transactions are real ones, DDL included. A writing transaction takes the write lock
    # at once: two writers then wait on each other (busy_timeout) instead of failing midway.
    write = conn.get_execution_options().get("chitieu_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_engine(url: str) -> sa.Engine:
    """An engine with the settings the store needs on each backend.

    Raises:
        StoreError: the URL is malformed or names a driver that is not installed.
    """
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(f"Địa chỉ cơ sở dữ liệu không hợp lệ: {url!r}.") from None
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:":
            try:
                Path(db).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Không tạo được thư mục cơ sở dữ liệu {Path(db).parent}: {exc.strerror}."
                ) from None
        engine = sa.create_engine(parsed, connect_args={"isolation_level": None, "timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (ImportError, sa.exc.NoSuchModuleError) as exc:
        raise StoreError(
            f"Không dùng được cơ sở dữ liệu {parsed.render_as_string(hide_password=True)}: "
            f"thiếu trình điều khiển ({exc})."
        ) from None


@contextlib.contextmanager
def _schema_lock(engine: sa.Engine, conn: sa.Connection) -> Iterator[None]:
    """Serialise schema upgrades between processes (Prefect tasks open the store at once)."""
    if engine.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_lock({_PG_LOCK_KEY})")
        try:
            yield
        finally:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock({_PG_LOCK_KEY})")
        return
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if not db or db == ":memory:":
        yield
        return
    with open(f"{db}.migrate-lock", "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@functools.cache
def head_revision() -> str:
    """The newest migration (read once per process: every `Store.open` asks, and a flow
    opens the store once per batch of files)."""
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory(str(MIGRATIONS)).get_current_head())


def current_revision(conn: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the latest Alembic revision (a no-op when it is already there)."""
    from alembic import command
    from alembic.config import Config

    head = head_revision()
    with engine.connect() as probe:
        if current_revision(probe) == head:
            return
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.commit()  # end the implicit transaction; alembic opens its own
        with _schema_lock(engine, conn):
            if conn.in_transaction():
                conn.commit()
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            if conn.in_transaction():
                conn.commit()


def db_reason(exc: sa.exc.DBAPIError) -> str:
    """The driver's first line: what the database said, without SQLAlchemy's wrapping."""
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
