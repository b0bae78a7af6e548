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

Target = Path | str  # a file, or a server URL


def is_server_url(target: Target | None) -> bool:
    """A URL (``scheme://…``) names a server; anything else is a file path."""
    return target is not None and not isinstance(target, Path) and "://" in target


def as_target(text: str | Path) -> Target:
    """A command line's or setting's text as a file path or a server URL."""
    return str(text) if is_server_url(str(text)) else Path(text)


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
