"""alembic environment, used only when a developer runs the ``alembic`` command.

The program itself runs upgrades through ``unionapp.core.migrations`` without this file.
"""

from alembic import context

from unionapp.core.models import Base

config = context.config
connectable = config.attributes.get("connection")
if connectable is None:
    from sqlalchemy import create_engine

    connectable = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with connectable.connect() as connection:
        context.configure(
            connection=connection, target_metadata=Base.metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connectable, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
