"""One member: every field of the register, the photo, children and the history of changes.

Saving is one service call (one transaction). Mistakes are marked on their fields, all in one
round - the same checks the importer applies plus the duplicate card number
(``members.check_member``) - and the dialog stays open until they are fixed. Leaving is
recorded with a date and a reason; deleting is only for a record made by mistake, and says so
before it deletes. The Main tab's fields are in member_main_tab.py, the photo (stored at once,
not with Save) in member_photo.py; the other tabs each in their own module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import members
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import _
from unionapp.core.members import MemberInput, MemberView
from unionapp.ui.dialogs.aid_tab import AidTab
from unionapp.ui.dialogs.award_tab import AwardTab
from unionapp.ui.dialogs.card_tab import CardTab
from unionapp.ui.dialogs.children_tab import ChildrenTab
from unionapp.ui.dialogs.dues_tab import DuesTab
from unionapp.ui.dialogs.history_tab import HistoryTab
from unionapp.ui.dialogs.leave_dialog import LeaveDialog
from unionapp.ui.dialogs.member_main_tab import MemberMainTab
from unionapp.ui.dialogs.photo_crop import PhotoCropDialog
from unionapp.ui.dialogs.voucher_tab import VouchersTab
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState


class MemberDialog(QDialog):
    saved = Signal(int)  # the member's id, after a save, a leaving or a photo change
    deleted = Signal(int)

    def __init__(
        self, state: AppState, member_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id = member_id
        self.view: MemberView | None = None
        self.leave_dialog: LeaveDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.setObjectName("MemberDialog")
        self.setSizeGripEnabled(True)

        # the Main tab; its parts under the names the dialog has always had
        self.main_tab = MemberMainTab(state)
        self.form = self.main_tab.form
        self.fields = self.main_tab.fields
        self.sex = self.main_tab.sex
        self.exit_reason = self.main_tab.exit_reason
        self.department = self.main_tab.department
        self.pensioner = self.main_tab.pensioner
        self.note = self.main_tab.note
        self.photo_panel = self.main_tab.photo
        self.photo = self.photo_panel.label
        self.choose_photo_button = self.photo_panel.choose_button
        self.remove_photo_button = self.photo_panel.remove_button
        self.photo_panel.stored.connect(self._changed)
        self.photo_panel.version = self._version  # stored only over the version shown

        self.children_tab = ChildrenTab(state)
        self.history_tab = HistoryTab(state)
        self.dues_tab = DuesTab(state)
        self.children_tab.changed.connect(self.history_tab.reload)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.main_tab, "")
        self.tabs.addTab(self.children_tab, "")
        self.tabs.addTab(self.history_tab, "")
        self.tabs.addTab(self.dues_tab, "")
        self.aid_tab = AidTab(state)
        self.tabs.addTab(self.aid_tab, "")
        self.vouchers_tab = VouchersTab(state)
        self.tabs.addTab(self.vouchers_tab, "")
        self.award_tab = AwardTab(state)
        self.tabs.addTab(self.award_tab, "")
        self.card_tab = CardTab(state)
        self.tabs.addTab(self.card_tab, "")

        self.leave_button = QPushButton()
        self.delete_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.leave_button.clicked.connect(self.record_leaving)
        self.delete_button.clicked.connect(self.ask_delete)
        self.save_button.clicked.connect(self.save_and_close)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.leave_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.resize(920, 540)
        self._load()
        self.retranslate()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.main_tab.retranslate()
        self.tabs.setTabText(0, _("Main"))
        self.tabs.setTabText(1, _("Children"))
        self.tabs.setTabText(2, _("History"))
        self.tabs.setTabText(3, _("Dues"))
        self.leave_button.setText(_("Record leaving…"))
        self.delete_button.setText(_("Delete…"))
        self.save_button.setText(_("Save"))
        self.cancel_button.setText(_("Cancel"))
        self.children_tab.retranslate()
        self.history_tab.retranslate()
        self.dues_tab.retranslate()
        self.tabs.setTabText(self.tabs.indexOf(self.aid_tab), _("Material aid"))
        self.aid_tab.retranslate()
        self.tabs.setTabText(self.tabs.indexOf(self.vouchers_tab), _("Vouchers"))
        self.vouchers_tab.retranslate()
        self.tabs.setTabText(self.tabs.indexOf(self.award_tab), _("Awards"))
        self.award_tab.retranslate()
        self.tabs.setTabText(self.tabs.indexOf(self.card_tab), _("Card"))
        self.card_tab.retranslate()
        self._update_title()
        self._update_state()

    def _update_title(self) -> None:
        if self.view is None:
            self.setWindowTitle(_("New member"))
        else:
            self.setWindowTitle(_("Member: {name}").format(name=self.view.full_name))

    def _update_state(self) -> None:
        """What can be done now: a new member needs saving before photo, children, leaving."""
        saved = self.member_id is not None
        left = self.view is not None and self.view.data.exit_date is not None
        # The Children and History tabs stay open: for a new member they say why they are
        # empty ("Save the member first to add children.", "No changes recorded yet.").
        self.photo_panel.update_state(saved, self.view is not None and self.view.has_photo)
        self.leave_button.setEnabled(saved and not left)
        self.delete_button.setEnabled(saved)
        self.leave_button.setToolTip("" if saved else _("Save the member first."))

    # -- reading and writing the fields -------------------------------------------------------
    def _load(self) -> None:
        if self.member_id is None:
            self.view = None
            self.main_tab.set_department(None)  # not the first department of the list
            self._update_state()
            return
        self.view = members.get_member(self.state.db, self.member_id)
        self.set_input(self.view.data)
        self.children_tab.set_member(self.member_id)
        self.history_tab.set_member(self.member_id)
        self.dues_tab.set_member(self.member_id)
        self.aid_tab.set_member(self.member_id)
        self.vouchers_tab.set_member(self.member_id)
        self.award_tab.set_member(self.member_id)
        self.card_tab.set_member(self.member_id)
        self.photo_panel.member_id = self.member_id
        self.photo_panel.show_photo()
        self._update_state()

    def set_input(self, data: MemberInput) -> None:
        self.main_tab.set_input(data)

    def read_input(self) -> tuple[MemberInput, list[ValidationError]]:
        """The fields as a MemberInput, and every mistake saving it would meet, all at once."""
        data, errors = self.main_tab.read_fields()
        unreadable = {e.field for e in errors}
        checked = members.check_member(self.state.db, data, self.member_id)  # card number too
        errors += [e for e in checked if e.field not in unreadable]
        return data, errors

    def save(self) -> bool:
        """Validate and save in one service call; on a mistake mark it and save nothing."""
        self.form.clear_errors()
        data, errors = self.read_input()
        if errors:
            self.form.show_errors(errors)
            return False
        def store() -> None:
            if self.member_id is None:
                self.member_id = members.create_member(self.state.db, data)
            else:
                members.update_member(
                    self.state.db, self.member_id, data, expected_version=self._version()
                )

        if not self.form.run_save(store):
            return False
        self._changed()
        return True

    def _version(self) -> int | None:
        """The member's version this card shows: a save over a newer one is refused."""
        return self.view.version if self.view is not None else None

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def _changed(self) -> None:
        assert self.member_id is not None
        self.photo_panel.member_id = self.member_id  # a new member may now have a photo
        self.state.notify_changed("members")
        self.saved.emit(self.member_id)
        self.view = members.get_member(self.state.db, self.member_id)
        self.history_tab.set_member(self.member_id)
        self.children_tab.set_member(self.member_id)
        self.card_tab.set_member(self.member_id)  # a new member may now print a card
        self._update_title()
        self._update_state()

    def error_text(self, name: str) -> str:
        """The message shown on a field (for tests and accessibility)."""
        return self.form.error_text(name)

    # -- photo (stored at once by the panel; ``_changed`` follows) ------------------------------
    def choose_photo(self) -> None:
        self.photo_panel.choose_photo()

    def crop_photo_file(self, path: Path) -> PhotoCropDialog | None:
        """Opens (without blocking) the crop dialog; the cropped photo is saved on OK."""
        return self.photo_panel.crop_photo_file(path)

    def remove_photo(self) -> None:
        self.photo_panel.remove_photo()

    # -- leaving and deleting -----------------------------------------------------------------
    def record_leaving(self) -> LeaveDialog | None:
        """Opens (without blocking) the dialog asking the date and reason of leaving."""
        if self.member_id is None or self.view is None:
            return None
        dialog = LeaveDialog(self.state, self.member_id, self.view.full_name, self,
                             expected_version=self.view.version)
        dialog.accepted.connect(self._after_leaving)
        dialog.open()
        self.leave_dialog = dialog
        return dialog

    def _after_leaving(self) -> None:
        assert self.member_id is not None
        stored = members.get_member(self.state.db, self.member_id).data
        self.main_tab.set_date("exit_date", stored.exit_date)  # other fields keep what was typed
        self.exit_reason.set_code(stored.exit_reason)
        self._changed()

    def ask_delete(self) -> QMessageBox | None:
        """Asks (without blocking) whether the record was made by mistake; deletes on Yes."""
        if self.member_id is None or self.view is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Delete the record"),
            _("Delete {name} from the register for good?").format(name=self.view.full_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(
            _(
                "Delete only a record made by mistake. When a member leaves the union, use "
                "“Record leaving…” instead: the register keeps the member with the date and "
                "the reason, and the year-end report counts them."
            )
        )
        box.button(QMessageBox.StandardButton.Yes).setText(_("Delete"))
        box.button(QMessageBox.StandardButton.No).setText(_("Do not delete"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _result: self._delete_if_confirmed(box))
        box.open()
        self.confirm_box = box
        return box

    def _delete_if_confirmed(self, box: QMessageBox) -> None:
        if box.clickedButton() != box.button(QMessageBox.StandardButton.Yes):
            return
        member_id = self.member_id
        assert member_id is not None
        try:
            members.delete_member(self.state.db, member_id, expected_version=self._version())
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc)
            return
        self.state.notify_changed("members")
        self.deleted.emit(member_id)
        self.accept()
