"""The standards of each position a process plans for, as voters must be told them: KH 331
B.V.1, "Các tiêu chuẩn chung và tiêu chuẩn cụ thể của từng chức danh cán bộ lãnh đạo, quản lý
phải được công khai để cán bộ, đảng viên tham gia bỏ phiếu giới thiệu quy hoạch ... được biết".
From the rule set: the source categories (B.I.2), the professional and political-theory
standards (B.II.1), the months of work required (B.II.2) and the general conditions (A.I).
Printed on the process's standards page and shown on the ballot itself (phone and kiosk), under
each position."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from voting.conference import conferences
from voting.planning.processes import RULES
from voting.rules import RuleSet
from voting.rules.eligibility import term_kind
from voting.rules.ruleset import PositionKind
from voting.store import Conference, Process

GENERAL = (
    "Có phẩm chất, năng lực, uy tín, triển vọng phát triển; bảo đảm tiêu chuẩn chính trị; "
    "không trong thời hạn xử lý kỷ luật từ khiển trách trở lên (mục A.I, B.II.3)."
)
PROFESSIONAL = "Có trình độ chuyên môn, nghiệp vụ tương ứng với chức danh bổ nhiệm (mục B.II.1)."
_THEORY = {"cao_cap": "Cao cấp", "trung_cap": "Trung cấp", "so_cap": "Sơ cấp"}


@dataclass(frozen=True)
class PositionStandards:
    """A position kind's title, its source categories, and its standards, as printed."""

    position: str
    sources: list[str]
    standards: list[str]


def of_process(process: Process) -> list[PositionStandards]:
    """Each position kind of the process's tier with its standards, in Vietnamese."""
    term = term_kind(process.procedure, process.reference, process.term_start)
    return [
        of_kind(kind, term, RULES) for kind in RULES.positions.values() if kind.tier == process.tier
    ]


def on_ballot(session: Session, conference: Conference) -> dict[str, list[str]]:
    """For each position on the conference's ballot that the rule set knows: the lines voters
    read under it (source categories, then standards). A process's conference plans for the
    process's term; a conference set up by hand for its procedure's ("next_term": the next)."""
    process = session.get(Process, conference.process_id) if conference.process_id else None
    term = (
        term_kind(process.procedure, process.reference, process.term_start)
        if process is not None
        else term_kind(conference.procedure, conference.held_on, None)
    )
    rules = conferences.rule_set_of(conference)
    out = {}
    for section in conference.sections:
        kind = rules.position_for(section.position)
        if kind is not None:
            described = of_kind(kind, term, rules)
            out[section.position] = [*described.sources, *described.standards]
    return out


def of_kind(kind: PositionKind, term: str, rules: RuleSet) -> PositionStandards:
    """One position kind's sources and standards, for a process planning the `term` ("next" or
    "current") term."""
    posts = {key: post.title for key, post in rules.posts.items()}
    sources = {
        n: ", ".join(posts.get(k, k) for k, c in kind.categories.items() if c == n) for n in (1, 2)
    }
    if term == "next":
        months = [
            f"Đủ tuổi công tác ít nhất trọn nhiệm kỳ kế tiếp "
            f"({rules.next_term_months} tháng tính từ khi nhiệm kỳ bắt đầu) (mục B.II.2)."
        ]
    else:
        needed = rules.tiers[kind.tier].current_term_months
        months = [
            f"Đối tượng {n}: còn ít nhất {needed[n]} tháng công tác (mục B.II.2)."
            for n in (1, 2)
            if sources[n]
        ]
    level = _THEORY.get(kind.political_theory or "", kind.political_theory)
    theory = (
        f"Trình độ lý luận chính trị: {level} trở lên (hoặc đang học); chưa đạt thì sau "
        "khi quy hoạch phải có kế hoạch đào tạo, bồi dưỡng (mục B.II.1)."
        if kind.political_theory
        else ""
    )
    return PositionStandards(
        position=kind.title,
        sources=[f"Đối tượng {n}: {s}" for n, s in sources.items() if s],
        standards=[GENERAL, PROFESSIONAL, *([theory] if theory else []), *months],
    )
