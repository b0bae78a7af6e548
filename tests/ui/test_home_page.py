"""The Home page: the organization's name in the user's language, members now, anniversaries
of the next days (double-click opens the member, Propose award… and Propose aid… open their
dialogs for that member), the head of each voucher queue, all read off the GUI thread."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from known_register import ACTIVE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from dues_helpers import add_payroll  # noqa: E402

from unionapp.core import (  # noqa: E402
    aid,
    anniversaries,
    award_types,
    awards,
    budget,
    budget_edit,
    decisions,
    members,
    settings,
)
from unionapp.core.aid import AidInput  # noqa: E402
from unionapp.core.codes import VOUCHER_KINDS  # noqa: E402
from unionapp.core.formatting import format_money  # noqa: E402
from unionapp.core.i18n import _, set_language  # noqa: E402
from unionapp.core.members import MemberInput  # noqa: E402
from unionapp.core.voucher_applications import ApplicationInput, create_application  # noqa: E402
from unionapp.ui.dialogs.aid_dialog import AidDialog  # noqa: E402
from unionapp.ui.dialogs.award_dialog import AwardDialog  # noqa: E402
from unionapp.ui.dialogs.member_dialog import MemberDialog  # noqa: E402
from unionapp.ui.main_window import MainWindow  # noqa: E402
from unionapp.ui.pages import PAGES  # noqa: E402
from unionapp.ui.pages.awards import AwardsPage  # noqa: E402
from unionapp.ui.pages.home import HomePage  # noqa: E402
from unionapp.ui.pages.home_figures import Figure, month_text, percent_text  # noqa: E402
from unionapp.ui.state import AppState  # noqa: E402

TODAY = dt.date.today()


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def add_jubilee(state: AppState, card: str, surname: str, in_days: int, age: int) -> int:
    """A member whose ``age``-th birthday is ``in_days`` from today."""
    birthday = years_before(TODAY + dt.timedelta(days=in_days), age)
    return members.create_member(state.db, MemberInput(
        card_no=card, surname=surname, name="Жубилей", join_date=dt.date(2011, 3, 3),
        birth_date=birthday, department="Китепкана",
    ))


def open_page(qtbot, state: AppState) -> HomePage:  # type: ignore[no-untyped-def]
    page = HomePage(state)
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot, page: HomePage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not page.is_loading() and page.data is not None, timeout=10000)


def rows(page: HomePage) -> list[list[str]]:
    tree = page.anniversaries
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())]


def test_name_members_and_anniversaries(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    settings.set_many(app_state.db, {"org.name_ky": "Мектептин профсоюз уюму",
                                     "org.name_ru": "Профком школы"})
    add_jubilee(app_state, "3001", "Мааракелүү", 5, 60)
    add_jubilee(app_state, "3002", "Бүгүнкү", 0, 55)
    add_jubilee(app_state, "3003", "Кечирээк", 45, 50)  # beyond 30 days
    page = open_page(qtbot, app_state)
    assert page.heading.text() == "Мектептин профсоюз уюму"
    assert page.members_card.number.text() == str(len(ACTIVE) + 3)
    shown = rows(page)
    assert [r[1] for r in shown] == ["Бүгүнкү Жубилей", "Мааракелүү Жубилей"]
    assert shown[1][0] == (TODAY + dt.timedelta(days=5)).strftime("%d.%m.%Y")
    assert "60" in shown[1][3] and shown[1][2] == "Китепкана"
    assert page.anniversaries_card.number.text() == "2"
    set_language("ru")
    page.retranslate()
    assert page.heading.text() == "Профком школы"
    set_language("ky")

    settings.set_value(app_state.db, "anniversaries.days", "60")  # the window is a setting
    app_state.notify_changed("settings")
    settle(qtbot, page)
    assert [r[1] for r in rows(page)][-1] == "Кечирээк Жубилей"


def test_no_name_yet_says_where_to_write_it(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    assert page.heading.text() == _("Home")
    assert page.hint.isVisible()
    assert rows(page) == [[_("No anniversaries in these days."), "", "", ""]]
    assert not page.propose_award.isEnabled() and not page.propose_aid.isEnabled()
    assert page.queue_empty.isVisible() and not page.queues.isVisible()


def test_double_click_opens_the_member_and_proposals_are_prefilled(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    member = add_jubilee(app_state, "3001", "Мааракелүү", 3, 65)
    page = open_page(qtbot, app_state)
    item = page.anniversaries.topLevelItem(0)
    page.anniversaries.itemActivated.emit(item, 1)
    assert isinstance(page.dialog, MemberDialog) and page.dialog.isVisible()
    page.dialog.reject()

    page.anniversaries.setCurrentItem(item)
    assert page.propose_award.isEnabled()
    page.propose_award.click()
    dialog = page.dialog
    assert isinstance(dialog, AwardDialog)
    assert dialog.picker.member_id() == member and "65" in dialog.reason.text()
    dialog.award_type.set_type(award_types.list_types(app_state.db)[0].id)
    assert dialog.save()
    [nomination] = awards.list_awards(app_state.db)
    assert (nomination.member_id, nomination.status) == (member, "nominated")

    page.propose_aid.click()
    aid_dialog = page.dialog
    assert isinstance(aid_dialog, AidDialog)
    assert aid_dialog.picker.member_id() == member
    assert aid_dialog.reason.code() == "jubilee"
    aid_dialog.reject()


def test_the_head_of_each_voucher_queue(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    for card in ("1001", "1004"):
        member = members.find_by_card(app_state.db, card)
        create_application(app_state.db, ApplicationInput(member, "sanatorium", TODAY))
    page = open_page(qtbot, app_state)
    assert page.queue_card.number.text() == "2"
    tree = page.queues
    assert tree.isVisible() and tree.topLevelItemCount() == 1
    item = tree.topLevelItem(0)
    assert item.text(0) == VOUCHER_KINDS.label("sanatorium") and item.text(1) == "2"
    # Петров, a member since 1985, has more points than Асан уулу (since 2005)
    assert item.text(2) == "Петров Алексей Сергеевич"
    assert "Асан уулу Бакыт" in item.toolTip(2)
    tree.itemActivated.emit(item, 2)
    assert isinstance(page.dialog, MemberDialog)
    page.dialog.reject()


def test_home_is_the_first_page_of_the_window(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(app_state)
    qtbot.addWidget(window)
    assert PAGES[0].key == "home" and window.sidebar.item(0).text() == _("Home")
    window.show_page("home")
    assert window.current_page().key == "home"
    window.close()
    again = MainWindow(app_state)  # the last page is remembered
    qtbot.addWidget(again)
    assert again.current_key() == "home"
    awards_page = again.page("awards")
    assert isinstance(awards_page, AwardsPage)
    assert awards_page.loaded_year is None and not awards_page.is_loading()  # not shown: unread
    again.show()
    home = again.page("home")
    assert isinstance(home, HomePage)
    settle(qtbot, home)


def test_the_window_is_set_on_the_settings_page(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    from unionapp.ui.pages.settings import SettingsPage

    add_jubilee(app_state, "3003", "Кечирээк", 45, 50)
    home = open_page(qtbot, app_state)
    assert [r[0] for r in rows(home)] == [_("No anniversaries in these days.")]
    page = SettingsPage(app_state)
    qtbot.addWidget(page)
    editor = page.editors["anniversaries.days"]
    assert editor.text() == "30"
    editor.setText("60")
    page.save_button.click()
    assert settings.get(app_state.db, "anniversaries.days") == "60"
    settle(qtbot, home)
    qtbot.waitUntil(lambda: len(rows(home)) == 1 and rows(home)[0][1] == "Кечирээк Жубилей",
                    timeout=10000)
    # a plural message: its translation is found through ngettext, as describe_window does
    assert home.anniversaries_box.title() == anniversaries.describe_window(60)
    assert "60" in home.anniversaries_box.title()


# -- issue 7: the figures of the day and the year's budget -----------------------------------


def test_coverage_needs_the_headcount_and_says_where_to_set_it(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    page = open_page(qtbot, app_state)
    card = page.coverage_card
    assert card.number.text() == "—"  # no division by zero
    assert card.detail.isVisible() and 'href="settings"' in card.detail.text()
    assert _("The employer's headcount is not set: enter it on the Settings page.") in (
        card.detail.text())
    settings.set_value(app_state.db, "org.employees", "16")
    app_state.notify_changed("settings")
    settle(qtbot, page)
    active = len(ACTIVE)  # 8 of 16: 50 %
    assert card.number.text() == percent_text(Decimal(100 * active) / 16)
    assert card.number.text() == "50,0%"  # ky writes the sign without a space
    assert str(active) in card.detail.text() and "16" in card.detail.text()
    set_language("ru")
    page.retranslate()
    assert card.number.text() == "50,0\xa0%"
    set_language("ky")


def test_youth_share_and_the_members_detail(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, app_state)
    # the known register: Асанова (25) and Бакиев (30) are young, 8 members now
    young = [p for p in ACTIVE if p[5] is not None and (TODAY - p[5]).days < 36 * 365]
    assert len(young) == 2
    assert page.youth_card.number.text() == "25,0%"
    detail = page.youth_card.detail.text()
    assert "2" in detail and str(len(ACTIVE)) in detail and "35" in detail
    women = sum(1 for p in ACTIVE if p[4] == "F")
    pensioners = sum(1 for p in ACTIVE if p[11])
    detail = page.members_card.detail.text()
    assert str(women) in detail and str(pensioners) in detail


def test_dues_of_the_last_month_against_the_month_before(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    page = open_page(qtbot, app_state)
    assert page.dues_card.number.text() == "—"
    assert 'href="dues"' in page.dues_card.detail.text()  # import one on the Dues page
    this_month = TODAY.replace(day=1)
    before = (this_month - dt.timedelta(days=1)).replace(day=1)
    member = members.find_by_card(app_state.db, "1001")
    add_payroll(app_state.db, before, [(member, "T-101", "Асан уулу Бакыт", 1, 100_000)])
    add_payroll(app_state.db, this_month, [(member, "T-101", "Асан уулу Бакыт", 1, 125_050)])
    app_state.notify_changed("dues")
    settle(qtbot, page)
    card = page.dues_card
    assert card.number.text() == _("{amount} som").format(amount=format_money(125_050))
    assert month_text(this_month) in card.caption.text()
    assert "▲" in card.detail.text() and format_money(25_050) in card.detail.text()
    assert format_money(100_000) in card.detail.text()


def test_no_budget_yet_then_bars_with_overspending_in_words(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState
) -> None:
    page = open_page(qtbot, app_state)
    year = TODAY.year
    assert page.budget.empty.isVisible() and not page.budget.rows
    assert str(year) in page.budget.empty.text()
    assert page.budget.title() == _("Budget {year}: spending by line, som").format(year=year)
    member = members.find_by_card(app_state.db, "1001")
    budget_edit.set_planned(app_state.db, year, "aid", 50_000)
    budget_edit.set_planned(app_state.db, year, "awards", 40_000)
    protocol = decisions.create_decision(app_state.db, decisions.DecisionInput("7", TODAY))
    aid.add_aid(app_state.db, AidInput(member, "illness", 65_000, TODAY, protocol))
    app_state.notify_changed("aid")
    settle(qtbot, page)
    section = page.budget
    assert not section.empty.isVisible()
    shown = {name.text(): figures for name, figures, _bar in section.rows}
    assert set(shown) == {budget.category_label("aid"), budget.category_label("awards")}
    over = shown[budget.category_label("aid")]
    assert _("{actual} of {planned} — overspent by {over}").format(
        actual=format_money(65_000), planned=format_money(50_000),
        over=format_money(15_000)) in over.text()  # in words …
    assert "#c62828" in over.styleSheet()  # … and in colour
    calm = shown[budget.category_label("awards")]
    assert "overspent" not in calm.text() and not calm.styleSheet()
    assert section.total.text().startswith(_("Spent {actual} of {planned} planned ({percent}).")
                                           .format(actual=format_money(65_000),
                                                   planned=format_money(90_000),
                                                   percent=percent_text(Decimal("72.2"))))
    assert _("Lines overspent: {count}.").format(count=1) in section.total.text()


def test_links_open_the_settings_and_budget_pages(qtbot, app_state: AppState) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(app_state)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    window.show_page("home")
    home = window.page("home")
    assert isinstance(home, HomePage)
    settle(qtbot, home)
    home.coverage_card.detail.linkActivated.emit("settings")
    assert window.current_key() == "settings"
    window.show_page("home")
    assert 'href="budget"' in home.budget.empty.text()  # no budget yet: set it there
    home.budget.empty.linkActivated.emit("budget")
    assert window.current_key() == "budget"


@pytest.mark.parametrize(("lang", "size"), [("ky", (1000, 700)), ("ru", (800, 600))])
def test_small_windows_scroll_and_nothing_is_cut_sideways(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, lang: str, size: tuple[int, int]
) -> None:
    set_language(lang)
    window = MainWindow(app_state)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.show_page("home")
    home = window.page("home")
    assert isinstance(home, HomePage)
    settle(qtbot, home)
    qtbot.wait(50)
    area = home.scroll_area
    content = area.widget()
    assert content.width() <= area.viewport().width()  # no sideways scrolling
    for card in home.findChildren(Figure):
        assert card.width() >= card.minimumSizeHint().width()
        assert card.geometry().right() <= content.width()
    if size == (800, 600):
        assert area.verticalScrollBar().maximum() > 0  # the rest is reached by scrolling
    set_language("ky")

