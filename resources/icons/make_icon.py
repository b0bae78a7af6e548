"""Draw the program's icon: three people holding hands, white on a deep-blue rounded square.

People joined together say «union» in any language (no letters to translate) and stay
readable at 16 pixels: three heads over three bodies, linked by their hands. Each size of the
.ico is drawn on its own, four times larger and scaled down, so the small ones stay crisp;
at 16 and 24 pixels the gaps between the people are wider so they do not blur together.

    .venv/bin/python resources/icons/make_icon.py

writes unionapp.ico (16-256 px, for build.spec) and unionapp.png (256 px, the window's icon)
beside this script.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE = (23, 70, 140, 255)  # deep blue: reads on light and dark task bars alike
WHITE = (255, 255, 255, 255)
SCALE = 4  # drawn this many times larger, then scaled down (smooth edges)

# On a 256-unit square: (centre x, centre y, radius) of each head, the box of each body.
HEADS = ((68, 92, 22), (128, 74, 24), (188, 92, 22))
BODIES = (((36, 124, 100, 212), 26), ((156, 124, 220, 212), 26), ((94, 106, 162, 212), 30))
BETWEEN = (97, 159)  # where neighbours touch: a gap above and below their joined hands
HANDS = (150, 178)  # the joined hands' height: no gap there


def draw(size: int) -> Image.Image:
    """The icon at ``size`` pixels."""
    unit = size * SCALE / 256
    image = Image.new("RGBA", (size * SCALE, size * SCALE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def box(*values: float) -> tuple[float, ...]:
        return tuple(v * unit for v in values)

    margin = 8 if size >= 32 else 0  # small icons use every pixel
    pen.rounded_rectangle(box(margin, margin, 256 - margin, 256 - margin),
                          radius=(56 if size >= 32 else 48) * unit, fill=BLUE)
    for x, y, r in HEADS:
        pen.ellipse(box(x - r, y - r, x + r, y + r), fill=WHITE)
    for body, radius in BODIES:
        pen.rounded_rectangle(box(*body), radius=radius * unit, fill=WHITE)
    gap = round((14 if size <= 24 else 10) * unit)
    for x in BETWEEN:
        pen.line(box(x, 110, x, HANDS[0]), fill=BLUE, width=gap)
        pen.line(box(x, HANDS[1], x, 214), fill=BLUE, width=gap)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    images = {size: draw(size) for size in SIZES}
    images[256].save(HERE / "unionapp.png")
    images[256].save(
        HERE / "unionapp.ico",
        sizes=[(s, s) for s in SIZES],
        append_images=[images[s] for s in SIZES if s != 256],
    )


if __name__ == "__main__":
    main()
