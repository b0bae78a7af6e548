"""Save and Cancel under a form dialog, in the window's language (every record's dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from unionapp.core.i18n import _

SAVE = QDialogButtonBox.StandardButton.Save
CANCEL = QDialogButtonBox.StandardButton.Cancel


class SaveCancelButtons(QDialogButtonBox):
    """Save runs ``save`` (which closes the dialog when it stored the record), Cancel rejects;
    ``retranslate`` gives them the words of the current language (Qt's own may lack ky)."""

    def __init__(self, dialog: QDialog, save: Callable[[], object]) -> None:
        super().__init__(SAVE | CANCEL, dialog)
        self.accepted.connect(save)
        self.rejected.connect(dialog.reject)

    def retranslate(self) -> None:
        self.button(SAVE).setText(_("Save"))
        self.button(CANCEL).setText(_("Cancel"))
