"""Bảng tổng hợp kết quả kiểm phiếu ở các bước: the dossier's summary of a planning process —
for each position and candidate, every step's agree count, base and percentage — with the
removals and a per-candidate checklist of the dossier's documents (rules.md "After the vote"),
as an A4 landscape PDF and as XLSX, from the plain data `voting.planning.dossier.summary` makes.

The renderers take any mapping shaped as `DossierSummary` and check nothing beyond that shape:
the numbers were checked when each step was recorded. A step held on paper is marked "giấy"
wherever it appears. Every page carries the installation key's fingerprint, as every document
does.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal, NotRequired, TypedDict, cast
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from voting import fonts
from voting.rules.calendar import DOCUMENT_MAX_AGE_MONTHS, add_months, is_stale
from voting.tabular import xlsx_bytes

TITLE = "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU Ở CÁC BƯỚC"
PAPER = "giấy"
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
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
FLAG = colors.HexColor("#b00020")
PAPER_TINT = colors.HexColor("#fff3d6")
Cell = str | Flowable | list[Flowable]


class ProcessInfo(TypedDict):
    """What the summary is of; `reference` is the month ages are counted from, "YYYY-MM"."""

    title: str
    procedure_title: str
    tier_title: str
    term: str
    reference: str


class StepInfo(TypedDict):
    """One recorded step; `base_count` is the number its percentages are taken of."""

    number: int
    title: str
    held_on: str | None
    paper: bool
    kind: Literal["candidates", "removal"]
    threshold: str
    convened: int
    present: int
    base_count: int


class StepCount(TypedDict):
    """One candidate's count at one step; `percent` is display text ("60.00")."""

    agree: int
    base_count: int
    percent: str
    passed: bool


class CandidateRow(TypedDict):
    """A candidate of one position; `steps` is keyed by the step's number as text and lacks
    the steps whose ballot did not carry the candidate."""

    ref: str
    full_name: str
    post: str
    unit: str
    steps: dict[str, StepCount]
    outcome: str
    outcome_text: str
    # Why the outcome, when the outcome alone does not say (a cadre over the 3-positions cap:
    # "vượt quá 3 chức danh: đã có 2 chức danh trong quy hoạch, …"): printed below it.
    note: NotRequired[str]
    # Birth year, sex, source category (đối tượng) and political theory, as printed:
    # "sinh 1992 · nữ · đối tượng 2 · LLCT sơ cấp".
    details: NotRequired[str]


class PositionRows(TypedDict):
    """One position's candidates in ballot order."""

    position: str
    candidates: list[CandidateRow]


class Removal(TypedDict):
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


class DocumentItem(TypedDict):
    """One document of a cadre's dossier; `dated` is ISO or None when missing."""

    kind: str
    title: str
    dated: str | None
    missing: bool
    stale: bool


class CadreDocuments(TypedDict):
    """One cadre's documents in the dossier's order."""

    ref: str
    full_name: str
    items: list[DocumentItem]


class DocumentChecklist(TypedDict):
    """Every candidate's documents as checked at `review_date` (ISO)."""

    review_date: str
    cadres: list[CadreDocuments]


class DecidedPosition(TypedDict):
    """One position the head decided: the cadres left to the head (a tie for the last places,
    or over the 3-positions cap) and those the head chose, by name; `reasons` says why each
    was left to the head ("Bằng phiếu ở vị trí cuối: …", "…: vượt quá 3 chức danh: đã có 2
    chức danh trong quy hoạch, …")."""

    position: str
    contested: list[str]
    chosen: list[str]
    reasons: NotRequired[list[str]]


class HeadDecisionInfo(TypedDict):
    """The head's decision at the final step as recorded: who (the account's name, as
    printed), when (UTC, ISO), the note."""

    step: int
    paper: bool
    decided_by: str
    # The moment in the room's time zone, as printed ("20/04/2022 09:30 (giờ Hà Nội)").
    decided_at_text: NotRequired[str]
    decided_at: str
    note: str
    positions: list[DecidedPosition]


class DossierSummary(TypedDict):
    """The whole summary; `fingerprint` is the installation key's, printed on every page."""

    agency: str
    fingerprint: str
    process: ProcessInfo
    steps: list[StepInfo]
    positions: list[PositionRows]
    removals: list[Removal]
    documents: DocumentChecklist
    decisions: NotRequired[list[HeadDecisionInfo]]
    # The young and women counts and shares of the list proposed, as printed.
    structure: NotRequired[str]


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
        items: list[DocumentItem] = []
        for kind, title, age_limited in DOCUMENTS:
            dated = held.get(kind)
            items.append(
                {
                    "kind": kind,
                    "title": title,
                    "dated": dated.isoformat() if dated else None,
                    "missing": dated is None,
                    "stale": bool(dated and age_limited and is_stale(dated, review)),
                }
            )
        out.append({"ref": ref, "full_name": full_name, "items": items})
    return {"review_date": review.isoformat(), "cadres": out}


def dossier_pdf(summary: Mapping[str, Any]) -> bytes:
    """The summary (shaped as `DossierSummary`) on A4 landscape pages."""
    data = cast(DossierSummary, summary)
    fonts.register()
    lines = _footer_lines(data)
    # Two passes: the first counts the pages, so that each can say "Trang n/N".
    total = _build(data, lines, None)[1]
    return _build(data, lines, total)[0]


FOOTER_SIZE, FOOTER_LEADING = 7.5, 9.0
# The page number's own column at the right of the footer: the left text never enters it.
PAGE_NUMBER_WIDTH = 24 * mm


def _footer_lines(data: DossierSummary) -> list[str]:
    """The footer's left text, each line within its width: the document and process (cut
    with "…" when too long: the title is printed in full at the top), then the fingerprint
    on its own line(s), always whole."""
    width = WIDTH - PAGE_NUMBER_WIDTH

    def fits(text: str) -> bool:
        return stringWidth(text, FONT, FOOTER_SIZE) <= width

    title = f"Bảng tổng hợp kết quả kiểm phiếu — {data['process']['title']}"
    if not fits(title):
        while title and not fits(title + "…"):
            title = title[:-1]
        title = title.rstrip() + "…"
    fingerprint = f"Dấu vân tay khóa cài đặt: {data['fingerprint']}"
    lines = [title]
    for line in simpleSplit(fingerprint, FONT, FOOTER_SIZE, width):
        # A word longer than the width (no space to break at) is cut by characters.
        while not fits(line):
            cut = len(line) - 1
            while cut > 1 and not fits(line[:cut]):
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _build(data: DossierSummary, lines: list[str], total: int | None) -> tuple[bytes, int]:
    out = io.BytesIO()
    bottom = 8 * mm + len(lines) * FOOTER_LEADING
    pdf = SimpleDocTemplate(
        out,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=bottom,
        title=f"{TITLE} — {data['process']['title']}",
        invariant=True,
    )
    pages = [0]

    def footer(canvas: Canvas, _: Any) -> None:
        pages[0] = canvas.getPageNumber()
        canvas.saveState()
        canvas.setFont(FONT, FOOTER_SIZE)
        top = 6 * mm + (len(lines) - 1) * FOOTER_LEADING
        for index, line in enumerate(lines):
            canvas.drawString(MARGIN, top - index * FOOTER_LEADING, line)
        number = f"Trang {pages[0]}" + (f"/{total}" if total else "")
        # On the last line, in its own column: clear of the text whatever its length.
        canvas.drawRightString(PAGE[0] - MARGIN, 6 * mm, number)
        canvas.restoreState()

    pdf.build(_story(data), onFirstPage=footer, onLaterPages=footer)
    return out.getvalue(), pages[0]


def dossier_xlsx(summary: Mapping[str, Any]) -> bytes:
    """The summary (shaped as `DossierSummary`) as a workbook: "tong_hop" one row per
    candidate and position with every step's count, base and percentage; "dua_ra" the
    removals; "ho_so" the documents checklist; "cac_buoc" the steps. Row 1 of each sheet says
    what it is of, row 2 names the columns; counts are numbers, percentages text, dates dates."""
    data = cast(DossierSummary, summary)
    process = data["process"]
    ballots = _ballots(data)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "tong_hop"
    sheet.append(
        [
            data["agency"],
            process["title"],
            process["procedure_title"],
            process["tier_title"],
            f"Nhiệm kỳ {process['term']}",
            f"Dấu vân tay khóa cài đặt: {data['fingerprint']}",
            *(
                [
                    "Có trường hợp do người đứng đầu quyết định "
                    + "; ".join(
                        f"({d['decided_by']}, {_moment(d)})" for d in data.get("decisions", [])
                    )
                    + ": xem trang quyet_dinh"
                ]
                if data.get("decisions")
                else []
            ),
        ]
    )
    header = ["Chức danh", "Mã", "Họ và tên", "Chức vụ", "Đơn vị"]
    for step in ballots:
        label = _step_label(step)
        header += [f"{label}: đồng ý", f"{label}: cơ sở", f"{label}: %"]
    sheet.append([*header, "Năm sinh, giới tính, đối tượng, LLCT", "Ghi chú", "Kết quả"])
    for position in data["positions"]:
        for c in position["candidates"]:
            row: list[Any] = [position["position"], c["ref"], c["full_name"], c["post"], c["unit"]]
            for step in ballots:
                cell = c["steps"].get(str(step["number"]))
                row += [cell["agree"], cell["base_count"], cell["percent"]] if cell else [None] * 3
            note = _capitalised(c.get("note", "")) or None
            sheet.append([*row, c.get("details") or None, note, c["outcome_text"]])
    _finish(sheet, [16, 10, 26, 24, 24, *[12] * (3 * len(ballots)), 36, 36, 28])

    removals = book.create_sheet("dua_ra")
    removals.append(["Đưa ra khỏi quy hoạch", process["title"]])
    removals.append(
        ["Mã", "Họ và tên", "Chức danh", "Hình thức", "Lý do", "Đồng ý", "Cơ sở", "%", "Kết quả"]
    )
    for r in data["removals"]:
        removals.append(
            [
                r["ref"],
                r["full_name"],
                r["position"],
                _removal_how(r, data),
                r["reason"],
                r["agree"],
                r["base_count"],
                r["percent"],
                _removal_result(r),
            ]
        )
    _finish(removals, [10, 26, 26, 24, 36, 10, 10, 10, 24])

    documents = data["documents"]
    review = date.fromisoformat(documents["review_date"])
    checklist = book.create_sheet("ho_so")
    checklist.append(
        [
            "Ngày rà soát",
            review,
            "Tài liệu 2–5 lập từ ngày",
            add_months(review, -DOCUMENT_MAX_AGE_MONTHS),
        ]
    )
    checklist.append(["Mã", "Họ và tên", "STT", "Tài liệu", "Ngày", "Tình trạng"])
    for cadre in documents["cadres"]:
        for number, item in enumerate(cadre["items"], start=2):
            checklist.append(
                [
                    cadre["ref"],
                    cadre["full_name"],
                    number,
                    item["title"],
                    _day(item["dated"]),
                    _state(item),
                ]
            )
            if item["missing"] or item["stale"]:
                checklist.cell(checklist.max_row, 6).font = Font(bold=True, color="B00020")
    _finish(checklist, [10, 26, 6, 40, 12, 14])

    steps = book.create_sheet("cac_buoc")
    steps.append(["Các bước", process["title"]])
    steps.append(
        ["Bước", "Tên bước", "Ngày", "Hình thức", "Triệu tập", "Có mặt", "Cơ sở", "Ngưỡng"]
    )
    for step in data["steps"]:
        steps.append(
            [
                step["number"],
                step["title"],
                _day(step["held_on"]),
                _form(step),
                step["convened"],
                step["present"],
                step["base_count"],
                step["threshold"],
            ]
        )
    _finish(steps, [8, 60, 12, 12, 10, 10, 10, 34])

    decided = book.create_sheet("quyet_dinh")
    decided.append(["Quyết định của người đứng đầu", process["title"]])
    decided.append(
        [
            "Bước",
            "Người quyết định",
            "Thời điểm",
            "Ghi chú",
            "Chức danh",
            "Cần quyết định",
            "Được lựa chọn",
            "Lý do cần người đứng đầu quyết định",
        ]
    )
    for decision in data.get("decisions", []):
        for p in decision["positions"]:
            decided.append(
                [
                    f"Bước {decision['step']}" + (f" ({PAPER})" if decision["paper"] else ""),
                    decision["decided_by"],
                    _moment(decision),
                    decision["note"],
                    p["position"],
                    ", ".join(p["contested"]),
                    ", ".join(p["chosen"]) or "Không lựa chọn ai",
                    "; ".join(p.get("reasons", [])) or None,
                ]
            )
    _finish(decided, [12, 24, 18, 36, 30, 40, 40, 60])
    return xlsx_bytes(book)


def _ballots(data: DossierSummary) -> list[StepInfo]:
    return [step for step in data["steps"] if step["kind"] == "candidates"]


def _step_label(step: StepInfo) -> str:
    return f"Bước {step['number']}" + (f" ({PAPER})" if step["paper"] else "")


def _form(step: StepInfo) -> str:
    return "Phiếu giấy" if step["paper"] else "Điện tử"


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _print_day(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "—"


def _state(item: DocumentItem) -> str:
    if item["missing"]:
        return "Thiếu"
    return f"Quá {DOCUMENT_MAX_AGE_MONTHS} tháng" if item["stale"] else "Hợp lệ"


def _removal_how(removal: Removal, data: DossierSummary) -> str:
    """How the removal was decided, naming the removal ballot's step (and "giấy")."""
    if removal["automatic"]:
        return "Tự động (không bỏ phiếu)"
    labels = [_step_label(s) for s in data["steps"] if s["kind"] == "removal"]
    return " — ".join(["Bỏ phiếu", *labels])


def _count(agree: int, base_count: int, percent: str) -> str:
    """ "12/20 · 60.00%": the agree count over its base, then the percentage."""
    return f"{agree}/{base_count} · {percent}%"


def _removal_votes(removal: Removal) -> str:
    agree, base_count, percent = removal["agree"], removal["base_count"], removal["percent"]
    if percent is None:
        return "—"
    return (
        f"{percent}%" if agree is None or base_count is None else _count(agree, base_count, percent)
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _removal_result(removal: Removal) -> str:
    return "Đưa ra khỏi quy hoạch" if removal["removed"] else "Giữ lại trong quy hoạch"


def _finish(sheet: Worksheet, widths: list[int]) -> None:
    """Readable on screen: bold column names, frozen above the data, dates as dates."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(2, column).column_letter].width = width
        sheet.cell(2, column).font = Font(bold=True)
    sheet.freeze_panes = "A3"
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5)
    cell = ParagraphStyle("cell", base, fontSize=8, leading=10)
    return {
        "text": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=14, leading=18, alignment=1),
        "centre": ParagraphStyle("centre", base, alignment=1),
        "head": ParagraphStyle(
            "head", base, fontName=BOLD, fontSize=11, spaceBefore=8, spaceAfter=4
        ),
        "note": ParagraphStyle("note", base, fontSize=7.5, leading=9.5, spaceBefore=3),
        "cell": cell,
        "cellb": ParagraphStyle("cellb", cell, fontName=BOLD),
        "small": ParagraphStyle("small", cell, fontSize=7, leading=9, textColor=colors.dimgrey),
        "flag": ParagraphStyle("flag", cell, fontName=BOLD, textColor=FLAG),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _lines(*parts: tuple[str, ParagraphStyle]) -> list[Flowable]:
    """One cell of several lines, each in its own style (name in bold, post below in grey)."""
    return [_p(text, style) for text, style in parts]


def _heading(text: str, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A section heading that never ends a page alone: it moves on with its table's top."""
    return [CondPageBreak(35 * mm), _p(text, s["head"])]


def _story(data: DossierSummary) -> list[Flowable]:
    s = _styles()
    process = data["process"]
    reference = date.fromisoformat(f"{process['reference']}-01").strftime("%m/%Y")
    ballots = _ballots(data)
    story: list[Flowable] = [
        _p(data["agency"].upper(), s["centre"]),
        Spacer(1, 4),
        _p(TITLE, s["title"]),
        _p(process["title"], s["centre"]),
        _p(
            f"{process['procedure_title']} · {process['tier_title']} · "
            f"nhiệm kỳ {process['term']} · thời điểm tính tuổi {reference}",
            s["centre"],
        ),
        *([_p(data["structure"], s["centre"])] if data.get("structure") else []),
        Spacer(1, 4),
        *_heading("Các bước", s),
        _table(
            [["Bước", "Ngày", "Hình thức", "Triệu tập", "Có mặt", "Cơ sở tính tỉ lệ", "Ngưỡng"]]
            + [
                [
                    _p(step["title"], s["cell"]),
                    _print_day(step["held_on"]),
                    _p(_form(step), s["cellb"] if step["paper"] else s["cell"]),
                    str(step["convened"]),
                    str(step["present"]),
                    str(step["base_count"]),
                    step["threshold"],
                ]
                for step in data["steps"]
            ],
            s,
            [96 * mm, 22 * mm, 24 * mm, 20 * mm, 18 * mm, 28 * mm, WIDTH - 208 * mm],
            paper_rows=[i + 1 for i, step in enumerate(data["steps"]) if step["paper"]],
        ),
        _p(
            "Mỗi ô kết quả: số phiếu đồng ý/cơ sở tính tỉ lệ · tỉ lệ đồng ý. "
            "✗: không đạt ngưỡng của bước. —: không có tên trong phiếu bầu của bước. "
            f"({PAPER}): bước tổ chức bằng phiếu giấy, số liệu nhập từ biên bản kiểm phiếu "
            "giấy, có hai thành viên Ban kiểm phiếu xác nhận.",
            s["note"],
        ),
    ]
    name_width, outcome_width = 70 * mm, 46 * mm
    step_width = (WIDTH - name_width - outcome_width) / max(1, len(ballots))
    for position in data["positions"]:
        rows: list[list[Cell]] = [
            [
                # The position again under the column name, for the pages a long table runs on.
                _lines(("Họ và tên", s["cellb"]), (position["position"], s["small"])),
                *[_step_label(step) for step in ballots],
                "Kết quả",
            ]
        ]
        for c in position["candidates"]:
            cells: list[Cell] = []
            for step in ballots:
                cell = c["steps"].get(str(step["number"]))
                if cell is None:
                    cells.append("—")
                elif cell["passed"]:
                    cells.append(_count(cell["agree"], cell["base_count"], cell["percent"]))
                else:
                    count = _count(cell["agree"], cell["base_count"], cell["percent"])
                    cells.append(_lines((count, s["cell"]), ("✗ không đạt", s["flag"])))
            rows.append(
                [
                    _lines(
                        (c["full_name"], s["cellb"]),
                        (f"{c['ref']} · {c['post']}, {c['unit']}", s["small"]),
                        *([(c["details"], s["small"])] if c.get("details") else []),
                    ),
                    *cells,
                    _outcome_cell(c, s),
                ]
            )
        story += _heading(position["position"], s)
        story.append(
            _table(
                rows,
                s,
                [name_width, *[step_width] * len(ballots), outcome_width],
                paper_columns=[i + 1 for i, step in enumerate(ballots) if step["paper"]],
            )
        )
    if data["removals"]:
        story += _heading("Đưa ra khỏi quy hoạch", s)
        story.append(
            _table(
                [["Họ và tên", "Chức danh", "Hình thức", "Lý do", "Phiếu đồng ý", "Kết quả"]]
                + [
                    [
                        _lines((r["full_name"], s["cellb"]), (r["ref"], s["small"])),
                        r["position"],
                        _removal_how(r, data),
                        r["reason"],
                        _removal_votes(r),
                        _removal_result(r),
                    ]
                    for r in data["removals"]
                ],
                s,
                [50 * mm, 50 * mm, 40 * mm, 63 * mm, 30 * mm, WIDTH - 233 * mm],
            )
        )
    story += _decisions(data, s)
    story += _documents(data["documents"], s)
    return story


def _outcome_cell(c: CandidateRow, s: dict[str, ParagraphStyle]) -> Cell:
    """The outcome, in bold when chosen, and below it why when the outcome alone does not say."""
    outcome = (c["outcome_text"], s["cellb"] if c["outcome"] == "chosen" else s["cell"])
    note = c.get("note")
    return _lines(outcome, (_capitalised(note), s["small"])) if note else _p(*outcome)


def _decisions(data: DossierSummary, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The head's decision at the final step, as recorded: who, when, the note, and for each
    position whom it was between and whom the head chose."""
    story: list[Flowable] = []
    for decision in data.get("decisions", []):
        story += _heading(f"Quyết định của người đứng đầu — Bước {decision['step']}", s)
        story.append(_p(_decision_text(decision), s["text"]))
        story.append(Spacer(1, 3))
        story.append(
            _table(
                [["Chức danh", "Cần người đứng đầu quyết định", "Người đứng đầu lựa chọn"]]
                + [
                    [
                        p["position"],
                        _lines(
                            (", ".join(p["contested"]) or "—", s["cell"]),
                            *[(reason, s["small"]) for reason in p.get("reasons", [])],
                        ),
                        ", ".join(p["chosen"]) or "Không lựa chọn ai",
                    ]
                    for p in decision["positions"]
                ],
                s,
                [70 * mm, (WIDTH - 70 * mm) / 2, (WIDTH - 70 * mm) / 2],
            )
        )
    return story


def _decision_text(decision: HeadDecisionInfo) -> str:
    """ "Bằng phiếu ở vị trí cuối hoặc vượt quá 3 chức danh: …": the decision in one sentence."""
    text = (
        "Các trường hợp bằng phiếu ở vị trí cuối hoặc vượt quá 3 chức danh do người đứng đầu "
        f"quyết định. Người quyết định: {decision['decided_by']}; thời điểm ghi nhận: "
        f"{_moment(decision)}" + (" (nhập từ biên bản giấy)" if decision["paper"] else "") + "."
    )
    return text + (f" Ghi chú: {decision['note']}" if decision["note"].strip() else "")


def _moment(decision: Mapping[str, Any]) -> str:
    """When the head decided, as the summary printed it (local time), else from the instant."""
    return str(decision.get("decided_at_text") or moment_text(decision["decided_at"]))


def moment_text(text: str) -> str:
    """An ISO instant as "20/04/2022 09:30 UTC", or the text as recorded if it is not one."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return moment.strftime("%d/%m/%Y %H:%M") + (" UTC" if moment.utcoffset() is not None else "")


def _documents(documents: DocumentChecklist, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    review = date.fromisoformat(documents["review_date"])
    since = add_months(review, -DOCUMENT_MAX_AGE_MONTHS)
    rows: list[list[Cell]] = [
        ["Họ và tên", *[f"{n}. {title}" for n, (_, title, _) in enumerate(DOCUMENTS, start=2)]]
    ]
    for cadre in documents["cadres"]:
        cells: list[Cell] = []
        for item in cadre["items"]:
            if item["missing"]:
                cells.append(_p("Thiếu", s["flag"]))
            elif item["stale"]:
                cells.append(
                    _lines(
                        (_print_day(item["dated"]), s["cell"]),
                        (f"quá {DOCUMENT_MAX_AGE_MONTHS} tháng", s["flag"]),
                    )
                )
            else:
                cells.append(_print_day(item["dated"]))
        rows.append([_lines((cadre["full_name"], s["cellb"]), (cadre["ref"], s["small"])), *cells])
    return [
        *_heading(f"Hồ sơ nhân sự — rà soát ngày {review.strftime('%d/%m/%Y')}", s),
        _table(rows, s, [53 * mm, *[(WIDTH - 53 * mm) / len(DOCUMENTS)] * len(DOCUMENTS)]),
        _p(
            f"Tài liệu 2–5 phải lập không quá {DOCUMENT_MAX_AGE_MONTHS} tháng trước ngày rà soát "
            f"(từ ngày {since.strftime('%d/%m/%Y')}); văn bằng, chứng chỉ chỉ kiểm tra có hay "
            "không.",
            s["note"],
        ),
    ]


def _table(
    rows: Sequence[Sequence[Cell]],
    s: dict[str, ParagraphStyle],
    widths: list[float],
    paper_columns: Sequence[int] = (),
    paper_rows: Sequence[int] = (),
) -> Table:
    """A grid with a repeated header row, the paper steps' columns or rows shaded so they show
    at a glance as well as in words."""
    body = [
        [
            _p(cell, s["cellb"] if i == 0 else s["cell"]) if isinstance(cell, str) else cell
            for cell in row
        ]
        for i, row in enumerate(rows)
    ]
    table = Table(body, colWidths=widths, repeatRows=1)
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    for c in paper_columns:
        style.add("BACKGROUND", (c, 1), (c, -1), PAPER_TINT)
    for r in paper_rows:
        style.add("BACKGROUND", (0, r), (-1, r), PAPER_TINT)
    table.setStyle(style)
    return table
