"""alembic scripts of the schema, one numbered file per released schema version."""
