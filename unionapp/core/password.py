"""An optional password asked when the register is opened (window and command line).

It keeps a colleague at the shared office PC out of the members' personal data; it is not
encryption (whoever has the file and SQLite can read it — backups stay on the chairperson's
side). Only a salted PBKDF2 hash is stored, in the settings table under a key that is not one
of the organization's settings, so `config get` never prints it and `config set` cannot set it.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from unionapp.core import audit
from unionapp.core.db import Database
from unionapp.core.errors import UserError, ValidationError
from unionapp.core.i18n import N_
from unionapp.core.models import Setting

KEY = "security.password"
ITERATIONS = 200_000
MIN_LENGTH = 4
WRONG = N_("The password is not right.")
NEEDED = N_(
    "This register is protected by a password. Give it in the environment variable "
    "UNIONAPP_PASSWORD, or run the command in a terminal to be asked for it."
)


def _hash(password: str, salt: bytes, iterations: int = ITERATIONS) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def _stored(db: Database) -> str:
    with db.reading() as s:
        row = s.get(Setting, KEY)
        return row.value if row is not None else ""


def is_protected(db: Database) -> bool:
    return bool(_stored(db))


def check(db: Database, password: str) -> bool:
    """Whether ``password`` opens the register (always True when none is set)."""
    stored = _stored(db)
    if not stored:
        return True
    try:
        _scheme, iterations, salt, _digest = stored.split("$")
        expected = _hash(password, bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False  # a damaged value opens nothing: restore a backup to recover
    return hmac.compare_digest(expected, stored)


def require(db: Database, password: str | None) -> None:
    """Refuse unless ``password`` opens the register."""
    if not is_protected(db):
        return
    if password is None:
        raise UserError(NEEDED)
    if not check(db, password):
        raise UserError(WRONG)


def set_password(db: Database, new: str | None, *, current: str | None = None) -> None:
    """Set, change (``current`` must be right) or remove (``new`` empty) the password."""
    if is_protected(db) and not check(db, current or ""):
        raise ValidationError(WRONG, field="current")
    if new and len(new) < MIN_LENGTH:
        raise ValidationError(
            N_("A password needs at least {count} characters."), field="new", count=MIN_LENGTH
        )
    with db.transaction() as s:
        row = s.get(Setting, KEY)
        value = _hash(new, os.urandom(16)) if new else ""
        if row is None:
            s.add(Setting(key=KEY, value=value))
        else:
            row.value = value
        # the audit says that it changed, never the value
        audit.record(s, "update", "setting", None, {"password": (None, "set" if new else "none")})
