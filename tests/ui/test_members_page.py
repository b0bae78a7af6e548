"""The members page as a chairperson uses it: type to search, quick filters, sort, open."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from known_register import ACTIVE, LEFT, PEOPLE
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from unionapp.core import i18n, members
from unionapp.core.formatting import format_number
from unionapp.core.i18n import translate_in
from unionapp.core.member_list import COLUMNS
from unionapp.core.members import MemberInput
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.state import AppState

NAME = COLUMNS.index("full_name")
CARD = COLUMNS.index("card_no")


@pytest.fixture
def page(qtbot, app_state: AppState) -> MembersPage:  # type: ignore[no-untyped-def]
    widget = MembersPage(app_state)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def type_text(widget: QWidget, text: str) -> None:
    """Key presses one character at a time (QTest.keyClicks only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def shown(page: MembersPage, column: int = NAME) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def full(person: tuple) -> str:  # type: ignore[type-arg]
    return " ".join(p for p in person[1:4] if p)


def count_text(shown_n: int, total: int) -> str:
    return i18n._("Shown: {shown} of {total}").format(
        shown=format_number(shown_n), total=format_number(total))


def test_opens_on_active_members_by_name_with_a_count(page: MembersPage) -> None:
    assert shown(page) == sorted((full(p) for p in ACTIVE), key=lambda n: n.casefold())
    assert page.count.text() == count_text(len(ACTIVE), len(PEOPLE))
    assert page.title() == i18n._("Members")


def test_typing_narrows_the_rows_and_updates_the_count(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    type_text(page.search, "асан")
    assert set(shown(page)) == {"Асан уулу Бакыт", "Асанова Гүлнара Бакытовна",
                                "Ногойбаева Айгүл Асановна"}
    type_text(page.search, " физ")
    assert set(shown(page)) == {"Асан уулу Бакыт", "Асанова Гүлнара Бакытовна"}
    assert page.count.text() == count_text(2, len(PEOPLE))
    page.search.clear()
    assert len(shown(page)) == len(ACTIVE)


def test_search_ignores_case_and_yo_and_finds_numbers(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.status.set_code("all")
    type_text(page.search, "ЁЛКИН")
    assert set(shown(page)) == {"Ёлкина Ольга Ивановна", "Елкин Сергей"}
    page.search.setText("t-106")  # personnel number
    assert shown(page) == ["Үсөнов Өмүр Токтогулович"]
    page.search.setText("1002")  # card number
    assert shown(page) == ["Сейит кызы Жаңыл"]
    page.search.setText("китепкана")  # department
    assert shown(page) == ["Ногойбаева Айгүл Асановна"]


def test_status_filter_and_exit_columns(page: MembersPage) -> None:
    exit_column = COLUMNS.index("exit_date")
    assert page.table.isColumnHidden(exit_column)  # empty among the active ones
    page.status.set_code("left")
    assert set(shown(page)) == {full(p) for p in LEFT}
    assert not page.table.isColumnHidden(exit_column)
    assert "20.06.2020" not in shown(page, exit_column)
    assert set(shown(page, exit_column)) == {"30.06.2020", "31.08.2022"}
    reasons = set(shown(page, COLUMNS.index("exit_reason")))
    assert reasons == {i18n._("own wish"), i18n._("retirement")}
    page.status.set_code("all")
    assert len(shown(page)) == len(PEOPLE)
    assert page.count.text() == count_text(len(PEOPLE), len(PEOPLE))


def test_department_pensioner_and_youth_filters(page: MembersPage) -> None:
    assert page.department.itemText(0) == i18n._("All departments")
    assert page.department.findData("Бухгалтерия") > 0
    page.department.setCurrentIndex(page.department.findData("Бухгалтерия"))
    assert shown(page) == ["Петров Алексей Сергеевич"]  # Ёлкина left
    page.department.setCurrentIndex(0)
    page.pensioners.setChecked(True)
    assert set(shown(page)) == {"Петров Алексей Сергеевич", "Иванова Елена Петровна"}
    page.pensioners.setChecked(False)
    page.youth.setChecked(True)  # up to 35 today; no birth date is not youth
    assert set(shown(page)) == {"Асанова Гүлнара Бакытовна", "Бакиев Нурлан"}
    assert "35" in page.youth.text()
    page.youth.setChecked(False)
    assert len(shown(page)) == len(ACTIVE)


def click_header(qtbot, page: MembersPage, column: int) -> None:  # type: ignore[no-untyped-def]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_clicking_headers_sorts(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.status.set_code("all")
    click_header(qtbot, page, CARD)
    cards = shown(page, CARD)
    assert cards[:3] == ["2", "10", "1001"]  # numbers in numeric order
    assert cards == sorted(cards, key=int)
    click_header(qtbot, page, CARD)
    assert shown(page, CARD) == cards[::-1]
    birth = COLUMNS.index("birth_date")
    click_header(qtbot, page, birth)
    dates = shown(page, birth)
    assert dates[0] == "10.01.1950" and dates[-1] == ""  # empty dates last
    # the filter keeps the order
    page.search.setText("асан")
    assert shown(page, CARD) == ["1001", "1003", "1008"]  # 1980, 25 years ago, none


def open_by_double_click(qtbot, page: MembersPage, row: int) -> MemberDialog:  # type: ignore[no-untyped-def]
    rect = page.table.visualRect(page.model.index(row, NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.dialog is not None
    return page.dialog


def test_double_click_and_enter_open_the_member(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.search.setText("жаңыл")
    dialog = open_by_double_click(qtbot, page, 0)
    assert dialog.isVisible()
    assert dialog.view is not None and dialog.view.full_name == "Сейит кызы Жаңыл"
    dialog.reject()
    page.dialog = None
    page.search.setText("алексей")
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.view is not None
    assert page.dialog.view.data.card_no == "1004"
    page.dialog.reject()


def test_refreshes_when_the_register_changes(qtbot, page: MembersPage, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    members.create_member(app_state.db, MemberInput(
        card_no="3001", surname="Жумабеков", name="Тилек", join_date=dt.date(2021, 1, 1)))
    assert "Жумабеков Тилек" not in shown(page)
    app_state.notify_changed("members")
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    assert "Жумабеков Тилек" in shown(page)
    assert page.count.text() == count_text(len(ACTIVE) + 1, len(PEOPLE) + 1)
    app_state.notify_changed("dues")  # someone else's data: no reload needed
    assert not page.is_loading()
    assert page.model.total() == len(PEOPLE) + 1


def test_the_register_reloads_off_the_gui_thread(qtbot, page: MembersPage,  # type: ignore[no-untyped-def]
                                               app_state: AppState) -> None:
    """Even a small register: on an old office PC thousands of members take a good part of a
    second, and the window must not stop for it."""
    page.search.setText("тилек")
    members.create_member(app_state.db, MemberInput(
        card_no="3001", surname="Жумабеков", name="Тилек", join_date=dt.date(2021, 1, 1)))
    app_state.notify_changed("members")
    app_state.notify_changed("members")  # a second change while the first load runs
    assert page.is_loading()
    qtbot.waitUntil(lambda: not page.is_loading() and running_jobs() == 0, timeout=5000)
    assert shown(page) == ["Жумабеков Тилек"]  # the filter stayed


def test_retranslate_updates_headers_filters_and_count(page: MembersPage) -> None:
    i18n.set_language("ru")
    page.retranslate()
    model = page.model
    assert model.headerData(CARD, Qt.Orientation.Horizontal) == translate_in("ru", "Card number")
    assert page.status.itemText(0) == translate_in("ru", "Active")
    assert page.department.itemText(0) == translate_in("ru", "All departments")
    assert page.new_button.text() == translate_in("ru", "New member…")
    assert page.count.text() == translate_in("ru", "Shown: {shown} of {total}").format(
        shown=len(ACTIVE), total=len(PEOPLE))


def test_focus_filter_and_new_member(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.search.setText("асан")
    page.activateWindow()
    page.focus_filter()
    qtbot.waitUntil(page.search.hasFocus, timeout=2000)
    assert page.search.selectedText() == "асан"
    dialog = page.new_member()
    assert dialog.member_id is None and dialog.isVisible()
    dialog.reject()


def test_export_writes_the_register(qtbot, page: MembersPage, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "members.xlsx"
    page.run_export("members", target)
    qtbot.waitUntil(lambda: page.notice is not None, timeout=10000)
    assert page.notice is not None
    assert str(target) in page.notice.text()
    rows = list(load_workbook(target, read_only=True).active.iter_rows(values_only=True))
    assert len(rows) == len(PEOPLE) + 1
    page.notice.accept()
    page.run_export("children", tmp_path / "children.csv")
    qtbot.waitUntil(lambda: (tmp_path / "children.csv").exists() and running_jobs() == 0,
                    timeout=10000)
    assert "Бакытов Азамат" in (tmp_path / "children.csv").read_text(encoding="utf-8-sig")


def test_import_opens_the_wizard_for_members(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def close_wizard() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, QWizard)
        seen.append(getattr(wizard, "kind", ""))
        wizard.reject()

    QTimer.singleShot(0, close_wizard)
    page.import_members()  # modal: returns when the timer closed it
    assert seen == ["members"]


def test_the_model_keeps_qt_s_rules(qtmodeltester, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    page.model.set_filter(query="асан", status="all")
    qtmodeltester.check(page.model)
    page.model.set_filter(query="no such member")
    qtmodeltester.check(page.model)


# -- fitting the screen -------------------------------------------------------------------------
@pytest.fixture
def demo_window(qtbot, demo_db_path: Path, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The main window over a 300-member demo (banner shown), in the language asked for."""
    from unionapp.ui.main_window import MainWindow

    i18n.set_language(request.param)  # the autouse fixture sets ky again for the next test
    state = AppState(demo_db_path)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.show_page("members")  # a first start opens on Home
    yield window
    window.close()
    state.close_database()


def page_controls(page: MembersPage) -> dict[str, QWidget]:
    return {
        "heading": page.heading, "new": page.new_button, "import": page.import_button,
        "export": page.export_button, "children": page.children_button,
        "cards": page.cards_button, "print": page.print_list_button,
        "status": page.status, "department": page.department,
        "pensioners": page.pensioners, "youth": page.youth, "count": page.count,
    }


@pytest.mark.parametrize("demo_window", ["ky", "ru"], indirect=True)
def test_an_800x600_window_shows_every_control_whole(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.resize(800, 600)
    demo_window.show()
    qtbot.waitExposed(demo_window)
    QApplication.processEvents()
    page = demo_window.members_page
    assert demo_window.width() == 800 and demo_window.banner.isVisible()
    placed: dict[str, QRect] = {}
    for name, widget in page_controls(page).items():
        need = widget.sizeHint().width()
        assert widget.isVisible(), name
        assert widget.width() >= need, (name, widget.width(), need)  # no clipped text
        assert widget.visibleRegion().boundingRect().width() >= need, name
        rect = QRect(widget.mapTo(demo_window, QPoint(0, 0)), widget.size())
        assert demo_window.rect().contains(rect), (name, rect)  # on screen, not cut by the edge
        placed[name] = rect
    for a, b in itertools.combinations(placed, 2):
        assert not placed[a].intersects(placed[b]), (a, b)  # nothing overlaps
    assert page.count.text() == count_text(page.model.shown(), page.model.total())
    table = page.table
    assert table.mapTo(demo_window, QPoint(0, table.height())).y() <= demo_window.height()
    assert table.viewport().height() > 5 * table.verticalHeader().defaultSectionSize()


def visible_widths(page: MembersPage) -> dict[str, int]:
    return {name: page.table.columnWidth(c) for c, name in enumerate(COLUMNS)
            if not page.table.isColumnHidden(c)}


@pytest.mark.parametrize("demo_window", ["ky", "ru"], indirect=True)
def test_at_1100_px_every_column_is_on_screen(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.resize(1100, 700)
    demo_window.show()
    qtbot.waitExposed(demo_window)
    page = demo_window.members_page
    page.status.set_code("all")  # every column, the exit date and reason too
    QApplication.processEvents()
    widths = visible_widths(page)
    assert set(widths) == set(COLUMNS)
    assert sum(widths.values()) <= page.table.viewport().width()
    fitter = page.columns
    for column, name in enumerate(COLUMNS):
        if name not in ("full_name", "department", "position", "exit_reason"):
            assert widths[name] == fitter.natural[column], name  # dates, numbers: never cut
        assert widths[name] >= fitter.heading[column], name  # the header fits on two lines
    # the table's texts that decide the widths: a date wider than the column would elide
    assert widths["exit_date"] >= page.table.sizeHintForColumn(COLUMNS.index("exit_date"))


def test_room_to_spare_goes_to_names_and_departments(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.resize(1800, 700)
    QApplication.processEvents()
    widths = visible_widths(page)
    natural = {COLUMNS[c]: w for c, w in page.columns.natural.items()}
    assert sum(widths.values()) == page.table.viewport().width()  # no empty strip at the end
    assert widths["full_name"] > natural["full_name"]
    assert widths["department"] > natural["department"]
    assert widths["sex"] == natural["sex"] and widths["pensioner"] == natural["pensioner"]
    assert not page.table.horizontalHeader().stretchLastSection()


def test_names_shrink_least_and_a_dragged_width_stays(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    page.status.set_code("all")
    QApplication.processEvents()
    natural = {COLUMNS[c]: w for c, w in page.columns.natural.items()}
    short = sum(natural.values()) - page.table.viewport().width() + 80  # 80 px too narrow
    page.resize(page.width() - short, 700)
    QApplication.processEvents()
    widths = visible_widths(page)
    assert widths["full_name"] < natural["full_name"]
    assert sum(widths.values()) <= page.table.viewport().width()
    name_kept = widths["full_name"] / natural["full_name"]
    assert name_kept >= widths["department"] / natural["department"]
    assert name_kept >= widths["position"] / natural["position"]
    header = page.table.horizontalHeader()
    header.resizeSection(NAME, 300)  # the user drags the name column wider
    page.resize(1200, 700)
    QApplication.processEvents()
    assert page.table.columnWidth(NAME) == 300


def test_fit_widths_shares_what_is_short_and_what_is_left() -> None:
    from unionapp.ui.pages.members_columns import fit_widths, share

    assert share(10, {1: 1, 2: 1, 3: 1}) == {1: 4, 2: 3, 3: 3}
    natural = {0: 50, 1: 200, 2: 200}
    floors = {0: 50, 1: 100, 2: 100}
    # room to spare: all of it to the growing column
    assert fit_widths(natural, floors, {1: 1}, {1: 1, 2: 1}, 500) == {0: 50, 1: 250, 2: 200}
    # short by 100: taken from the flexible ones, the more important one gives less
    got = fit_widths(natural, floors, {}, {1: 3, 2: 1}, 350)
    assert sum(got.values()) == 350 and got[0] == 50 and got[1] > got[2] >= 100
    # cannot fit even at the floors: floors, but the ``whole`` column keeps its width
    assert fit_widths(natural, floors, {}, {1: 1, 2: 1}, 100, whole=1) == {0: 50, 1: 200, 2: 100}
