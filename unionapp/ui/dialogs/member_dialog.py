"""One member: every field of the register, the photo, children and the history of changes.

Saving is one service call (one transaction). Mistakes are marked on their fields, all in one
round - the same checks the importer applies plus the duplicate card number
(``members.check_member``) - and the dialog stays open until they are fixed. Leaving is
recorded with a date and a reason; deleting is only for a record made by mistake, and says so
before it deletes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import members
from unionapp.core.codes import EXIT_REASONS, SEXES
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_, _
from unionapp.core.member_fields import DATE_FIELDS
from unionapp.core.members import MemberInput, MemberView
from unionapp.ui.dialogs.aid_tab import AidTab
from unionapp.ui.dialogs.award_tab import AwardTab
from unionapp.ui.dialogs.card_tab import CardTab
from unionapp.ui.dialogs.children_tab import ChildrenTab
from unionapp.ui.dialogs.dues_tab import DuesTab
from unionapp.ui.dialogs.history_tab import HistoryTab
from unionapp.ui.dialogs.leave_dialog import LeaveDialog
from unionapp.ui.dialogs.photo_crop import PhotoCropDialog, load_image
from unionapp.ui.dialogs.voucher_tab import VouchersTab
from unionapp.ui.operations import perform, show_error
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm

PREVIEW_W, PREVIEW_H = 150, 200
TEXT_FIELDS = (
    "card_no",
    "personnel_no",
    "surname",
    "name",
    "patronymic",
    "position",
    "phone",
    "email",
)


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
        self.crop_dialog: PhotoCropDialog | None = None
        self.setObjectName("MemberDialog")
        self.setSizeGripEnabled(True)

        self.form = FieldForm(columns=2)
        self.fields: dict[str, QWidget] = {}
        for name in TEXT_FIELDS:
            self.fields[name] = QLineEdit()
        for name in DATE_FIELDS:
            self.fields[name] = DateEdit()
        self.sex = CodeCombo(SEXES, empty=N_("—"))
        self.exit_reason = CodeCombo(EXIT_REASONS, empty=N_("—"))
        self.department = QComboBox()
        self.department.setEditable(True)
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.department.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.department.setMinimumContentsLength(16)
        self.department.addItems(members.departments(state.db))
        self.pensioner = QCheckBox()
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(64)
        self.note.setTabChangesFocus(True)
        self.fields.update(
            sex=self.sex,
            exit_reason=self.exit_reason,
            department=self.department,
            pensioner=self.pensioner,
            note=self.note,
        )
        for name in (
            "card_no",
            "personnel_no",
            "surname",
            "name",
            "patronymic",
            "sex",
            "birth_date",
            "pensioner",
        ):
            self.form.add(name, self.fields[name], column=0)
        for name in (
            "department",
            "position",
            "join_date",
            "exit_date",
            "exit_reason",
            "phone",
            "email",
        ):
            self.form.add(name, self.fields[name], column=1)
        self.form.add("note", self.note, column=-1)

        # photo
        self.photo = QLabel()
        self.photo.setObjectName("photo")
        self.photo.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo.setWordWrap(True)
        self.choose_photo_button = QPushButton()
        self.remove_photo_button = QPushButton()
        self.choose_photo_button.clicked.connect(self.choose_photo)
        self.remove_photo_button.clicked.connect(self.remove_photo)
        photo_box = QVBoxLayout()
        photo_box.addWidget(self.photo)
        photo_box.addWidget(self.choose_photo_button)
        photo_box.addWidget(self.remove_photo_button)
        photo_box.addStretch(1)

        main = QWidget()
        main_layout = QHBoxLayout(main)
        form_box = QVBoxLayout()
        form_box.addWidget(self.form)
        form_box.addWidget(self.form.general)
        form_box.addStretch(1)
        main_layout.addLayout(form_box, 1)
        main_layout.addSpacing(12)
        main_layout.addLayout(photo_box)

        self.children_tab = ChildrenTab(state)
        self.history_tab = HistoryTab(state)
        self.dues_tab = DuesTab(state)
        self.children_tab.changed.connect(self.history_tab.reload)
        self.tabs = QTabWidget()
        self.tabs.addTab(main, "")
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
        self.form.retranslate()
        self.sex.retranslate()
        self.exit_reason.retranslate()
        self.tabs.setTabText(0, _("Main"))
        self.tabs.setTabText(1, _("Children"))
        self.tabs.setTabText(2, _("History"))
        self.tabs.setTabText(3, _("Dues"))
        self.choose_photo_button.setText(_("Choose photo…"))
        self.remove_photo_button.setText(_("Remove photo"))
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
        self.choose_photo_button.setEnabled(saved)
        self.remove_photo_button.setEnabled(saved and self.view is not None and self.view.has_photo)
        self.leave_button.setEnabled(saved and not left)
        self.delete_button.setEnabled(saved)
        self.leave_button.setToolTip("" if saved else _("Save the member first."))
        photo_hint = "" if saved else _("Save the member first to add a photo.")
        self.choose_photo_button.setToolTip(photo_hint)
        if not saved:
            self.photo.setText(photo_hint)  # in the empty photo frame, where one looks for it
        elif self.photo.pixmap().isNull():
            self.photo.setText(_("No photo"))

    # -- reading and writing the fields -------------------------------------------------------
    def _load(self) -> None:
        if self.member_id is None:
            self.view = None
            self._set_department(None)  # not the first department of the list
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
        self._show_photo()
        self._update_state()

    def set_input(self, data: MemberInput) -> None:
        for name in TEXT_FIELDS:
            line = self.fields[name]
            assert isinstance(line, QLineEdit)
            line.setText(getattr(data, name) or "")
        for name in DATE_FIELDS:
            date_edit = self.fields[name]
            assert isinstance(date_edit, DateEdit)
            date_edit.set_date(getattr(data, name))
        self.sex.set_code(data.sex)
        self.exit_reason.set_code(data.exit_reason)
        self._set_department(data.department)
        self.pensioner.setChecked(data.pensioner)
        self.note.setPlainText(data.note or "")

    def _set_department(self, name: str | None) -> None:
        row = self.department.findText(name) if name else -1
        self.department.setCurrentIndex(row)
        if row < 0:
            self.department.setEditText(name or "")
        line = self.department.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # show the start of a long name, not its end

    def read_input(self) -> tuple[MemberInput, list[ValidationError]]:
        """The fields as a MemberInput, and every mistake saving it would meet, all at once."""
        errors: list[ValidationError] = []
        dates: dict[str, dt.date | None] = {}
        for name in DATE_FIELDS:
            date_edit = self.fields[name]
            assert isinstance(date_edit, DateEdit)
            try:
                dates[name] = date_edit.date(name)
            except ValidationError as exc:
                errors.append(exc)
                dates[name] = None

        def text(name: str) -> str:
            line = self.fields[name]
            assert isinstance(line, QLineEdit)
            return line.text()

        data = MemberInput(
            card_no=text("card_no"),
            personnel_no=text("personnel_no"),
            surname=text("surname"),
            name=text("name"),
            patronymic=text("patronymic"),
            sex=self.sex.code(),
            birth_date=dates["birth_date"],
            department=self.department.currentText(),
            position=text("position"),
            join_date=dates["join_date"],
            exit_date=dates["exit_date"],
            exit_reason=self.exit_reason.code(),
            pensioner=self.pensioner.isChecked(),
            phone=text("phone"),
            email=text("email"),
            note=self.note.toPlainText(),
        ).normalized()
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

    # -- photo --------------------------------------------------------------------------------
    def _show_photo(self) -> None:
        jpeg = members.get_photo(self.state.db, self.member_id) if self.member_id else None
        if not jpeg:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(_("No photo"))
            return
        image = QImage.fromData(jpeg)
        self.photo.setPixmap(
            QPixmap.fromImage(image).scaled(
                PREVIEW_W - 4,
                PREVIEW_H - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a photo"),
            str(Path.home()),
            _("Pictures") + " (*.jpg *.jpeg *.png *.bmp *.gif *.webp)",
        )
        if path:
            self.crop_photo_file(Path(path))

    def crop_photo_file(self, path: Path) -> PhotoCropDialog | None:
        """Opens (without blocking) the crop dialog; the cropped photo is saved on OK."""
        try:
            image = load_image(path)
        except Exception as exc:  # noqa: BLE001 - not a picture: say so
            show_error(self, exc)
            return None
        dialog = PhotoCropDialog(image, self)
        dialog.accepted.connect(lambda: self._store_photo(dialog.cropped_jpeg()))
        dialog.open()
        self.crop_dialog = dialog
        return dialog

    def _store_photo(self, jpeg: bytes | None) -> None:
        if self.member_id is None:
            return
        perform(self, members.set_photo, self.state.db, self.member_id, jpeg)
        self._show_photo()
        self._changed()

    def remove_photo(self) -> None:
        self._store_photo(None)

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
        exit_date = self.fields["exit_date"]
        assert isinstance(exit_date, DateEdit)
        exit_date.set_date(stored.exit_date)  # other fields keep what the user typed
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
