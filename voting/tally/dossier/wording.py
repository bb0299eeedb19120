"""The Vietnamese both renderers print: the title, how a step, a count, a removal and the
head's decision read, and the dates and moments as documents write them."""

from __future__ import annotations

from datetime import date, datetime

from voting.rules.calendar import DOCUMENT_MAX_AGE_MONTHS
from voting.tally.dossier.model import (
    DocumentItem,
    DossierSummary,
    HeadDecisionInfo,
    Removal,
    StepInfo,
)

TITLE = "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU Ở CÁC BƯỚC"
PAPER = "giấy"


def step_label(step: StepInfo) -> str:
    return f"Bước {step.number}" + (f" ({PAPER})" if step.paper else "")


def form(step: StepInfo) -> str:
    return "Phiếu giấy" if step.paper else "Điện tử"


def print_day(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def state(item: DocumentItem) -> str:
    if item.missing:
        return "Thiếu"
    return f"Quá {DOCUMENT_MAX_AGE_MONTHS} tháng" if item.stale else "Hợp lệ"


def removal_how(removal: Removal, data: DossierSummary) -> str:
    """How the removal was decided, naming the removal ballot's step (and "giấy")."""
    if removal.automatic:
        return "Tự động (không bỏ phiếu)"
    labels = [step_label(s) for s in data.steps if s.kind == "removal"]
    return " — ".join(["Bỏ phiếu", *labels])


def count_text(agree: int, base_count: int, percent: str) -> str:
    """ "12/20 · 60.00%": the agree count over its base, then the percentage."""
    return f"{agree}/{base_count} · {percent}%"


def removal_votes(removal: Removal) -> str:
    agree, base_count, percent = removal.agree, removal.base_count, removal.percent
    if percent is None:
        return "—"
    return (
        f"{percent}%"
        if agree is None or base_count is None
        else count_text(agree, base_count, percent)
    )


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def removal_result(removal: Removal) -> str:
    return "Đưa ra khỏi quy hoạch" if removal.removed else "Giữ lại trong quy hoạch"


def decision_text(decision: HeadDecisionInfo) -> str:
    """ "Bằng phiếu ở vị trí cuối hoặc vượt quá 3 chức danh: …": the decision in one sentence."""
    text = (
        "Các trường hợp bằng phiếu ở vị trí cuối hoặc vượt quá 3 chức danh do người đứng đầu "
        f"quyết định. Người quyết định: {decision.decided_by}; thời điểm ghi nhận: "
        f"{decision_moment(decision)}"
        + (" (nhập từ biên bản giấy)" if decision.paper else "")
        + "."
    )
    return text + (f" Ghi chú: {decision.note}" if decision.note.strip() else "")


def decision_moment(decision: HeadDecisionInfo) -> str:
    """When the head decided, as the summary printed it (local time), else from the instant."""
    return decision.decided_at_text or moment_text(decision.decided_at)


def moment_text(text: str) -> str:
    """An ISO instant as "20/04/2022 09:30 UTC", or the text as recorded if it is not one."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return moment.strftime("%d/%m/%Y %H:%M") + (" UTC" if moment.utcoffset() is not None else "")
