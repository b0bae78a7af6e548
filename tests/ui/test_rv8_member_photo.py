"""Review 8 #5: a photo is stored like a save - only over the member's version the card shows -
and the card hears ``stored`` only when it really was stored."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from unionapp.core import members
from unionapp.core.errors import UserError
from unionapp.core.i18n import _
from unionapp.ui.dialogs.member_dialog import MemberDialog
from unionapp.ui.state import AppState


def jpeg() -> bytes:
    image = QImage(30, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#8fb3d9"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPEG")
    return bytes(buffer.data().data())


def card(state: AppState, card_no: str) -> int:
    found = members.find_by_card(state.db, card_no)
    assert found is not None
    return found


def change_elsewhere(state: AppState, member_id: int) -> None:
    """Another PC saves the member after this card was opened."""
    view = members.get_member(state.db, member_id)
    members.update_member(state.db, member_id, dataclasses.replace(view.data, position="Завуч"),
                          expected_version=view.version)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _parent, _title, text, *a: shown.append(text)))
    return shown


def test_the_service_refuses_a_photo_over_a_newer_version(app_state: AppState) -> None:
    member_id = card(app_state, "1003")
    shown = members.get_member(app_state.db, member_id).version
    change_elsewhere(app_state, member_id)
    with pytest.raises(UserError):
        members.set_photo(app_state.db, member_id, jpeg(), expected_version=shown)
    assert members.get_photo(app_state.db, member_id) is None
    members.set_photo(app_state.db, member_id, jpeg(), expected_version=shown + 1)
    # a photo is a change of the member too: a card opened before it saves over nothing
    assert members.get_member(app_state.db, member_id).version == shown + 2


def test_a_photo_over_a_change_made_meanwhile_is_refused_and_not_announced(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, warnings: list[str]
) -> None:
    member_id = card(app_state, "1003")
    dialog = MemberDialog(app_state, member_id)
    qtbot.addWidget(dialog)
    change_elsewhere(app_state, member_id)
    with qtbot.assertNotEmitted(dialog.photo_panel.stored):
        assert dialog.photo_panel.store_photo(jpeg()) is False
    assert members.get_photo(app_state.db, member_id) is None
    data = members.get_member(app_state.db, member_id).data
    assert warnings == [_(members.CHANGED_ELSEWHERE).format(name=f"{data.surname} {data.name}")]
    assert dialog.photo.pixmap().isNull()  # the frame shows what is stored: nothing


def test_a_photo_then_a_save_in_the_same_card_both_go_through(  # type: ignore[no-untyped-def]
    qtbot, app_state: AppState, warnings: list[str], tmp_path: Path
) -> None:
    member_id = card(app_state, "1003")
    dialog = MemberDialog(app_state, member_id)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.photo_panel.stored, timeout=1000):
        assert dialog.photo_panel.store_photo(jpeg()) is True
    assert members.get_photo(app_state.db, member_id) is not None
    dialog.fields["position"].setText("Китепканачы")
    assert dialog.save(), dialog.form.error_text("position")  # the card knows its photo's version
    assert members.get_member(app_state.db, member_id).data.position == "Китепканачы"
    assert dialog.photo_panel.remove_photo() is True
    assert members.get_photo(app_state.db, member_id) is None
    assert warnings == []
