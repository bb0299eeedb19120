"""Bảng tổng hợp kết quả kiểm phiếu ở các bước: the dossier's summary of a planning process —
for each position and candidate, every step's agree count, base and percentage — with the
removals and a per-candidate checklist of the dossier's documents (rules.md "After the vote"),
as an A4 landscape PDF and as XLSX, from the plain data `voting.planning.dossier.summary` makes.

A step held on paper is marked "giấy" wherever it appears. Every page carries the installation
key's fingerprint, as every document does.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from voting import fonts
from voting.rules.calendar import is_stale

TITLE = "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU Ở CÁC BƯỚC"
PAPER = "giấy"
# rules.md "After the vote": items 2–5 of the dossier must be at most 6 months old at review;
# certified diplomas have no age limit, only their presence is checked.
DOCUMENTS = (
    ("cv", "Sơ yếu lý lịch (mẫu 2C-TCTW) có ảnh", True),
    ("evaluation", "Nhận xét, đánh giá", True),
    ("political_standard", "Kết luận tiêu chuẩn chính trị", True),
    ("assets", "Bản kê khai tài sản, thu nhập", True),
    ("diplomas", "Bản sao văn bằng, chứng chỉ có chứng thực", False),
)
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def document_checklist(
    cadres: Sequence[tuple[str, str]],
    documents: Mapping[str, Sequence[tuple[str, date]]],
    review: date,
) -> dict[str, Any]:
    """For each cadre (id, name), each document kind in the dossier's order with its date,
    flagged missing or (for the dated kinds) older than 6 months at `review`."""
    out = []
    for ref, full_name in cadres:
        held = dict(documents.get(ref, ()))
        items = []
        for kind, title, dated_limit in DOCUMENTS:
            dated = held.get(kind)
            items.append(
                {
                    "kind": kind,
                    "title": title,
                    "dated": dated.isoformat() if dated else None,
                    "missing": dated is None,
                    "stale": bool(dated and dated_limit and is_stale(dated, review)),
                }
            )
        out.append({"ref": ref, "full_name": full_name, "items": items})
    return {"review_date": review.isoformat(), "cadres": out}


def dossier_pdf(summary: Mapping[str, Any]) -> bytes:
    """The summary on A4 landscape pages."""
    fonts.register()
    out = io.BytesIO()
    page = landscape(A4)
    pdf = SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=16 * mm,
        title=f"{TITLE} — {summary['process']['title']}",
        invariant=True,
    )

    def footer(canvas: Canvas, _: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawString(12 * mm, 8 * mm, f"Dấu vân tay khóa cài đặt: {summary['fingerprint']}")
        canvas.drawRightString(page[0] - 12 * mm, 8 * mm, str(canvas.getPageNumber()))
        canvas.restoreState()

    pdf.build(_story(summary), onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def dossier_xlsx(summary: Mapping[str, Any]) -> bytes:
    """Sheet "tong_hop" one row per candidate and position with every step's count, base and
    percentage; sheet "dua_ra" the removals; sheet "ho_so" the documents checklist."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "tong_hop"
    sheet.append([summary["agency"], summary["process"]["title"]])
    header = ["Chức danh", "Mã", "Họ và tên", "Chức vụ", "Đơn vị"]
    for step in summary["steps"]:
        if step["kind"] == "candidates":
            label = _step_label(step)
            header += [f"{label}: đồng ý", f"{label}: cơ sở", f"{label}: %"]
    sheet.append([*header, "Kết quả"])
    for position in summary["positions"]:
        for c in position["candidates"]:
            row: list[Any] = [position["position"], c["ref"], c["full_name"], c["post"], c["unit"]]
            for step in summary["steps"]:
                if step["kind"] != "candidates":
                    continue
                cell = c["steps"].get(str(step["number"]))
                row += (
                    [cell["agree"], cell["base_count"], cell["percent"]] if cell else ["", "", ""]
                )
            sheet.append([*row, c["outcome_text"]])
    removals = book.create_sheet("dua_ra")
    removals.append(["Mã", "Họ và tên", "Chức danh", "Lý do", "Không bỏ phiếu", "%"])
    for r in summary["removals"]:
        removals.append(
            [r["ref"], r["full_name"], r["position"], r["reason"], r["automatic"], r["percent"]]
        )
    checklist = book.create_sheet("ho_so")
    checklist.append(["Mã", "Họ và tên", "Tài liệu", "Ngày", "Tình trạng"])
    for cadre in summary["documents"]["cadres"]:
        for item in cadre["items"]:
            checklist.append(
                [cadre["ref"], cadre["full_name"], item["title"], item["dated"], _state(item)]
            )
    binary = io.BytesIO()
    book.save(binary)
    return binary.getvalue()


def _step_label(step: Mapping[str, Any]) -> str:
    return f"Bước {step['number']}" + (f" ({PAPER})" if step["paper"] else "")


def _state(item: Mapping[str, Any]) -> str:
    if item["missing"]:
        return "Thiếu"
    return "Quá 6 tháng" if item["stale"] else "Hợp lệ"


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5)
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=14, leading=18, alignment=1),
        "centre": ParagraphStyle("centre", base, alignment=1),
        "head": ParagraphStyle(
            "head", base, fontName=BOLD, fontSize=11, spaceBefore=8, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "cellb": ParagraphStyle("cellb", base, fontName=BOLD, fontSize=8, leading=10),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _story(summary: Mapping[str, Any]) -> list[Any]:
    s = _styles()
    process = summary["process"]
    story: list[Any] = [
        _p(summary["agency"].upper(), s["centre"]),
        Spacer(1, 4),
        _p(TITLE, s["title"]),
        _p(process["title"], s["centre"]),
        _p(
            f"Nhiệm kỳ {process['term']} · tháng lập hồ sơ {process['reference']}",
            s["centre"],
        ),
        Spacer(1, 6),
        _p("Các bước", s["head"]),
        _table(
            [["Bước", "Ngày", "Hình thức", "Triệu tập", "Có mặt", "Ngưỡng"]]
            + [
                [
                    step["title"],
                    step["held_on"] or "",
                    "Phiếu giấy" if step["paper"] else "Điện tử",
                    str(step["convened"]),
                    str(step["present"]),
                    step["threshold"],
                ]
                for step in summary["steps"]
            ],
            s,
            [95 * mm, 22 * mm, 22 * mm, 20 * mm, 18 * mm, 55 * mm],
        ),
    ]
    ballots = [step for step in summary["steps"] if step["kind"] == "candidates"]
    for position in summary["positions"]:
        story.append(_p(position["position"], s["head"]))
        rows = [["Họ và tên", *[_step_label(step) for step in ballots], "Kết quả"]]
        for c in position["candidates"]:
            cells = []
            for step in ballots:
                cell = c["steps"].get(str(step["number"]))
                cells.append(
                    f"{cell['agree']}/{cell['base_count']} · {cell['percent']}%"
                    + ("" if cell["passed"] else " ✗")
                    if cell
                    else "—"
                )
            rows.append([f"{c['full_name']} ({c['post']}, {c['unit']})", *cells, c["outcome_text"]])
        width = (273 * mm - 75 * mm - 45 * mm) / max(1, len(ballots))
        story.append(_table(rows, s, [75 * mm, *[width] * len(ballots), 45 * mm]))
    if summary["removals"]:
        story.append(_p("Đưa ra khỏi quy hoạch", s["head"]))
        story.append(
            _table(
                [["Họ và tên", "Chức danh", "Lý do"]]
                + [
                    [
                        r["full_name"],
                        r["position"],
                        r["reason"] + (f" ({r['percent']}%)" if r.get("percent") else ""),
                    ]
                    for r in summary["removals"]
                ],
                s,
                [70 * mm, 70 * mm, 133 * mm],
            )
        )
    documents = summary["documents"]
    story.append(_p(f"Hồ sơ nhân sự (tại ngày rà soát {documents['review_date']})", s["head"]))
    rows = [["Họ và tên", *[title for _, title, _ in DOCUMENTS]]]
    for cadre in documents["cadres"]:
        rows.append(
            [
                cadre["full_name"],
                *[
                    ("Thiếu" if i["missing"] else i["dated"])
                    + (" — quá 6 tháng" if i["stale"] else "")
                    for i in cadre["items"]
                ],
            ]
        )
    story.append(_table(rows, s, [53 * mm, *[44 * mm] * len(DOCUMENTS)]))
    return story


def _table(rows: list[list[str]], s: dict[str, ParagraphStyle], widths: list[float]) -> Table:
    body = [
        [_p(cell, s["cellb"] if index == 0 else s["cell"]) for cell in row]
        for index, row in enumerate(rows)
    ]
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
