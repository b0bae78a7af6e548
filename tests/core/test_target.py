"""Telling a server URL from a file, and showing a URL without its password (core.target),
the same way SQLAlchemy shows it: the window's shell must do it before SQLAlchemy is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import make_url

from unionapp.core.target import as_target, is_server_url, shown_name


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://unionapp:s3cr%40t@127.0.0.1:5432/union",
        "postgresql+psycopg://unionapp:pw@db.example.kg/union?options=-csearch_path%3Dx",
        "postgresql+psycopg://unionapp@127.0.0.1/union",
        "postgresql+psycopg://u:pw@[::1]:5433/union",
        "postgresql+psycopg:///union",
    ],
)
def test_a_url_is_shown_as_sqlalchemy_shows_it(url: str) -> None:
    assert is_server_url(url) and as_target(url) == url
    assert shown_name(url) == make_url(url).render_as_string(hide_password=True)
    assert ":pw@" not in shown_name(url) and "s3cr" not in shown_name(url)


@pytest.mark.parametrize(
    "path", ["union.sqlite", r"C:\Профсоюз\union.sqlite", "/data/№1 #2?.sqlite"]
)
def test_a_file_stays_a_file(path: str) -> None:
    assert not is_server_url(path) and not is_server_url(Path(path)) and not is_server_url(None)
    assert as_target(path) == Path(path)
    assert shown_name(Path(path)) == str(Path(path))
