"""The member card's first tab: every field of the register in two columns, the photo beside.

It turns a MemberInput into the fields and the fields back into one, collecting every date
that cannot be read at once (so all mistakes are marked in one round); the dialog adds the
service's checks and saves. The field names are the register's (core/member_fields.py), so a
refusal from the service lands on its field.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from unionapp.core import members
from unionapp.core.codes import EXIT_REASONS, SEXES
from unionapp.core.errors import ValidationError
from unionapp.core.i18n import N_
from unionapp.core.member_fields import DATE_FIELDS
from unionapp.core.members import MemberInput
from unionapp.ui.dialogs.member_photo import MemberPhoto
from unionapp.ui.state import AppState
from unionapp.ui.widgets.code_combo import CodeCombo
from unionapp.ui.widgets.date_edit import DateEdit
from unionapp.ui.widgets.field_form import FieldForm

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
LEFT_COLUMN = ("card_no", "personnel_no", "surname", "name", "patronymic", "sex", "birth_date",
               "pensioner")
RIGHT_COLUMN = ("department", "position", "join_date", "exit_date", "exit_reason", "phone",
                "email")


class MemberMainTab(QWidget):
    """The fields (``fields`` by the register's names, in a FieldForm) and the photo panel."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        for name in LEFT_COLUMN:
            self.form.add(name, self.fields[name], column=0)
        for name in RIGHT_COLUMN:
            self.form.add(name, self.fields[name], column=1)
        self.form.add("note", self.note, column=-1)

        self.photo = MemberPhoto(state)
        main_layout = QHBoxLayout(self)
        form_box = QVBoxLayout()
        form_box.addWidget(self.form)
        form_box.addWidget(self.form.general)
        form_box.addStretch(1)
        main_layout.addLayout(form_box, 1)
        main_layout.addSpacing(12)
        main_layout.addWidget(self.photo)

    def retranslate(self) -> None:
        self.form.retranslate()
        self.sex.retranslate()
        self.exit_reason.retranslate()
        self.photo.retranslate()

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
        self.set_department(data.department)
        self.pensioner.setChecked(data.pensioner)
        self.note.setPlainText(data.note or "")

    def set_department(self, name: str | None) -> None:
        row = self.department.findText(name) if name else -1
        self.department.setCurrentIndex(row)
        if row < 0:
            self.department.setEditText(name or "")
        line = self.department.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # show the start of a long name, not its end

    def set_date(self, name: str, value: dt.date | None) -> None:
        date_edit = self.fields[name]
        assert isinstance(date_edit, DateEdit)
        date_edit.set_date(value)

    def read_fields(self) -> tuple[MemberInput, list[ValidationError]]:
        """The fields as a MemberInput, and every date that cannot be read (left out)."""
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
        return data, errors


__all__ = ["TEXT_FIELDS", "MemberMainTab"]
