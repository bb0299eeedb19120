"""The dossier summary on A4 landscape pages: the steps, one table per position with every
step's count, the removals, the head's decisions and the documents checklist, the paper steps
shaded, each page's footer naming the process and the installation key's fingerprint."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

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
from voting.rules.calendar import DOCUMENT_MAX_AGE_MONTHS, add_months
from voting.tally.dossier.model import (
    DOCUMENTS,
    CandidateRow,
    DocumentChecklist,
    DossierSummary,
    ballot_steps,
)
from voting.tally.dossier.wording import (
    PAPER,
    TITLE,
    capitalised,
    count_text,
    decision_text,
    form,
    print_day,
    removal_how,
    removal_result,
    removal_votes,
    step_label,
)

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
FLAG = colors.HexColor("#b00020")
PAPER_TINT = colors.HexColor("#fff3d6")
Cell = str | Flowable | list[Flowable]


def dossier_pdf(data: DossierSummary) -> bytes:
    """The summary on A4 landscape pages."""
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

    title = f"Bảng tổng hợp kết quả kiểm phiếu — {data.process.title}"
    if not fits(title):
        while title and not fits(title + "…"):
            title = title[:-1]
        title = title.rstrip() + "…"
    fingerprint = f"Dấu vân tay khóa cài đặt: {data.fingerprint}"
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
        title=f"{TITLE} — {data.process.title}",
        invariant=True,
    )
    pages = [0]

    def footer(canvas: Canvas, _: object) -> None:
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


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the document: body text, the title and headings, the table's
    cells (bold for names and column heads, small grey for the details, red for a flag), the
    signature boxes."""

    text: ParagraphStyle
    title: ParagraphStyle
    centre: ParagraphStyle
    head: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cellb: ParagraphStyle
    small: ParagraphStyle
    flag: ParagraphStyle
    sign: ParagraphStyle
    signb: ParagraphStyle


def _styles() -> Styles:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5)
    cell = ParagraphStyle("cell", base, fontSize=8, leading=10)
    return Styles(
        text=base,
        title=ParagraphStyle("title", base, fontName=BOLD, fontSize=14, leading=18, alignment=1),
        centre=ParagraphStyle("centre", base, alignment=1),
        head=ParagraphStyle("head", base, fontName=BOLD, fontSize=11, spaceBefore=8, spaceAfter=4),
        note=ParagraphStyle("note", base, fontSize=7.5, leading=9.5, spaceBefore=3),
        cell=cell,
        cellb=ParagraphStyle("cellb", cell, fontName=BOLD),
        small=ParagraphStyle("small", cell, fontSize=7, leading=9, textColor=colors.dimgrey),
        flag=ParagraphStyle("flag", cell, fontName=BOLD, textColor=FLAG),
        sign=ParagraphStyle("sign", base, alignment=1),
        signb=ParagraphStyle("signb", base, fontName=BOLD, alignment=1),
    )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _lines(*parts: tuple[str, ParagraphStyle]) -> list[Flowable]:
    """One cell of several lines, each in its own style (name in bold, post below in grey)."""
    return [_p(text, style) for text, style in parts]


def _heading(text: str, s: Styles) -> list[Flowable]:
    """A section heading that never ends a page alone: it moves on with its table's top."""
    return [CondPageBreak(35 * mm), _p(text, s.head)]


def _story(data: DossierSummary) -> list[Flowable]:
    s = _styles()
    process = data.process
    reference = process.reference.strftime("%m/%Y")
    ballots = ballot_steps(data)
    story: list[Flowable] = [
        *([_p(data.parent.upper(), s.centre)] if data.parent else []),
        _p(data.agency.upper(), s.centre),
        Spacer(1, 4),
        _p(TITLE, s.title),
        _p(process.title, s.centre),
        _p(
            f"{process.procedure_title} · {process.tier_title} · "
            f"nhiệm kỳ {process.term} · thời điểm tính tuổi {reference}",
            s.centre,
        ),
        *([_p(data.structure, s.centre)] if data.structure else []),
        Spacer(1, 4),
        *_heading("Các bước", s),
        _table(
            [["Bước", "Ngày", "Hình thức", "Triệu tập", "Có mặt", "Cơ sở tính tỉ lệ", "Ngưỡng"]]
            + [
                [
                    _p(step.title, s.cell),
                    print_day(step.held_on),
                    _p(form(step), s.cellb if step.paper else s.cell),
                    str(step.convened),
                    str(step.present),
                    str(step.base_count),
                    step.threshold,
                ]
                for step in data.steps
            ],
            s,
            [96 * mm, 22 * mm, 24 * mm, 20 * mm, 18 * mm, 28 * mm, WIDTH - 208 * mm],
            paper_rows=[i + 1 for i, step in enumerate(data.steps) if step.paper],
        ),
        _p(
            "Mỗi ô kết quả: số phiếu đồng ý/cơ sở tính tỉ lệ · tỉ lệ đồng ý. "
            "✗: không đạt ngưỡng của bước. —: không có tên trong phiếu bầu của bước. "
            f"({PAPER}): bước tổ chức bằng phiếu giấy, số liệu nhập từ biên bản kiểm phiếu "
            "giấy, có hai thành viên Ban kiểm phiếu xác nhận.",
            s.note,
        ),
    ]
    name_width, outcome_width = 70 * mm, 46 * mm
    step_width = (WIDTH - name_width - outcome_width) / max(1, len(ballots))
    for position in data.positions:
        rows: list[list[Cell]] = [
            [
                # The position again under the column name, for the pages a long table runs on.
                _lines(("Họ và tên", s.cellb), (position.position, s.small)),
                *[step_label(step) for step in ballots],
                "Kết quả",
            ]
        ]
        for c in position.candidates:
            cells: list[Cell] = []
            for step in ballots:
                cell = c.steps.get(step.number)
                if cell is None:
                    cells.append("—")
                elif cell.passed:
                    cells.append(count_text(cell.agree, cell.base_count, cell.percent))
                else:
                    count = count_text(cell.agree, cell.base_count, cell.percent)
                    cells.append(_lines((count, s.cell), ("✗ không đạt", s.flag)))
            rows.append(
                [
                    _lines(
                        (c.full_name, s.cellb),
                        (f"{c.post}, {c.unit}", s.small),
                        *([(c.details, s.small)] if c.details else []),
                    ),
                    *cells,
                    _outcome_cell(c, s),
                ]
            )
        story += _heading(position.position, s)
        story.append(
            _table(
                rows,
                s,
                [name_width, *[step_width] * len(ballots), outcome_width],
                paper_columns=[i + 1 for i, step in enumerate(ballots) if step.paper],
            )
        )
    if data.removals:
        story += _heading("Đưa ra khỏi quy hoạch", s)
        story.append(
            _table(
                [["Họ và tên", "Chức danh", "Hình thức", "Lý do", "Phiếu đồng ý", "Kết quả"]]
                + [
                    [
                        _p(r.full_name, s.cellb),
                        r.position,
                        removal_how(r, data),
                        r.reason,
                        removal_votes(r),
                        removal_result(r),
                    ]
                    for r in data.removals
                ],
                s,
                [50 * mm, 50 * mm, 40 * mm, 63 * mm, 30 * mm, WIDTH - 233 * mm],
            )
        )
    story += _decisions(data, s)
    story += _documents(data.documents, s)
    story += _signatures(data, s)
    return story


def _signatures(data: DossierSummary, s: Styles) -> list[Flowable]:
    """Who drew the summary up and the head who signs it for the dossier (B.VI item 1 goes
    with the Tờ trình): a box each, the head's title and name from the settings."""
    title = (data.signer_title or "Giám đốc").upper()
    boxes = [
        _lines(("NGƯỜI LẬP BIỂU", s.signb), ("(Ký, ghi rõ họ tên)", s.sign)),
        [
            *_lines((title, s.signb), ("(Ký, ghi rõ họ tên, đóng dấu)", s.sign)),
            Spacer(1, 20 * mm),
            _p(data.signer_name, s.signb),
        ],
    ]
    table = Table([boxes], colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [CondPageBreak(40 * mm), Spacer(1, 8), table]


def _outcome_cell(c: CandidateRow, s: Styles) -> Cell:
    """The outcome, in bold when chosen, and below it why when the outcome alone does not say."""
    outcome = (c.outcome_text, s.cellb if c.outcome == "chosen" else s.cell)
    note = c.note
    return _lines(outcome, (capitalised(note), s.small)) if note else _p(*outcome)


def _decisions(data: DossierSummary, s: Styles) -> list[Flowable]:
    """The head's decision at the final step, as recorded: who, when, the note, and for each
    position whom it was between and whom the head chose."""
    story: list[Flowable] = []
    for decision in data.decisions:
        story += _heading(f"Quyết định của người đứng đầu — Bước {decision.step}", s)
        story.append(_p(decision_text(decision), s.text))
        story.append(Spacer(1, 3))
        story.append(
            _table(
                [["Chức danh", "Cần người đứng đầu quyết định", "Người đứng đầu lựa chọn"]]
                + [
                    [
                        p.position,
                        _lines(
                            (", ".join(p.contested) or "—", s.cell),
                            *[(reason, s.small) for reason in p.reasons],
                        ),
                        ", ".join(p.chosen) or "Không lựa chọn ai",
                    ]
                    for p in decision.positions
                ],
                s,
                [70 * mm, (WIDTH - 70 * mm) / 2, (WIDTH - 70 * mm) / 2],
            )
        )
    return story


def _documents(documents: DocumentChecklist, s: Styles) -> list[Flowable]:
    review = documents.review_date
    since = add_months(review, -DOCUMENT_MAX_AGE_MONTHS)
    rows: list[list[Cell]] = [
        ["Họ và tên", *[f"{n}. {title}" for n, (_, title, _) in enumerate(DOCUMENTS, start=2)]]
    ]
    for cadre in documents.cadres:
        cells: list[Cell] = []
        for item in cadre.items:
            if item.missing:
                cells.append(_p("Thiếu", s.flag))
            elif item.stale:
                cells.append(
                    _lines(
                        (print_day(item.dated), s.cell),
                        (f"quá {DOCUMENT_MAX_AGE_MONTHS} tháng", s.flag),
                    )
                )
            else:
                cells.append(print_day(item.dated))
        rows.append([_p(cadre.full_name, s.cellb), *cells])
    return [
        *_heading(f"Hồ sơ nhân sự — rà soát ngày {review.strftime('%d/%m/%Y')}", s),
        _table(rows, s, [53 * mm, *[(WIDTH - 53 * mm) / len(DOCUMENTS)] * len(DOCUMENTS)]),
        _p(
            f"Tài liệu 2–5 phải lập không quá {DOCUMENT_MAX_AGE_MONTHS} tháng trước ngày rà soát "
            f"(từ ngày {since.strftime('%d/%m/%Y')}); văn bằng, chứng chỉ chỉ kiểm tra có hay "
            "không.",
            s.note,
        ),
    ]


def _table(
    rows: Sequence[Sequence[Cell]],
    s: Styles,
    widths: list[float],
    paper_columns: Sequence[int] = (),
    paper_rows: Sequence[int] = (),
) -> Table:
    """A grid with a repeated header row, the paper steps' columns or rows shaded so they show
    at a glance as well as in words."""
    body = [
        [_p(cell, s.cellb if i == 0 else s.cell) if isinstance(cell, str) else cell for cell in row]
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
