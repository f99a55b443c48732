"""Alembic environment for the record store.

Run in code by `chitieu.store.engine.migrate`, which passes an open connection in
`config.attributes["connection"]`; there is no alembic.ini to edit.
"""

from __future__ import annotations

from alembic import context

from chitieu.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the `alembic` CLI by hand
    raise SystemExit("Run migrations through chitieu.store (Store.open), not the alembic CLI.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
