"""The program's log file (``logs/unionapp.log`` in the data folder): where the details of a
bug go, for the window and the command line alike - the user reads one line in her language
naming this file, and whoever helps her reads the traceback in it.

Standard library only: the window's start-up path imports it (tests/test_startup.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from unionapp import paths

HANDLER_NAME = "unionapp-file"
MAX_BYTES, KEPT = 1_000_000, 3


def log_file() -> Path:
    return paths.log_dir() / "unionapp.log"


def start_file_log() -> Path | None:
    """Send INFO and above to the log file (once); None when the file cannot be opened."""
    from logging.handlers import RotatingFileHandler  # ~8 ms: not before the first paint

    stop_file_log()
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=KEPT,
                                      encoding="utf-8")
    except OSError:
        return None
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return path


def stop_file_log() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(handler)
        handler.close()
