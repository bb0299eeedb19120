"""Alembic migrations of the schema, applied at start-up by `Database.upgrade`."""
