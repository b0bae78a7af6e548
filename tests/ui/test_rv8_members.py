"""Review 8 on the members page: the register is always read off the GUI thread (a member
saved meanwhile is still selected when it arrives), and the export asks for its file like
every other page (a name typed with a wrong ending gets the chosen type's)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog

from unionapp.core import i18n, members
from unionapp.core.members import MemberInput
from unionapp.ui.operations import running_jobs
from unionapp.ui.pages.members import MembersPage
from unionapp.ui.state import AppState


@pytest.fixture
def page(qtbot, app_state: AppState) -> MembersPage:  # type: ignore[no-untyped-def]
    widget = MembersPage(app_state)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_small_register_is_read_on_the_thread_pool_too(  # type: ignore[no-untyped-def]
    qtbot, page: MembersPage, app_state: AppState
) -> None:
    before = page.model.total()
    members.create_member(app_state.db, MemberInput(
        card_no="3001", surname="Жумабеков", name="Тилек", join_date=dt.date(2021, 1, 1)))
    app_state.notify_changed("members")
    # The GUI thread went on at once: the old rows are still shown while the job reads.
    assert page.is_loading() and page.model.total() == before
    qtbot.waitUntil(lambda: not page.is_loading() and running_jobs() == 0, timeout=10000)
    assert page.model.total() == before + 1


def test_a_new_member_is_selected_once_the_register_is_read(qtbot, page: MembersPage) -> None:  # type: ignore[no-untyped-def]
    dialog = page.new_member()
    dialog.fields["card_no"].setText("5000")
    dialog.fields["surname"].setText("Токтогулов")
    dialog.fields["name"].setText("Чыңгыз")
    dialog.fields["join_date"].setText("01.09.2024")
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10000)
    created = members.find_by_card(page.state.db, "5000")
    assert created is not None
    assert page.selected_member_id() == created


@pytest.mark.parametrize(("typed", "kind", "written"), [
    ("список.txt", "Excel workbook (*.xlsx)", "список.xlsx"),
    ("список", "CSV file (*.csv)", "список.csv"),
])
def test_the_export_takes_the_chosen_type_s_ending(  # type: ignore[no-untyped-def]
    qtbot, page: MembersPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    typed: str, kind: str, written: str,
) -> None:
    asked: list[str] = []

    def save_name(_parent, title, default, _kinds):  # type: ignore[no-untyped-def]
        asked.append(title)
        assert Path(default).name == f"{i18n._('members')}.xlsx"
        return str(tmp_path / typed), i18n._(kind)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    page.export_button.click()
    qtbot.waitUntil(lambda: page.notice is not None and running_jobs() == 0, timeout=10000)
    assert asked == [i18n._("Export members")]
    target = tmp_path / written
    assert target.is_file() and not (tmp_path / typed).with_suffix(".txt").exists()
    assert page.notice is not None and str(target) in page.notice.text()
    if written.endswith(".xlsx"):
        rows = list(load_workbook(target, read_only=True).active.iter_rows(values_only=True))
        assert len(rows) == page.model.total() + 1
    page.notice.accept()
