"""The TrueType fonts with Vietnamese glyphs that every printed document uses (Debian's
fonts-dejavu-core, installed by scripts/setup)."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FOLDER = Path("/usr/share/fonts/truetype/dejavu")
FACES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansMono-Bold": "DejaVuSansMono-Bold.ttf",
}


class FontError(RuntimeError):
    """A font the documents need is missing from this machine."""


def register() -> None:
    """Make the faces known to reportlab (once per process)."""
    for name, file in FACES.items():
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = FOLDER / file
        if not path.is_file():
            raise FontError(f"{path} is missing: install Debian's fonts-dejavu-core")
        pdfmetrics.registerFont(TTFont(name, str(path)))
