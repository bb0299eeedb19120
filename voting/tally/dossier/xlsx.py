"""The dossier summary as a workbook, for whoever checks the numbers or files them: one sheet
for the candidates' counts, then the removals, the documents, the steps and the head's
decisions."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from voting.rules.calendar import DOCUMENT_MAX_AGE_MONTHS, add_months
from voting.tabular import xlsx_bytes
from voting.tally.dossier.model import DossierSummary, ballot_steps
from voting.tally.dossier.wording import (
    PAPER,
    capitalised,
    decision_moment,
    form,
    removal_how,
    removal_result,
    state,
    step_label,
)


def dossier_xlsx(data: DossierSummary) -> bytes:
    """The summary as a workbook: "tong_hop" one row per candidate and position with every
    step's count, base and percentage; "dua_ra" the removals; "ho_so" the documents checklist;
    "cac_buoc" the steps. Row 1 of each sheet says what it is of, row 2 names the columns;
    counts are numbers, percentages text, dates dates."""
    process = data.process
    ballots = ballot_steps(data)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "tong_hop"
    sheet.append(
        [
            data.agency,
            process.title,
            process.procedure_title,
            process.tier_title,
            f"Nhiệm kỳ {process.term}",
            f"Dấu vân tay khóa cài đặt: {data.fingerprint}",
            *(
                [
                    "Có trường hợp do người đứng đầu quyết định "
                    + "; ".join(f"({d.decided_by}, {decision_moment(d)})" for d in data.decisions)
                    + ": xem trang quyet_dinh"
                ]
                if data.decisions
                else []
            ),
        ]
    )
    header = ["Chức danh", "Mã", "Họ và tên", "Chức vụ", "Đơn vị"]
    for step in ballots:
        label = step_label(step)
        header += [f"{label}: đồng ý", f"{label}: cơ sở", f"{label}: %"]
    sheet.append([*header, "Năm sinh, giới tính, đối tượng, LLCT", "Ghi chú", "Kết quả"])
    for position in data.positions:
        for c in position.candidates:
            row: list[str | int | None] = [position.position, c.ref, c.full_name, c.post, c.unit]
            for step in ballots:
                cell = c.steps.get(step.number)
                row += [cell.agree, cell.base_count, cell.percent] if cell else [None] * 3
            note = capitalised(c.note) or None
            sheet.append([*row, c.details or None, note, c.outcome_text])
    _finish(sheet, [16, 10, 26, 24, 24, *[12] * (3 * len(ballots)), 36, 36, 28])

    removals = book.create_sheet("dua_ra")
    removals.append(["Đưa ra khỏi quy hoạch", process.title])
    removals.append(
        ["Mã", "Họ và tên", "Chức danh", "Hình thức", "Lý do", "Đồng ý", "Cơ sở", "%", "Kết quả"]
    )
    for r in data.removals:
        removals.append(
            [
                r.ref,
                r.full_name,
                r.position,
                removal_how(r, data),
                r.reason,
                r.agree,
                r.base_count,
                r.percent,
                removal_result(r),
            ]
        )
    _finish(removals, [10, 26, 26, 24, 36, 10, 10, 10, 24])

    documents = data.documents
    review = documents.review_date
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
    for cadre in documents.cadres:
        for number, item in enumerate(cadre.items, start=2):
            checklist.append(
                [
                    cadre.ref,
                    cadre.full_name,
                    number,
                    item.title,
                    item.dated,
                    state(item),
                ]
            )
            if item.missing or item.stale:
                checklist.cell(checklist.max_row, 6).font = Font(bold=True, color="B00020")
    _finish(checklist, [10, 26, 6, 40, 12, 14])

    steps = book.create_sheet("cac_buoc")
    steps.append(["Các bước", process.title])
    steps.append(
        ["Bước", "Tên bước", "Ngày", "Hình thức", "Triệu tập", "Có mặt", "Cơ sở", "Ngưỡng"]
    )
    for step in data.steps:
        steps.append(
            [
                step.number,
                step.title,
                step.held_on,
                form(step),
                step.convened,
                step.present,
                step.base_count,
                step.threshold,
            ]
        )
    _finish(steps, [8, 60, 12, 12, 10, 10, 10, 34])

    decided = book.create_sheet("quyet_dinh")
    decided.append(["Quyết định của người đứng đầu", process.title])
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
    for decision in data.decisions:
        for p in decision.positions:
            decided.append(
                [
                    f"Bước {decision.step}" + (f" ({PAPER})" if decision.paper else ""),
                    decision.decided_by,
                    decision_moment(decision),
                    decision.note,
                    p.position,
                    ", ".join(p.contested),
                    ", ".join(p.chosen) or "Không lựa chọn ai",
                    "; ".join(p.reasons) or None,
                ]
            )
    _finish(decided, [12, 24, 18, 36, 30, 40, 40, 60])
    return xlsx_bytes(book)


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
