"""The member card's photo: the frame, "Choose photo…" and "Remove photo" under it.

Unlike the fields, a photo is stored at once (its own service call) when the crop dialog is
accepted or the photo removed - so the panel knows its member and says when it stored one
(``stored``); the member dialog then re-reads the card. A member not saved yet has no id, so
the buttons wait, and the empty frame says why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFileDialog, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from unionapp.core import members
from unionapp.core.i18n import _
from unionapp.ui.dialogs.photo_crop import PhotoCropDialog, load_image
from unionapp.ui.operations import show_error
from unionapp.ui.state import AppState

PREVIEW_W, PREVIEW_H = 150, 200


class MemberPhoto(QWidget):
    stored = Signal()  # after a photo was stored or removed (not after a refusal)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.member_id: int | None = None
        # The member's version the card shows (the dialog sets it): a photo, like a save, is
        # stored only over it, never over a change made meanwhile on another PC.
        self.version: Callable[[], int | None] = lambda: None
        self.crop_dialog: PhotoCropDialog | None = None
        self.label = QLabel()
        self.label.setObjectName("photo")
        self.label.setFixedSize(PREVIEW_W, PREVIEW_H)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setFrameShape(QFrame.Shape.StyledPanel)
        self.label.setWordWrap(True)
        self.choose_button = QPushButton()
        self.remove_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_photo)
        self.remove_button.clicked.connect(self.remove_photo)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)  # lines up with the form beside it
        box.addWidget(self.label)
        box.addWidget(self.choose_button)
        box.addWidget(self.remove_button)
        box.addStretch(1)

    def retranslate(self) -> None:
        self.choose_button.setText(_("Choose photo…"))
        self.remove_button.setText(_("Remove photo"))

    def update_state(self, saved: bool, has_photo: bool) -> None:
        """A new member needs saving before a photo can be added."""
        self.choose_button.setEnabled(saved)
        self.remove_button.setEnabled(saved and has_photo)
        photo_hint = "" if saved else _("Save the member first to add a photo.")
        self.choose_button.setToolTip(photo_hint)
        if not saved:
            self.label.setText(photo_hint)  # in the empty photo frame, where one looks for it
        elif self.label.pixmap().isNull():
            self.label.setText(_("No photo"))

    def show_photo(self) -> None:
        """The stored photo of the member, or "No photo"."""
        jpeg = members.get_photo(self.state.db, self.member_id) if self.member_id else None
        if not jpeg:
            self.label.setPixmap(QPixmap())
            self.label.setText(_("No photo"))
            return
        image = QImage.fromData(jpeg)
        self.label.setPixmap(
            QPixmap.fromImage(image).scaled(
                PREVIEW_W - 4,
                PREVIEW_H - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window(),
            _("Choose a photo"),
            str(Path.home()),
            _("Pictures ({patterns})").format(patterns="*.jpg *.jpeg *.png *.bmp *.gif *.webp"),
        )
        if path:
            self.crop_photo_file(Path(path))

    def crop_photo_file(self, path: Path) -> PhotoCropDialog | None:
        """Opens (without blocking) the crop dialog; the cropped photo is saved on OK."""
        try:
            image = load_image(path)
        except Exception as exc:  # noqa: BLE001 - not a picture: say so
            show_error(self.window(), exc)
            return None
        dialog = PhotoCropDialog(image, self.window())
        dialog.accepted.connect(lambda: self.store_photo(dialog.cropped_jpeg()))
        dialog.open()
        self.crop_dialog = dialog
        return dialog

    def store_photo(self, jpeg: bytes | None) -> bool:
        """Store (``None``: remove) the photo; a refusal is shown and ``stored`` not sent."""
        if self.member_id is None:
            return False
        try:
            members.set_photo(self.state.db, self.member_id, jpeg,
                              expected_version=self.version())
        except Exception as exc:  # noqa: BLE001 - shown to the user; nothing was stored
            show_error(self.window(), exc)
            return False
        finally:
            self.show_photo()  # what is stored now, either way
        self.stored.emit()
        return True

    def remove_photo(self) -> bool:
        return self.store_photo(None)


__all__ = ["PREVIEW_H", "PREVIEW_W", "MemberPhoto"]
