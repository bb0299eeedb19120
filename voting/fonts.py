"""The TrueType fonts with Vietnamese glyphs that every printed document uses (DejaVu: Debian's
fonts-dejavu-core, installed by scripts/setup; other systems name their folder).

Found by configuration, not a fixed path: $VOTING_FONTS (a folder holding the three faces), else
the first of the usual system folders that holds them."""

from __future__ import annotations

import os
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FACES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSansMono-Bold": "DejaVuSansMono-Bold.ttf",
}
# Debian and Ubuntu; Fedora; Arch; Alpine and others; Homebrew on macOS.
SYSTEM_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu"),
    Path("/opt/homebrew/share/fonts"),
)


class FontError(RuntimeError):
    """A font the documents need is missing from this machine."""


def folder(environ: dict[str, str] | None = None) -> Path:
    """Where the faces are: $VOTING_FONTS if set (and then only there), else a system folder."""
    environ = dict(os.environ) if environ is None else environ
    configured = environ.get("VOTING_FONTS")
    candidates = (Path(configured),) if configured else SYSTEM_FOLDERS
    for candidate in candidates:
        if all((candidate / file).is_file() for file in FACES.values()):
            return candidate
    where = f"VOTING_FONTS={configured}" if configured else ", ".join(map(str, SYSTEM_FOLDERS))
    raise FontError(
        f"the DejaVu fonts ({', '.join(FACES.values())}) are not in {where}: install Debian's "
        f"fonts-dejavu-core, or set VOTING_FONTS to a folder holding them"
    )


def register() -> None:
    """Make the faces known to reportlab (once per process)."""
    missing = [name for name in FACES if name not in pdfmetrics.getRegisteredFontNames()]
    if not missing:
        return
    found = folder()
    for name in missing:
        pdfmetrics.registerFont(TTFont(name, str(found / FACES[name])))
