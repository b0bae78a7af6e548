"""Running service calls from the UI: errors shown in the user's language, long work off the
GUI thread with a progress dialog and a cancel button.

The core reports progress through plain callbacks (``progress(done, total)``,
``cancelled()``); ``BackgroundJob`` turns those into Qt signals (the Dangerzone pattern), so the
core never knows about Qt.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from unionapp.core.errors import UserError
from unionapp.core.i18n import _

log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A refused input gets its message; anything else is a bug and says so, with details."""
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, _("unionapp"), exc.message())
        return
    log.error("unexpected error", exc_info=exc)
    box = QMessageBox(QMessageBox.Icon.Critical, _("unionapp"),
                      _("Something went wrong inside the program. Nothing was saved."), parent=parent)
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()


def perform(parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a quick service function; on error show it and return None."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - every error is shown, none swallowed silently
        show_error(parent, exc)
        return None


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class BackgroundJob(QRunnable):
    """Runs ``fn(progress, cancelled)`` on the thread pool and reports back by signals."""

    def __init__(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progressed.emit, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


_running: set[BackgroundJob] = set()


def run_in_background(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
    on_done: Callable[[Any], None],
    *,
    cancellable: bool = True,
    on_error: Callable[[BaseException], None] | None = None,
) -> BackgroundJob:
    """Show a progress dialog, run ``fn`` off the GUI thread, call ``on_done(result)`` after."""
    dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(_("unionapp"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(200)
    if not cancellable:
        dialog.setCancelButton(None)
    job = BackgroundJob(fn)
    _running.add(job)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finish() -> None:
        _running.discard(job)
        dialog.reset()
        dialog.deleteLater()

    def succeeded(result: Any) -> None:
        finish()
        on_done(result)

    def failed(exc: BaseException) -> None:
        finish()
        (on_error or (lambda e: show_error(parent, e)))(exc)

    job.signals.progressed.connect(progressed)
    job.signals.succeeded.connect(succeeded)
    job.signals.failed.connect(failed)
    dialog.canceled.connect(job.cancel)
    QThreadPool.globalInstance().start(job)
    return job
