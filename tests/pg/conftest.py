"""The core on PostgreSQL: each test gets a fresh schema of the server in UNIONAPP_TEST_PG_URL.

Set it to a database the user may create schemas in, e.g.
``postgresql+psycopg://unionapp:unionapp@127.0.0.1:5432/unionapp_test`` (``.ci/run`` sets one
up). Without it these tests are skipped; with it, a server that cannot be reached is an error,
never a skip. Each test's schema is dropped after it, and the URL handed to the code under
test only adds ``options=-csearch_path=<schema>``: the code sees an ordinary database.

``any_db`` runs a test on both stores, so a behaviour is shown to be the same on each.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import URL, Engine, create_engine, make_url

# The shared builders of the import/export tests (real xlsx files, real databases).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))

PG_URL_VAR = "UNIONAPP_TEST_PG_URL"
SKIP_REASON = (
    f"{PG_URL_VAR} is not set: set it to a PostgreSQL URL, e.g. "
    "postgresql+psycopg://unionapp:unionapp@127.0.0.1:5432/unionapp_test (see README)"
)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Engine]:
    """An engine on the test server's database, for making and dropping schemas."""
    url = os.environ.get(PG_URL_VAR)
    if not url:
        pytest.skip(SKIP_REASON)
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:  # set but unreachable: fail here, loudly, not skip
        conn.exec_driver_sql("SELECT 1")
    yield engine
    engine.dispose()


def schema_url(base: str, schema: str) -> URL:
    return make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})


@pytest.fixture
def new_pg_url(pg_server: Engine) -> Iterator[Callable[[], str]]:
    """Makes URLs of empty databases (new schemas); all are dropped after the test."""
    made: list[str] = []

    def make() -> str:
        schema = f"t_{uuid.uuid4().hex[:16]}"
        with pg_server.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        made.append(schema)
        return schema_url(os.environ[PG_URL_VAR], schema).render_as_string(hide_password=False)

    yield make
    with pg_server.connect() as conn:
        # A test that left a connection holding locks fails here instead of hanging.
        conn.exec_driver_sql("SET lock_timeout = '20s'")
        for schema in made:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_url(new_pg_url: Callable[[], str]) -> str:
    """The URL of an empty database on the server, dropped after the test."""
    return new_pg_url()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Any]:
    """A unionapp database on PostgreSQL, opened (and so created) the way the program does."""
    from unionapp.core.store import open_database

    database = open_database(pg_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest) -> Any:
    """The same test on an SQLite file and on PostgreSQL (skipped there without a server)."""
    name = "db" if request.param == "sqlite" else "pg_db"
    return request.getfixturevalue(name)

