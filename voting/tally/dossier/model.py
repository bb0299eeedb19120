"""The dossier summary's shapes: what `voting.planning.dossier.summary` makes and both
renderers read, and the documents checklist built from the registry's dated documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from voting.rules.calendar import is_stale

# rules.md "After the vote": the dossier's item 1 is the submission with this summary; items
# 2–5 (CV with photo, evaluations, the political-standard conclusion, the asset declaration)
# must be at most 6 months old at review; item 6, certified diplomas, has no age limit, only
# its presence is checked. Printed with the dossier's numbers, so "2–5" reads as in the rule.
DOCUMENTS = (
    ("cv", "Sơ yếu lý lịch (mẫu 2C-TCTW) có ảnh", True),
    ("evaluation", "Nhận xét, đánh giá", True),
    ("political_standard", "Kết luận tiêu chuẩn chính trị", True),
    ("assets", "Bản kê khai tài sản, thu nhập", True),
    ("diplomas", "Bản sao văn bằng, chứng chỉ có chứng thực", False),
)


@dataclass(frozen=True)
class ProcessInfo:
    """What the summary is of; `reference` is the month ages are counted from (its first day)."""

    title: str
    procedure_title: str
    tier_title: str
    term: str
    reference: date


@dataclass(frozen=True)
class StepInfo:
    """One recorded step; `base_count` is the number its percentages are taken of."""

    number: int
    title: str
    held_on: date | None
    paper: bool
    kind: Literal["candidates", "removal"]
    threshold: str
    convened: int
    present: int
    base_count: int


@dataclass(frozen=True)
class StepCount:
    """One candidate's count at one step; `percent` is display text ("60.00")."""

    agree: int
    base_count: int
    percent: str
    passed: bool


@dataclass(frozen=True)
class CandidateRow:
    """A candidate of one position; `steps` is keyed by the step's number and lacks the steps
    whose ballot did not carry the candidate."""

    ref: str
    full_name: str
    post: str
    unit: str
    steps: dict[int, StepCount]
    outcome: str
    outcome_text: str
    # Why the outcome, when the outcome alone does not say (a cadre over the 3-positions cap:
    # "vượt quá 3 chức danh: đã có 2 chức danh trong quy hoạch, …"): printed below it.
    note: str = ""
    # Birth year, sex, source category (đối tượng) and political theory, as printed:
    # "sinh 1992 · nữ · đối tượng 2 · LLCT sơ cấp".
    details: str = ""


@dataclass(frozen=True)
class PositionRows:
    """One position's candidates in ballot order."""

    position: str
    candidates: list[CandidateRow]


@dataclass(frozen=True)
class Removal:
    """A planned cadre considered for removal: automatic (no vote) or by the removal ballot."""

    ref: str
    full_name: str
    position: str
    reason: str
    automatic: bool
    agree: int | None
    base_count: int | None
    percent: str | None
    removed: bool


@dataclass(frozen=True)
class DocumentItem:
    """One document of a cadre's dossier; `dated` is None when missing."""

    kind: str
    title: str
    dated: date | None
    missing: bool
    stale: bool


@dataclass(frozen=True)
class CadreDocuments:
    """One cadre's documents in the dossier's order."""

    ref: str
    full_name: str
    items: list[DocumentItem]


@dataclass(frozen=True)
class DocumentChecklist:
    """Every candidate's documents as checked at `review_date`."""

    review_date: date
    cadres: list[CadreDocuments]


@dataclass(frozen=True)
class DecidedPosition:
    """One position the head decided: the cadres left to the head (a tie for the last places,
    or over the 3-positions cap) and those the head chose, by name; `reasons` says why each
    was left to the head ("Bằng phiếu ở vị trí cuối: …", "…: vượt quá 3 chức danh: đã có 2
    chức danh trong quy hoạch, …")."""

    position: str
    contested: list[str]
    chosen: list[str]
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HeadDecisionInfo:
    """The head's decision at the final step as recorded: who (the account's name, as
    printed), when (UTC, ISO), the note."""

    step: int
    paper: bool
    decided_by: str
    decided_at: str
    note: str
    positions: list[DecidedPosition]
    # The moment in the room's time zone, as printed ("20/04/2022 09:30 (giờ Hà Nội)"); when
    # empty, the instant is printed in UTC.
    decided_at_text: str = ""


@dataclass(frozen=True)
class DossierSummary:
    """The whole summary; `fingerprint` is the installation key's, printed on every page."""

    agency: str
    fingerprint: str
    process: ProcessInfo
    steps: list[StepInfo]
    positions: list[PositionRows]
    removals: list[Removal]
    documents: DocumentChecklist
    decisions: list[HeadDecisionInfo] = field(default_factory=list)
    # The young and women counts and shares of the list proposed, as printed.
    structure: str = ""
    # The managing body above the agency (cơ quan chủ quản), printed above its name, and who
    # signs the summary (the head's title and name, from the installation's settings).
    parent: str = ""
    signer_title: str = ""
    signer_name: str = ""


def document_checklist(
    cadres: Sequence[tuple[str, str]],
    documents: Mapping[str, Sequence[tuple[str, date]]],
    review: date,
) -> DocumentChecklist:
    """For each cadre (ref, name), each document kind in the dossier's order with its date,
    flagged missing or (for the age-limited kinds) older than 6 months at `review`."""
    out: list[CadreDocuments] = []
    for ref, full_name in cadres:
        held = dict(documents.get(ref, ()))
        items = [
            DocumentItem(
                kind=kind,
                title=title,
                dated=held.get(kind),
                missing=held.get(kind) is None,
                stale=bool(kind in held and age_limited and is_stale(held[kind], review)),
            )
            for kind, title, age_limited in DOCUMENTS
        ]
        out.append(CadreDocuments(ref=ref, full_name=full_name, items=items))
    return DocumentChecklist(review_date=review, cadres=out)


def ballot_steps(data: DossierSummary) -> list[StepInfo]:
    """The steps that voted on candidates: one column each in the candidates' tables."""
    return [step for step in data.steps if step.kind == "candidates"]
