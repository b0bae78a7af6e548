"""Where a register lives: a SQLite file, or a database server named by a URL.

Every face of the program takes either (``--db FILE`` or ``--db postgresql+psycopg://…``), and
several places must tell them apart before anything is opened: the window's start (a file is
locked and backed up, a server is shared by several PCs and backed up by its administrator),
the CLI, copying. This module is light on purpose (standard library only): the window's shell
imports it before SQLAlchemy is loaded.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from unionapp.core.errors import UserError
from unionapp.core.i18n import N_

Target = Path | str  # a file, or a server URL
SERVER_SCHEME = "postgresql+psycopg"  # the one driver the program carries
# How psql, pgAdmin and hosting panels write the same server's address.
SAME_SERVER_SCHEMES = frozenset({"postgresql", "postgres"})
UNSUPPORTED = N_(
    "unionapp cannot work with the database {url}: give a database file, or a PostgreSQL "
    "server as postgresql+psycopg://user:password@host/database."
)


def is_server_url(target: Target | None) -> bool:
    """A URL (``scheme://…``) names a server; anything else is a file path."""
    return target is not None and not isinstance(target, Path) and "://" in target


def as_target(text: str | Path) -> Target:
    """A command line's or setting's text as a file path or a server URL (see ``server_url``)."""
    return server_url(str(text)) if is_server_url(str(text)) else Path(text)


def server_url(url: str) -> str:
    """The URL the program opens: ``postgres://`` and ``postgresql://`` as
    ``postgresql+psycopg://``; any other kind of database refused in words (SQLAlchemy would
    stop with a traceback naming a plugin or a driver module)."""
    scheme, rest = url.split("://", 1)
    if scheme.lower() in SAME_SERVER_SCHEMES:
        scheme = SERVER_SCHEME
    if scheme.lower() != SERVER_SCHEME:
        raise UserError(UNSUPPORTED, url=shown_name(url))
    return f"{SERVER_SCHEME}://{rest}"


def shown_name(target: Target) -> str:
    """The register as the user is shown it: a file's path, a server's URL without its password
    (the same as SQLAlchemy's ``render_as_string(hide_password=True)``)."""
    if not is_server_url(target):
        return str(target)
    parts = urlsplit(str(target))
    if parts.password is None:
        return str(target)
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    netloc = f"{user}:***@{host}" + (f":{parts.port}" if parts.port is not None else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
