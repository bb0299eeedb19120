"""The message catalogue: every word of the pages, one gettext file per language
(`voting/translations/<lang>/LC_MESSAGES/messages.po`), read with Babel once at start-up.

The msgid is a key (`vote.send`), not the Vietnamese text: the code and the templates name what
they show, a text can be corrected without touching them, and a translator's PO editor shows the
Vietnamese file beside the English one. The `.po` files are read as they are — no compiled `.mo`
to build, ship or keep in step. Both files must hold the same keys, none with an empty text, or
the server refuses to start (docs/ui.md "Language"). Pure Python: no Flask.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

LANGUAGES = ("vi", "en")
FOLDER = Path(__file__).parent


def read(lang: str) -> dict[str, str]:
    """The key → text table of one language's messages.po."""
    with (FOLDER / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        catalog = read_po(file, locale=lang)
    return {str(message.id): str(message.string) for message in catalog if message.id}


def load() -> dict[str, tuple[str, str]]:
    """Key → (Vietnamese, English), refused unless both languages hold every key with a text."""
    vi, en = (read(lang) for lang in LANGUAGES)
    if vi.keys() != en.keys():
        raise ValueError(
            "messages.po files differ: only in vi: "
            f"{sorted(vi.keys() - en.keys())}, only in en: {sorted(en.keys() - vi.keys())}"
        )
    empty = sorted(key for key in vi if not vi[key] or not en[key])
    if empty:
        raise ValueError(f"messages.po: no text for {empty}")
    return {key: (vi[key], en[key]) for key in vi}


CATALOGUE = load()


def texts(key: str, **values: Any) -> tuple[str, str]:
    """The Vietnamese and English texts of `key` with `{name}` placeholders filled: for a text
    that travels in both languages (a refusal's part, a problem in a file or a ballot)."""
    vi, en = CATALOGUE[key]
    return vi.format(**values), en.format(**values)
