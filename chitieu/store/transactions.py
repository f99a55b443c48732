"""How the store's methods get a connection: one transaction per write, or one per batch.

Every public write of `Store` runs in `_write()`: on its own, that is one transaction.
Inside `store.batch()`, the writes of the calling thread share one transaction and each
runs in a savepoint of it: a write that fails rolls back only itself (one file's records,
never half of them), the others are kept, and everything is committed at the end of the
block — or nothing, if the block raises. A national intake then commits once per batch
of files instead of several times per file. Reads inside a batch use the same connection,
so they see what the batch wrote.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa


class Transactions:
    """Connections for `Store` (its base class)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._batch_local = threading.local()

    def _batch_conn(self) -> sa.Connection | None:
        return getattr(self._batch_local, "conn", None)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Run the block's writes in one transaction, each write in its own savepoint.

        Per thread: other threads using the same store keep their own transactions. A
        batch inside a batch is the outer one. On SQLite the batch holds the write lock
        until it ends: keep batches short (tens of files), other writers wait meanwhile.
        """
        if self._batch_conn() is not None:
            yield
            return
        with self.engine.connect() as conn:
            conn.execution_options(chitieu_write=True)
            with conn.begin():
                self._batch_local.conn = conn
                try:
                    yield
                finally:
                    self._batch_local.conn = None

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write: all of it is stored, or none of it (a transaction, or a savepoint of
        the batch's)."""
        conn = self._batch_conn()
        if conn is not None:
            with conn.begin_nested():
                yield conn
            return
        with self.engine.connect() as conn:
            conn.execution_options(chitieu_write=True)
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        conn = self._batch_conn()
        if conn is not None:
            yield conn
            return
        with self.engine.connect() as conn:
            yield conn
