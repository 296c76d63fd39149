"""The fonts every Loket paper uses, registered with reportlab from `resources/fonts`.

DejaVu Sans is shipped with the program so the PDF and the SVG that Qt prints use the same
face on every workstation, and it covers the Indonesian alphabet and the dashes we print.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.resources import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
# The family name the fonts carry inside the TTF files; Qt and browsers look fonts up by it.
FAMILY = "DejaVu Sans"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> None:
    """Register DejaVu Sans and its bold face with reportlab; calling it again does nothing."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name in registered:
            continue
        path = resource_path("fonts", filename)
        if not path.exists():
            raise FileNotFoundError(
                f"Font file {path} is missing; reinstall Loket or restore resources/fonts."
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    # One family, so <b> in a paragraph picks the bold face (there is no italic face).
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, face)


def svg_font_hacks() -> dict[str, dict[str, str]]:
    """`fontHacks` for reportlab's SVG renderer: name the real family and weight, which is
    what an SVG reader (Qt's QSvgRenderer) needs to find the installed or bundled font."""
    return {REGULAR: {"family": FAMILY}, BOLD: {"family": FAMILY, "weight": "bold"}}
