"""What the register pages (aid, awards, decisions, budget, the vouchers tabs) do alike.

Each reads its list on the thread pool, one read at a time with the last request winning;
chooses a year; filters as the user types; deletes the chosen row with the Delete key after a
question whose default is No and whose buttons say what they do; runs the import wizard; and
says where an export was written. Held once here, a fix to any of these (a read that reports
after its page was closed, a question that Enter could answer Yes) is made in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from unionapp.core.i18n import N_, _
from unionapp.ui.operations import BackgroundJob, Work, run_in_background, show_error, start_job
from unionapp.ui.pages.base import Page
from unionapp.ui.pages.page_parts import style_heading
from unionapp.ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from unionapp.ui.dialogs.import_wizard import ImportWizard
    from unionapp.ui.state import AppState

T = TypeVar("T")
D = TypeVar("D", bound=QDialog)


class LatestRead:
    """One read on the thread pool at a time. Asked again while one runs, it reads once more
    when that one ends and shows only the newer result (the last request wins); a read that
    reports after its widget was closed is dropped."""

    def __init__(self, owner: QWidget, work: Callable[[], Work],
                 done: Callable[[Any], None],
                 failed: Callable[[BaseException], None] | None = None) -> None:
        """``work()`` is called when a read starts: it takes what to read (the year chosen
        then) and returns the function the pool runs. ``failed(exc)``, if given, runs before
        the error is shown (to forget what the read's start assumed)."""
        self.owner, self._work, self._done, self._on_failure = owner, work, done, failed
        self.job: BackgroundJob | None = None
        self.again = False

    def start(self) -> None:
        if self.job is not None:
            self.again = True
            return
        self.job = start_job(self._work(), self._loaded, on_error=self._failed)

    def busy(self) -> bool:
        return self.job is not None

    def _finish(self) -> bool:
        if not shiboken6.isValid(self.owner):
            return False
        self.job = None
        if self.again:
            self.again = False
            self.start()
            return False
        return True

    def _loaded(self, result: Any) -> None:
        if self._finish():
            self._done(result)

    def _failed(self, exc: BaseException) -> None:
        if self._finish():
            if self._on_failure is not None:
                self._on_failure(exc)
            show_error(self.owner, exc)


# -- the year combo: years as item data, newest first ------------------------------------------
def chosen_year(combo: QComboBox) -> int:
    value = combo.currentData()
    return int(value) if value is not None else dt.date.today().year


def fill_years(combo: QComboBox, years: Iterable[int]) -> None:
    """``years`` and the one chosen (this year at first), newest first; the choice is kept."""
    chosen = combo.currentData() or dt.date.today().year
    combo.blockSignals(True)
    combo.clear()
    for year in sorted(set(years) | {chosen}, reverse=True):
        combo.addItem(str(year), year)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)


def set_year(combo: QComboBox, year: int) -> None:
    """Choose ``year`` (added when the list lacks it); the change reads it."""
    row = combo.findData(year)
    if row < 0:
        combo.addItem(str(year), year)
        row = combo.count() - 1
    combo.setCurrentIndex(row)


# -- the parts of a page ---------------------------------------------------------------------------
def heading(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    style_heading(label)
    return label


def top_row(buttons: Iterable[QWidget], *, title: QLabel | None = None,
            left: Iterable[QWidget] = ()) -> QHBoxLayout:
    """The page's title (or ``left``: a label and its combo) on the left, the buttons flowing
    to the right and wrapping on a narrow window."""
    actions = FlowLayout(align_right=True)
    for button in buttons:
        actions.addWidget(button)
    top = QHBoxLayout()
    if title is not None:
        top.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
    for widget in left:
        top.addWidget(widget)
    top.addSpacing(12)
    top.addLayout(actions, 1)
    return top


def search_box(name: str, on_text: Callable[[str], object]) -> QLineEdit:
    search = QLineEdit()
    search.setObjectName(name)
    search.setClearButtonEnabled(True)
    search.textChanged.connect(on_text)
    return search


def year_combo(name: str, label: QLabel, on_change: Callable[[], object]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    label.setBuddy(combo)
    combo.currentIndexChanged.connect(lambda _i: on_change())
    return combo


def focus_search(search: QLineEdit) -> None:
    search.setFocus(Qt.FocusReason.ShortcutFocusReason)
    search.selectAll()


class DeleteKey(QObject):
    """The Delete key on a list asks to delete its chosen row (the key is not passed on)."""

    def __init__(self, target: QWidget, action: Callable[[], object]) -> None:
        super().__init__(target)
        self.action = action
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete):
            self.action()
            return True
        return False


# -- questions, notes and changes ----------------------------------------------------------------
def confirm(parent: QWidget, title: str, text: str, on_yes: Callable[[], object], *,
            info: str = "", yes: str = N_("Delete"), no: str = N_("Do not delete")) -> QMessageBox:
    """A question shown without blocking (tests answer it by its buttons); No is the default,
    so Enter never destroys anything. ``yes``/``no`` are msgids naming what the buttons do."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons.Yes | buttons.No, parent)
    if info:
        box.setInformativeText(info)
    box.button(buttons.Yes).setText(_(yes))
    box.button(buttons.No).setText(_(no))
    box.setDefaultButton(buttons.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(
        lambda _r: on_yes() if box.clickedButton() == box.button(buttons.Yes) else None)
    box.open()
    return box


def tell(parent: QWidget, title: str, text: str,
         icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
    """A note (an export written, a refusal) shown without blocking."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def run_change(parent: QWidget, state: AppState, what: str, action: Callable[[], T]) -> T | None:
    """One service call that changes ``what``: its error shown (nothing changed, None
    returned), else every page told."""
    try:
        result = action()
    except Exception as exc:  # noqa: BLE001 - shown to the user
        show_error(parent, exc)
        return None
    state.notify_changed(what)
    return result


def open_import(parent: QWidget, state: AppState, kind: str) -> ImportWizard:
    """The import wizard for ``kind`` (not blocking); the pages hear of it when it closes."""
    from unionapp.ui.dialogs.import_wizard import ImportWizard  # only when asked for

    wizard = ImportWizard(state, kind, parent)
    wizard.finished.connect(lambda _r: state.notify_changed(kind))
    wizard.open()
    return wizard


def export_in_background(parent: QWidget, work: Callable[[], T],
                         note: Callable[[T], QMessageBox | None]) -> None:
    """Write an export off the GUI thread (``work`` has taken what it needs already); then
    ``note(result)`` says where, if the page is still open."""
    def done(result: Any) -> None:
        if shiboken6.isValid(parent):
            note(result)

    run_in_background(parent, _("Exporting…"), lambda _progress, _cancelled: work(), done,
                      cancellable=False)


class RegisterPage(Page):
    """A sidebar page over one register: ``read()`` gives the thread pool's work, its result
    goes to ``show_read``; a change in ``reload_on`` reads again (when the page is hidden and
    ``read_when_hidden`` is off, once it is shown)."""

    reload_on: frozenset[str] = frozenset()
    read_when_hidden = True

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.dialog: QDialog | None = None  # the last dialog opened
        self.box: QMessageBox | None = None  # the last question or note shown
        self._stale = False
        self.reader = LatestRead(self, self.read, self.show_read)

    # Abstract: every register page says what it reads and how it shows it (Qt's metaclass
    # rules out abc.ABC here; tests/ui/test_register_base.py checks every subclass has both).
    def read(self) -> Work:
        raise NotImplementedError(f"{type(self).__name__} must define read()")

    def show_read(self, result: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define show_read()")

    def reload(self) -> None:
        self._stale = False
        self.reader.start()

    def is_loading(self) -> bool:
        return self.reader.busy()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def on_data_changed(self, what: str) -> None:
        if what not in self.reload_on:
            return
        if self.read_when_hidden or self.isVisible():
            self.reload()
        else:
            self._stale = True  # read again when shown

    def show_dialog(self, dialog: D) -> D:
        """Open ``dialog`` without blocking; it is deleted when closed."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def ask(self, text: str, action: Callable[[], object], changed: str, *, info: str = "",
            yes: str = N_("Delete")) -> QMessageBox:
        """A question titled with the page's name; Yes runs ``action`` (it changes
        ``changed``)."""
        self.box = confirm(self, self.title(), text,
                           lambda: run_change(self, self.state, changed, action),
                           info=info, yes=yes)
        return self.box

    def tell(self, title: str, text: str,
             icon: QMessageBox.Icon = QMessageBox.Icon.Information) -> QMessageBox:
        self.box = tell(self, title, text, icon)
        return self.box

    def export_rows(self, kind: str, target: Any) -> None:
        """Every ``kind`` record (all years) in the import's columns, off the GUI thread."""
        from unionapp.core import i18n
        from unionapp.core.exporting import export_register  # only when asked for
        from unionapp.core.formatting import format_number

        db, lang = self.state.db, i18n.get_language()
        export_in_background(
            self, lambda: export_register(db, kind, target, lang),
            lambda count: self.tell(_("Export"), _("{count} rows were saved to {path}.").format(
                count=format_number(count if isinstance(count, int) else 0), path=str(target))))
