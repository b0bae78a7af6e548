"""Members' photos made ready for the membership cards: each read once per job, kept few at a
time, and never the reason a job stops.

A stored RGB JPEG of sane size goes into the PDF as it is (no re-encoding); a CMYK one is
converted to RGB, a huge one scaled down, transparency laid on white, a turned one set upright;
one that cannot be read gives None, and the card shows the silhouette instead.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from collections import OrderedDict

from PIL import Image, ImageOps
from reportlab.lib.utils import ImageReader

log = logging.getLogger(__name__)

PHOTO_PIXELS = (450, 600)  # what a re-encoded photo is scaled to fit: ~540 dpi on the card
PASS_THROUGH_SIDE = 1200  # a JPEG (RGB or grey) up to this side goes in as it is
MAX_DECODED_PIXELS = 60_000_000  # a non-JPEG bigger than this is not decoded (no draft mode)
JPEG_QUALITY = 90


class Photos:
    """Each photo read once per job: a reader ReportLab embeds, or None (unreadable).

    Only the last few readers are kept: a reader holds its decoded pixels (~0.8 MB a photo),
    and a job draws each member's photo once, so keeping them all would cost gigabytes for a
    few thousand cards; a photo shared by several cards in a row is still read once, and
    ReportLab embeds equal pictures once whatever the reader. Unreadable ones are remembered.
    """

    KEEP = 8

    def __init__(self) -> None:
        self._readers: OrderedDict[str, ImageReader] = OrderedDict()
        self._bad: set[str] = set()

    def reader(self, data: bytes) -> ImageReader | None:
        key = hashlib.sha1(data).hexdigest()
        if key in self._bad:
            return None
        if key in self._readers:
            self._readers.move_to_end(key)
            return self._readers[key]
        reader = _prepare(data)
        if reader is None:
            self._bad.add(key)
            return None
        self._readers[key] = reader
        if len(self._readers) > self.KEEP:
            _release(self._readers.popitem(last=False)[1])
        return reader

    def forget(self, data: bytes) -> None:
        """``data`` turned out unreadable when drawn: the silhouette from now on."""
        key = hashlib.sha1(data).hexdigest()
        reader = self._readers.pop(key, None)
        if reader is not None:
            _release(reader)
        self._bad.add(key)

    def close(self) -> None:
        for reader in self._readers.values():
            _release(reader)
        self._readers.clear()


def _release(reader: ImageReader) -> None:
    """Free a reader's pixels now: a JPEG reader refers to itself (``jpeg_fh`` is its own bound
    method), so without this only the cyclic collector frees it — rarely, as it does not see
    the megabytes Pillow holds — and a thousand cards took a gigabyte."""
    reader.__dict__.pop("jpeg_fh", None)


def _prepare(data: bytes) -> ImageReader | None:
    """A reader over ``data`` itself when it is a plain JPEG, else over an RGB JPEG made from it
    (CMYK converted, transparency on white, turned upright, huge ones scaled down); None when
    the bytes are not a picture Pillow can read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            upright = _orientation(image) in (0, 1)
            if (image.format == "JPEG" and image.mode in ("RGB", "L") and upright
                    and max(image.size) <= PASS_THROUGH_SIDE):
                return ImageReader(io.BytesIO(data))
            return ImageReader(io.BytesIO(_reencoded(image)))
    except Exception as exc:  # noqa: BLE001 - any unreadable picture becomes the silhouette
        log.info("photo not readable: %s", exc)
        return None


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1: upright); a damaged EXIF block does not spoil the picture."""
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # noqa: BLE001 - any EXIF trouble: take the pixels as they are
        return 1


def _reencoded(image: Image.Image) -> bytes:
    if image.format == "JPEG":
        image.draft(image.mode, PHOTO_PIXELS)  # decodes at 1/2..1/8 scale: fast for huge ones
    elif image.width * image.height > MAX_DECODED_PIXELS:
        raise ValueError(f"{image.width}x{image.height} is too big to decode")
    if _orientation(image) not in (0, 1):
        image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA", "P") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, "white")
        image.paste(rgba, mask=rgba.getchannel("A"))
    elif image.mode != "RGB":
        image = image.convert("RGB")  # CMYK, 16-bit grey, …
    image.thumbnail(PHOTO_PIXELS, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()

