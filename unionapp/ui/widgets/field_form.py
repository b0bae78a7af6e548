"""A form whose fields show their own errors: a red border and the message under the field.

The core names the field of every ValidationError, so a form can put each message right where
the mistake is instead of in a box the user must read, close and remember.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from unionapp.core.errors import ValidationError, ValidationGroup
from unionapp.core.i18n import N_
from unionapp.core.member_fields import field_label
from unionapp.core.money import MoneyError, to_tyiyn
from unionapp.ui.operations import show_error
from unionapp.ui.widgets.date_edit import DateEdit

ERROR_COLOR = "#c62828"
REQUIRED = N_("This field is required.")


def money_of(text: str, field: str, *, required: bool = True) -> int | None:
    """Som as typed («1 500,50») to tyiyn; a ValidationError on ``field`` when it is not an
    amount, or (``required``) when it is empty; empty and not required: None."""
    text = text.strip()
    if not text:
        if required:
            raise ValidationError(REQUIRED, field=field)
        return None
    try:
        return to_tyiyn(text)
    except MoneyError:
        raise ValidationError(N_("Not an amount of money: {value}."), field=field,
                              value=text) from None


class FieldForm(QWidget):
    """Labelled fields in side-by-side columns (plus full-width rows below them).

    Each column is its own grid, so a message shown under a field in one column pushes down
    only that column. ``show_errors`` marks the offending fields.
    """

    def __init__(self, columns: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grids: list[QGridLayout] = []
        side_by_side = QHBoxLayout()
        side_by_side.setSpacing(24)
        for _column in range(columns):
            grid = self._grid()
            side_by_side.addLayout(grid, 1)
            self.grids.append(grid)
        self.wide = self._grid()  # full-width rows under the columns
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addLayout(side_by_side)
        outer.addLayout(self.wide)
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.general = QLabel()  # errors that belong to no one field
        self.general.setWordWrap(True)
        self.general.setStyleSheet(f"color: {ERROR_COLOR};")
        self.general.hide()

    @staticmethod
    def _grid() -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        return grid

    def add(self, name: str, widget: QWidget, column: int = 0) -> QWidget:
        """A field in one of the columns; ``column=-1`` for a full-width row below them."""
        grid = self.wide if column < 0 else self.grids[column]
        row = grid.rowCount() if grid.count() else 0
        label = QLabel()
        label.setBuddy(widget)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        error.setStyleSheet(f"color: {ERROR_COLOR};")
        error.hide()
        grid.addWidget(label, row, 0)
        grid.addWidget(widget, row, 1)
        grid.addWidget(error, row + 1, 1)
        self.widgets[name] = widget
        self.labels[name] = label
        self.errors[name] = error
        return widget

    def retranslate(self, labels: dict[str, str] | None = None) -> None:
        """Labels from the shared field names, or from ``labels`` (already translated)."""
        for name, label in self.labels.items():
            text = (labels or {}).get(name) or field_label(name)
            label.setText(f"{text}:")
        # the full-width rows line up with the first column
        first = [self.labels[n] for n in self.labels if self.grids and self._in(self.grids[0], n)]
        width = max((lab.sizeHint().width() for lab in first), default=0)
        for grid in (self.grids[0], self.wide) if self.grids else (self.wide,):
            grid.setColumnMinimumWidth(0, width)

    def _in(self, grid: QGridLayout, name: str) -> bool:
        return grid.indexOf(self.labels[name]) >= 0

    # -- errors -------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for name, error in self.errors.items():
            error.hide()
            error.clear()
            error.setMinimumHeight(0)
            self._mark(self.widgets[name], False)
        self.general.hide()
        self.general.clear()

    def show_errors(self, errors: Iterable[ValidationError]) -> None:
        """Mark each error's field; the first marked field gets the focus."""
        first: QWidget | None = None
        general: list[str] = []
        for exc in errors:
            error = self.errors.get(exc.field)
            if error is None:
                general.append(exc.message())
                continue
            text = exc.message()
            if error.text() and text not in error.text():
                text = f"{error.text()}\n{text}"
            error.setText(text)
            error.show()
            # a wrapped label inside nested layouts may be given one line's height only
            width = self.widgets[exc.field].width()
            if width > 50:
                error.setMinimumHeight(error.heightForWidth(width))
            self._mark(self.widgets[exc.field], True)
            first = first or self.widgets[exc.field]
        if general:
            self.general.setText("\n".join(general))
            self.general.show()
        self._fit_window()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_window(self) -> None:
        """Grow the dialog until every message shows whole: Qt leaves the height a wrapped
        label needs at its width out of a window's minimum size, so without this the
        messages' last lines hide under the next field."""
        window = self.window()
        layout = window.layout() if window is not self else None
        if layout is None:
            return
        layout.activate()
        need = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
                else layout.totalMinimumSize().height())
        if need > window.height():
            window.resize(window.width(), need)

    def run_save(self, action: Callable[[], object]) -> bool:
        """One service call that saves the form: what it refuses is marked on its fields, any
        other error shown in a box (nothing was saved); True when it saved."""
        try:
            action()
        except ValidationGroup as group:
            self.show_errors(group.errors)
            return False
        except ValidationError as exc:
            self.show_errors([exc])
            return False
        except Exception as exc:  # noqa: BLE001 - shown to the user, nothing saved
            show_error(self.window(), exc)
            return False
        return True

    def error_text(self, name: str) -> str:
        """The message shown under a field ('' when it is fine)."""
        error = self.errors[name]
        return error.text() if not error.isHidden() else ""

    def is_marked(self, name: str) -> bool:
        return bool(self.widgets[name].property("invalid"))

    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        """Outline the field; a composite field (a picker, a range) names in
        ``mark_targets`` the parts that hold its value, and those are outlined."""
        targets = getattr(widget, "mark_targets", None)
        if targets is not None:
            widget.setProperty("invalid", invalid)
            for part in targets:
                FieldForm._mark(part, invalid)
            return
        target: QWidget = widget.line if isinstance(widget, DateEdit) else widget
        widget.setProperty("invalid", invalid)
        kind = type(target).__name__
        for cls in type(target).__mro__:
            if cls.__module__.startswith("PySide6"):
                kind = cls.__name__  # style our subclasses by their Qt class
                break
        target.setStyleSheet(
            f"{kind} {{ border: 1px solid {ERROR_COLOR}; border-radius: 3px; padding: 2px; }}"
            if invalid
            else ""
        )
