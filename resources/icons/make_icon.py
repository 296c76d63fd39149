"""Draws Loket's icon (an ID card on the Dinas blue) as PNG and Windows ICO.

Run `.venv/bin/python resources/icons/make_icon.py` after changing it; the files it
writes are committed, so building the bundle needs no drawing step.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
BLUE = (27, 79, 114, 255)
CARD = (235, 245, 251, 255)
INK = (27, 79, 114, 255)
GREEN = (30, 132, 73, 255)


def draw(size: int = 512) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    u = size / 32
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * u, fill=BLUE)
    d.rounded_rectangle((4 * u, 8 * u, 28 * u, 24 * u), radius=2 * u, fill=CARD)
    d.rounded_rectangle((6 * u, 11 * u, 13 * u, 20 * u), radius=u, fill=INK)  # the photo
    for row, width in ((12, 12), (15, 10), (18, 8)):
        d.rounded_rectangle((15 * u, row * u, (15 + width) * u, (row + 1.4) * u),
                            radius=0.7 * u, fill=INK)  # fmt: skip
    d.ellipse((21 * u, 18 * u, 29 * u, 26 * u), fill=GREEN)  # handed over: a tick
    d.line(((23 * u, 22 * u), (24.6 * u, 23.8 * u), (27 * u, 20.2 * u)), fill=CARD,
           width=int(1.3 * u), joint="curve")  # fmt: skip
    return image


if __name__ == "__main__":
    icon = draw()
    icon.resize((256, 256), Image.LANCZOS).save(HERE / "loket.png")
    icon.save(HERE / "loket.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64),
                                          (128, 128), (256, 256)])  # fmt: skip
    print("loket.png, loket.ico")
