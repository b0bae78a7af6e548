"""Cropping a member's photo to 3x4, the shape of the photo on a membership card.

The user sees the picture with a 3:4 frame over it: drag inside the frame to move it, drag its
corner handle (or turn the mouse wheel) to resize it. The result is scaled to 300x400 and kept
as a JPEG, so a card sheet of 1,000 members never resizes full camera pictures.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from unionapp.core.errors import UserError
from unionapp.core.i18n import N_, _

PHOTO_SIZE = QSize(300, 400)
RATIO = 3 / 4  # width / height
HANDLE = 14.0  # px on screen


def load_image(path: Path) -> QImage:
    """The picture in ``path`` turned upright (phones store the rotation in EXIF)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise UserError(N_("{path} is not a picture that can be opened."), path=str(path))
    return image


def largest_frame(width: float, height: float, share: float = 1.0) -> QRectF:
    """The biggest 3:4 rectangle centred in an image of this size (times ``share``)."""
    w = min(width, height * RATIO) * share
    h = w / RATIO
    return QRectF((width - w) / 2, (height - h) / 2, w, h)


def crop_to_jpeg(image: QImage, frame: QRectF, quality: int = 88) -> bytes:
    """The part of ``image`` inside ``frame``, scaled to 300x400, as JPEG bytes."""
    part = image.copy(frame.toAlignedRect()).scaled(
        PHOTO_SIZE,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    if part.hasAlphaChannel():  # JPEG has none: put a transparent PNG on white
        flat = QImage(part.size(), QImage.Format.Format_RGB32)
        flat.fill(QColor("white"))
        painter = QPainter(flat)
        painter.drawImage(0, 0, part)
        painter.end()
        part = flat
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    part.save(buffer, "JPEG", quality)  # type: ignore[call-overload]  # stubs say bytes; str works
    buffer.close()
    return bytes(data.data())


class CropArea(QWidget):
    """The picture, scaled to fit, with a movable and resizable 3:4 frame."""

    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        # in image pixels; a little smaller than it could be, so the frame is plain to see
        self.frame = largest_frame(image.width(), image.height(), 0.9)
        self._drag: str | None = None
        self._start = QPointF()
        self._start_frame = QRectF()
        self.setMinimumSize(360, 360)
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(520, 520)

    # -- geometry -----------------------------------------------------------------------------
    def _scale(self) -> float:
        return min(self.width() / self.image.width(), self.height() / self.image.height())

    def _offset(self) -> QPointF:
        s = self._scale()
        return QPointF(
            (self.width() - self.image.width() * s) / 2,
            (self.height() - self.image.height() * s) / 2,
        )

    def _to_screen(self, rect: QRectF) -> QRectF:
        s, o = self._scale(), self._offset()
        return QRectF(
            o.x() + rect.x() * s, o.y() + rect.y() * s, rect.width() * s, rect.height() * s
        )

    def _handle(self) -> QRectF:
        r = self._to_screen(self.frame)
        return QRectF(r.right() - HANDLE, r.bottom() - HANDLE, HANDLE * 2, HANDLE * 2)

    def set_frame(self, frame: QRectF) -> None:
        """Keep the frame 3:4, at least 30 px high and inside the picture."""
        w_max, h_max = float(self.image.width()), float(self.image.height())
        h = max(30.0, min(frame.height(), h_max, w_max / RATIO))
        w = h * RATIO
        x = min(max(frame.x(), 0.0), w_max - w)
        y = min(max(frame.y(), 0.0), h_max - h)
        self.frame = QRectF(x, y, w, h)
        self.update()

    # -- mouse --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._handle().contains(pos):
            self._drag = "resize"
        elif self._to_screen(self.frame).contains(pos):
            self._drag = "move"
        else:
            self._drag = None
        self._start, self._start_frame = pos, QRectF(self.frame)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self._drag is None:
            over_handle = self._handle().contains(pos)
            self.setCursor(
                Qt.CursorShape.SizeFDiagCursor
                if over_handle
                else Qt.CursorShape.SizeAllCursor
                if self._to_screen(self.frame).contains(pos)
                else Qt.CursorShape.ArrowCursor
            )
            return
        delta = (pos - self._start) / self._scale()
        f = self._start_frame
        if self._drag == "move":
            self.set_frame(f.translated(delta))
        else:
            grow = max(delta.x() / RATIO, delta.y())
            self.set_frame(QRectF(f.x(), f.y(), (f.height() + grow) * RATIO, f.height() + grow))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._drag = None

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        factor = 1.05 if event.angleDelta().y() > 0 else 1 / 1.05
        centre = self.frame.center()
        h = self.frame.height() * factor
        self.set_frame(QRectF(centre.x() - h * RATIO / 2, centre.y() - h / 2, h * RATIO, h))

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        whole = self._to_screen(QRectF(0, 0, self.image.width(), self.image.height()))
        painter.drawImage(whole, self.image)
        frame = self._to_screen(self.frame)
        shade = QPainterPath()
        shade.addRect(whole)
        shade.addRect(frame)
        painter.fillPath(shade, QColor(0, 0, 0, 130))
        painter.setPen(QPen(QColor("white"), 2))
        painter.drawRect(frame)
        painter.fillRect(
            QRectF(frame.right() - HANDLE / 2, frame.bottom() - HANDLE / 2, HANDLE, HANDLE),
            QColor("white"),
        )
        painter.end()


class PhotoCropDialog(QDialog):
    def __init__(self, image: QImage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = CropArea(image)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Crop the photo"))
        self.hint.setText(
            _(
                "Move the frame over the face; drag its corner or turn the mouse "
                "wheel to change its size."
            )
        )

    def cropped_jpeg(self) -> bytes:
        return crop_to_jpeg(self.area.image, self.area.frame)
