"""Opening a database the way every face of the program does: check, back up, upgrade.

The order matters. The file is first looked at through a read-only connection
(``migrations.check_file``), so a text file, a damaged file, another program's database or
one from a newer unionapp is refused with a message naming it and stays byte-identical.
Only then does SQLAlchemy open it (which switches it to WAL mode), and before the first
upgrade step of a database that holds anything a verified backup is taken.
"""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory

from unionapp.core import backup, migrations
from unionapp.core.db import Database
from unionapp.core.target import is_server_url


def open_database(
    target: str | Path, *, upgrade: bool = True, scripts: ScriptDirectory | None = None
) -> Database:
    """Open (creating if new) and upgrade the schema, backing the file up before any upgrade.

    ``scripts`` replaces the program's own upgrade steps (tests of the upgrade path only).
    """
    if not is_server_url(target):
        migrations.check_file(Path(target), scripts)
    db = Database(target)
    try:
        if upgrade:
            migrations.upgrade(
                db,
                before=(lambda: backup.make_backup(db, "pre-upgrade")) if db.path else None,
                scripts=scripts,
            )
        else:
            migrations.check_not_newer(db, scripts)
    except BaseException:
        db.close()
        raise
    return db
