"""The documents of a conference people download — the signed record, the minutes, the counts
— named after the conference, so the files of several steps sit side by side in one folder
without overwriting each other:
"2022-04-20_buoc-5_hoi-nghi-tap-the-lanh-dao-mo-rong_bien-ban.pdf"."""

from __future__ import annotations

import re

from voting.conference.search import fold
from voting.store import Conference

# What each document is called in its file name (Vietnamese words, without diacritics).
KINDS = {
    "record": ("ho-so", "json"),
    "minutes": ("bien-ban", "pdf"),
    "counts.csv": ("so-phieu", "csv"),
    "counts.xlsx": ("so-phieu", "xlsx"),
}
SLUG_LENGTH = 60


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Hội nghị (lần 2)" → "hoi-nghi-lan-2"."""
    words = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return words[:SLUG_LENGTH].rstrip("-") or "hoi-nghi"


def file_name(conference: Conference, kind: str) -> str:
    """The download name of `conference`'s document `kind` (a key of KINDS)."""
    word, extension = KINDS[kind]
    practice = "thu_" if conference.practice_of is not None else ""
    step = f"buoc-{conference.step_number}"
    # A process's conference is titled after its step ("Bước 3: Hội nghị …"): the step is
    # named once.
    title = slug(conference.title).removeprefix(f"{step}-")
    return f"{conference.held_on.isoformat()}_{practice}{step}_{title}_{word}.{extension}"
