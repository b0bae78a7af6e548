"""Whole files or none: every export, printout and report reaches the disk through here.

A file is built under a hidden temporary name in the target's own folder (so the final rename
stays on one disk and is atomic) and renamed over the target only when the writer finished.
A failure or a cancel removes the half-built file and leaves an existing target as it was; an
operating-system refusal becomes ``write_failed``'s message in the user's language. The file
is made readable to others on the PC (0644), not mkstemp's private 0600: a printout is for
whoever prints it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from unionapp.core.write_errors import write_failed

TEMP_PREFIX = ".writing-"
FILE_MODE = 0o644


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` to write to; on leaving the block normally it
    becomes ``path``. Missing folders are made (as every writer did); an ``OSError`` anywhere,
    the writer's own included, is raised as the translated ``write_failed`` refusal."""
    path = Path(path)
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
        os.close(handle)
        temp = Path(name)
        yield temp
        temp.chmod(FILE_MODE)
        os.replace(temp, path)
    except OSError as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise write_failed(path, exc) from exc
    except BaseException:
        if temp is not None:
            temp.unlink(missing_ok=True)
        raise
