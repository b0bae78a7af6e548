"""The Home page: the organization's name in the user's language, members now, anniversaries
of the next days (double-click opens the member, Propose award… and Propose aid… open their
dialogs for that member), the head of each voucher queue, all read off the GUI thread."""

from __future__ import annotations

import datetime as dt

from known_register import ACTIVE

from unionapp.core import award_types, awards, members, settings
from unionapp.core.codes import VOUCHER_KINDS
from unionapp.core.i18n import _, set_language
from unionapp.core.members import MemberInput
from unionapp.core.voucher_applications import ApplicationInput, create_application
from unionapp.ui.dialogs.aid_dialog import AidDialog
from unionapp.ui.dialogs.award_dialog import AwardDialog
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.main_window import MainWindow
from unionapp.ui.pages import PAGES
from unionapp.ui.pages.awards import AwardsPage
from unionapp.ui.pages.home import HomePage
from unionapp.ui.state import AppState

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
    assert home.anniversaries_box.title() == _("Anniversaries in the next {days} days").format(
        days=60)
