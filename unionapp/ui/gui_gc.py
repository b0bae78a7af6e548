"""Python's cyclic garbage collector, run on the GUI thread only.

CPython collects cycles in whichever thread happens to allocate when a threshold is passed:
often a worker reading the register. If the garbage holds Qt objects (a closed dialog, a page's
model, a finished job's signals), their C++ destructors would then run on that worker, and Qt
objects may only be destroyed on the thread that owns them: a crash, seen at random. So while
the window runs, automatic collection is off and a timer on the GUI thread collects by the same
thresholds CPython uses (the way Anki does it); reference counting frees everything else at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """``GuiThreadCollector(app)`` while the event loop runs; ``stop()`` gives collection back."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.was_enabled = gc.isenabled()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """Collect the generations whose thresholds are passed; how many objects were found."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for level in range(3):
            if counts[level] <= thresholds[level]:
                break
            generation = level
        return gc.collect(generation) if generation >= 0 else 0

    def stop(self) -> None:
        self.timer.stop()
        if self.was_enabled:
            gc.enable()
