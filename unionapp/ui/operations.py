"""Running service calls from the UI: errors shown in the user's language, long work off the
GUI thread with a progress dialog and a cancel button.

The core reports progress through plain callbacks (``progress(done, total)``,
``cancelled()``); ``BackgroundJob`` turns those into Qt signals (the Dangerzone pattern), so the
core never knows about Qt. Signals emitted on the worker thread are delivered on the GUI
thread, so ``on_done`` and ``on_error`` may touch widgets.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.logfile import log_file

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]
PROGRESS_INTERVAL = 0.05  # seconds between progress signals: a 50k-row loop must not flood


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A refused input gets its message; anything else is a bug and says so, with details."""
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, _("unionapp"), exc.message())
        return
    log.error("unexpected error", exc_info=exc)
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("unionapp"),
        _("Something went wrong inside the program. Nothing was saved."),
        parent=parent,
    )
    box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()


def error_text(exc: BaseException) -> str:
    """A failure as a status line or a sentence can name it: a refusal's own message; for a
    bug (logged here with its traceback) a plain phrase pointing to the log, never the
    exception's English text."""
    if isinstance(exc, UserError):
        return exc.message()
    log.error("unexpected error", exc_info=exc)
    return _("an error inside the program (the details are in {file})").format(
        file=str(log_file()))


def perform(parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a quick service function; on error show it and return None."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - every error is shown, none swallowed silently
        show_error(parent, exc)
        return None


def confirm(parent: QWidget | None, text: str, *, title: str | None = None) -> bool:
    """Ask a yes/no question; No is the default so Enter never destroys anything."""
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent, title or _("unionapp"), text, buttons.Yes | buttons.No, buttons.No
    )
    return answer == buttons.Yes


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class BackgroundJob(QRunnable):
    """Runs ``fn(progress, cancelled)`` on the thread pool and reports back by signals."""

    def __init__(self, fn: Work) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.finished = threading.Event()
        self._cancel = threading.Event()
        self._last_progress = 0.0
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            self.signals.progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread to show
            self.finished.set()
            self._report(self.signals.failed, exc)
        else:
            self.finished.set()
            self._report(self.signals.succeeded, result)

    @staticmethod
    def _report(signal: Any, value: object) -> None:
        """Hand the result over; if the program is closing and its receiver is gone, drop it."""
        try:
            signal.emit(value)
        except RuntimeError:
            log.info("a background job finished after its window closed")


_running: set[BackgroundJob] = set()


def start_job(
    fn: Work,
    on_done: Callable[[Any], None],
    *,
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> BackgroundJob:
    """Run ``fn`` on the thread pool; the callbacks run on the GUI thread afterwards."""
    job = BackgroundJob(fn)
    _running.add(job)
    queued = Qt.ConnectionType.QueuedConnection

    def succeeded(result: Any) -> None:
        _running.discard(job)
        on_done(result)

    def failed(exc: BaseException) -> None:
        _running.discard(job)
        on_error(exc)

    if on_progress is not None:
        job.signals.progressed.connect(on_progress, queued)
    job.signals.succeeded.connect(succeeded, queued)
    job.signals.failed.connect(failed, queued)
    QThreadPool.globalInstance().start(job)
    return job


def run_in_background(
    parent: QWidget | None,
    title: str,
    fn: Work,
    on_done: Callable[[Any], None],
    *,
    cancellable: bool = True,
    on_error: Callable[[BaseException], None] | None = None,
    show_after_ms: int = 200,
) -> BackgroundJob:
    """Show a progress dialog, run ``fn`` off the GUI thread, call ``on_done(result)`` after.

    The dialog appears only when the work takes longer than 200 ms, and blocks the window
    (window-modal) meanwhile, so nothing else can touch the data the work is changing.
    """
    dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(_("unionapp"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(show_after_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def close_dialog() -> None:
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()

    def done(result: Any) -> None:
        close_dialog()
        on_done(result)

    def failed(exc: BaseException) -> None:
        close_dialog()
        (on_error or (lambda e: show_error(parent, e)))(exc)

    job = start_job(fn, done, on_error=failed, on_progress=progressed)
    dialog.canceled.connect(job.cancel)
    return job


def running_jobs() -> int:
    """How many background jobs have not reported back yet (tests wait for zero)."""
    return len(_running)


def ask_save_path(
    parent: QWidget | None, title: str, default_name: str, *, csv: bool = True
) -> Path | None:
    """Where to write an export: an .xlsx (or .csv) in the home folder by default; a name typed
    without its ending gets the one of the chosen file type. None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    kinds = _("Excel workbook (*.xlsx)")
    if csv:
        kinds += ";;" + _("CSV file (*.csv)")
    path, chosen = QFileDialog.getSaveFileName(parent, title, str(Path.home() / default_name),
                                               kinds)
    if not path:
        return None
    target = Path(path)
    endings = (".xlsx", ".csv") if csv else (".xlsx",)
    if target.suffix.lower() not in endings:
        target = target.with_suffix(".csv" if csv and "csv" in chosen.lower() else ".xlsx")
    return target
