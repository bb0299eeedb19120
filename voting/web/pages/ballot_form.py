"""The ballot editor's form: one block per position (Chức danh) with its quota K and its
candidates typed one per line as "Họ và tên; Chức vụ; Đơn vị" — quicker to type or paste from a
spreadsheet than one field per candidate. The domain (voting.conference.ballot) checks the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from voting.conference.ballot import Ballot, CandidateInput, SectionInput
from voting.conference.errors import Problem, problem, refused

SEPARATORS = (";", "\t")


@dataclass(frozen=True)
class SectionBlock:
    """One block of the form as shown: what the organiser typed, or the stored section."""

    position: str
    quota: str
    lines: str


def blocks_of(described: Ballot) -> list[SectionBlock]:
    """The stored ballot (`ballot.describe`) as form blocks, plus an empty one to add a
    position."""
    blocks = [
        SectionBlock(
            section.position,
            "" if section.quota is None else str(section.quota),
            "\n".join(f"{c.full_name}; {c.post}; {c.unit}" for c in section.candidates),
        )
        for section in described.sections
    ]
    return [*blocks, SectionBlock("", "", "")]


def blocks_from(form: MultiDict[str, str]) -> list[SectionBlock]:
    """The blocks as posted (to show them again when the ballot is refused)."""
    return [
        SectionBlock(position, quota, lines)
        for position, quota, lines in zip(
            form.getlist("position"),
            form.getlist("quota"),
            form.getlist("candidates"),
            strict=False,
        )
    ]


def sections_from(blocks: list[SectionBlock]) -> list[SectionInput]:
    """The sections to store; a block without a position is dropped. Lines that are not three
    fields and quotas that are not numbers are all reported at once."""
    sections: list[SectionInput] = []
    problems: list[Problem] = []
    for block in (b for b in blocks if b.position.strip()):
        number = len(sections) + 1
        candidates = []
        for line_number, line in enumerate(block.lines.splitlines(), start=1):
            if not line.strip():
                continue
            fields = _split(line)
            if len(fields) != 3:
                where = {"section": number, "line": line_number}
                problems.append(problem("ballot.bad_line", where))
                continue
            candidates.append(CandidateInput(*fields))
        quota: int | None = None
        if block.quota.strip():
            try:
                quota = int(block.quota)
            except ValueError:
                problems.append(problem("ballot.bad_quota", {"section": number}))
        sections.append(SectionInput(block.position, tuple(candidates), quota))
    if problems:
        raise refused("invalid_ballot.form", problems=problems)
    return sections


def _split(line: str) -> list[str]:
    for separator in SEPARATORS:
        if separator in line:
            return [field.strip() for field in line.split(separator)]
    return [line.strip()]
