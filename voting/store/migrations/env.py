"""Alembic environment: runs on the connection `Database.upgrade` hands over (no alembic.ini)."""

from alembic import context

from voting.store import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters tables by copying them; batch mode makes one migration serve both databases.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
