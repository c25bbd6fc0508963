"""Alembic environment: URL and metadata come from the app, never from alembic.ini.

`claims_app.migrate` hands over an open connection in ``config.attributes``; run from the
shell (`alembic upgrade head`), the app's own settings pick the database.
"""

from __future__ import annotations

from alembic import context

from claims_app.crossref.models import include_name
from claims_app.models import include_object, metadata

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    from claims_app import create_app
    from claims_app.db import get_db
    from claims_app.migrate import migration_connection

    app = create_app()
    with migration_connection(get_db(app).engine) as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported; run against a database")
run_migrations_online()
