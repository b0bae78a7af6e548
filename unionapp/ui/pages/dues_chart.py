"""The Dues page's year chart, fed by its own background job: the dues statement of the year.

It is computed only when the year (or the data) changed; another month of the same year just
moves the highlight. One job at a time: a year asked for meanwhile is computed after it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget

from unionapp.core.dues_statement import Statement, dues_statement
from unionapp.ui.operations import BackgroundJob, show_error, start_job
from unionapp.ui.widgets.month_bars import MonthBars, MonthFigures


class YearChart(MonthBars):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._job: BackgroundJob | None = None
        self._year: int | None = None  # the year shown or being computed
        self._again = False
        self._db: Any = None
        self._month: dt.date | None = None

    def is_loading(self) -> bool:
        return self._job is not None

    def invalidate(self) -> None:
        """The figures may have changed: the next ``show_month`` recomputes the year."""
        self._year = None

    def show_month(self, db: Any, month: dt.date) -> None:
        """Highlight ``month``; compute its year's figures when they are not shown yet."""
        self._db, self._month = db, month
        self.set_highlighted(month.month)
        if self._year == month.year:
            return
        if self._job is not None:
            self._again = True
            return
        self._year = month.year
        self._job = start_job(
            lambda _progress, _cancelled: dues_statement(db, month.year),
            self._done, on_error=self._failed,
        )

    def _finish(self) -> bool:
        if not shiboken6.isValid(self):
            return False
        self._job = None
        if self._again and self._month is not None:
            self._again = False
            self._year = None
            self.show_month(self._db, self._month)
            return False
        return True

    def _done(self, statement: Statement) -> None:
        if self._finish():
            self.set_figures(
                [MonthFigures(r.total, r.to_higher, r.retained) for r in statement.rows],
                self.highlighted,
            )

    def _failed(self, exc: BaseException) -> None:
        if self._finish():
            self._year = None
            show_error(self, exc)
