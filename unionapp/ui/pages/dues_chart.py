"""The Dues page's year chart, fed by its own background job: the dues statement of the year.

It is computed only when the year (or the data) changed; another month of the same year just
moves the highlight. One job at a time: a year asked for meanwhile is computed after it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QWidget

from unionapp.core.dues_statement import Statement, dues_statement
from unionapp.ui.operations import Work
from unionapp.ui.pages.register_base import LatestRead
from unionapp.ui.widgets.month_bars import MonthBars, MonthFigures


class YearChart(MonthBars):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._year: int | None = None  # the year shown or being computed
        self._db: Any = None
        self._month: dt.date | None = None
        self.reader = LatestRead(self, self._read, self._done, self._failed)

    def is_loading(self) -> bool:
        return self.reader.busy()

    def invalidate(self) -> None:
        """The figures may have changed: the next ``show_month`` recomputes the year."""
        self._year = None

    def show_month(self, db: Any, month: dt.date) -> None:
        """Highlight ``month``; compute its year's figures when they are not shown yet."""
        self._db, self._month = db, month
        self.set_highlighted(month.month)
        if self._year == month.year:
            return
        self.reader.start()  # busy: the year last asked for is computed after this one

    def _read(self) -> Work:
        assert self._month is not None
        db, year = self._db, self._month.year
        self._year = year
        return lambda _progress, _cancelled: dues_statement(db, year)

    def _done(self, statement: Statement) -> None:
        self.set_figures(
            [MonthFigures(r.total, r.to_higher, r.retained) for r in statement.rows],
            self.highlighted,
        )

    def _failed(self, _exc: BaseException) -> None:
        self._year = None  # asked again, the year is computed again
