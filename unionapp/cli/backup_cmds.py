"""``unionapp backup [--out FILE]``, ``unionapp restore FILE``, ``unionapp check``.

``backup`` prints only the new file's path, so a script can use it; ``--out`` may name a new
file or an existing folder (a flash drive), which gets a backup under the usual dated name.
``restore`` takes the database's lock (a desktop window open on it is refused, it would keep
writing into the old file), closes the database, swaps the backup in and opens the result
once, which upgrades a backup from an older version. ``check`` exits 2 when it finds any
problem, each printed as «Error: …» like every other refusal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from unionapp.cli import EXIT_OK, EXIT_REFUSED, Context, err, out, refusal
from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _
from unionapp.core.lock import DatabaseLock

SERVER_BACKUP = N_(
    "A server database is backed up with the server's own tools. To keep a copy of the whole "
    "register in a file, run: unionapp copy --to FILE"
)


def register(sub: Any) -> None:
    make = sub.add_parser("backup", help=_("back the database up now and print the file's path"))
    make.add_argument(
        "--out",
        type=Path,
        metavar=_("FILE"),
        help=_(
            "write the backup to this new file, or into this folder "
            "(default: the backups folder)"
        ),
    )
    make.set_defaults(handler=run_backup)
    put_back = sub.add_parser(
        "restore", help=_("replace the database with a backup (the current state is backed up)")
    )
    put_back.add_argument("file", type=Path, help=_("the backup file"))
    put_back.set_defaults(handler=run_restore)
    check = sub.add_parser("check", help=_("check the database's integrity and schema version"))
    check.set_defaults(handler=run_check)


def run_backup(ctx: Context) -> int:
    import datetime as dt

    from unionapp.core import backup  # not at import: every command loads this module

    if ctx.is_server:  # say what the user can do instead
        raise UserError(SERVER_BACKUP)
    target: Path | None = ctx.args.out
    db = ctx.db
    if target is not None and target.is_dir():
        target = target / backup.backup_name(ctx.db_path, backup.MANUAL, dt.datetime.now())
    out(str(backup.make_backup(db, backup.MANUAL, target)))
    return EXIT_OK


def run_restore(ctx: Context) -> int:
    from unionapp.core import backup
    from unionapp.core.store import open_database

    db_path = ctx.db_path.resolve()
    with DatabaseLock(db_path):
        ctx.close()
        saved = backup.restore(db_path, ctx.args.file)
        open_database(db_path).close()
    out(_("Restored {file} into {db}.").format(file=ctx.args.file, db=db_path))
    if saved is not None:
        out(_("The previous state was saved to {path}.").format(path=saved))
    return EXIT_OK


def run_check(ctx: Context) -> int:
    from unionapp.core import backup

    problems = backup.check(ctx.db)
    for problem in problems:
        err(refusal(problem))
    if problems:
        return EXIT_REFUSED
    out(_("The database {path} is OK.").format(path=ctx.db_name))
    return EXIT_OK
