"""The Tờ trình printed: A4 portrait PDF, and DOCX for the office to edit before signing, from
the typed `Submission` `voting.planning.submission.submission` makes. The layout follows the usual
administrative form: the agency (under its parent body) on the left and the Quốc hiệu – Tiêu
ngữ on the right, the number under the agency and the place and date under the motto, then the
title, the subject, the addressee, the body, and the recipients beside the signature block.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from voting import fonts

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 20 * mm
WIDTH = A4[0] - 2 * MARGIN
LIST_HEAD = ("TT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ, đơn vị", "Chức danh quy hoạch")


@dataclass(frozen=True)
class DocumentHeader:
    """The header as printed: the body the agency reports to and the agency (upper case), the
    Quốc hiệu and Tiêu ngữ, the document number line and the place and date line."""

    parent: str
    agency: str
    nation: str
    motto: str
    number: str
    place_date: str


@dataclass(frozen=True)
class ProposedCadre:
    """One line of the list proposed for approval; `born` (the year) and `sex` are empty for
    a cadre not in the registry, `note` says why the head put forward one failing the
    conditions."""

    full_name: str
    born: str
    sex: str
    post: str
    position: str
    agree: int
    note: str


@dataclass(frozen=True)
class RemovedCadre:
    """One line of the list proposed for removal."""

    full_name: str
    position: str
    reason: str


@dataclass(frozen=True)
class Submission:
    """The whole Tờ trình, every line as printed: the header, title, subject and addressee,
    the legal bases, the body and the steps held, the two lists and the structure, the
    closing, the attachments, the recipients and the signature block."""

    header: DocumentHeader
    title: str
    subject: str
    addressee: str
    bases: list[str]
    body: list[str]
    steps: list[str]
    planned: list[ProposedCadre]
    removed: list[RemovedCadre]
    structure: str
    closing: str
    attached: list[str]
    recipients: list[str]
    signer_title: str
    signer_name: str


def submission_pdf(data: Submission) -> bytes:
    """The Tờ trình on A4 portrait pages."""
    fonts.register()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{data.title} — {data.subject}",
    )
    body = _style("body", 11, leading=15, first=10 * mm)
    center = _style("center", 11, align=1)
    center_bold = _style("center_bold", 11, font=BOLD, align=1)
    small = _style("small", 9, leading=11, align=0)
    head = data.header
    story: list[Any] = [
        _pair(
            [
                Paragraph(escape(head.parent), center),
                Paragraph(escape(head.agency), center_bold),
                Paragraph("—————", center),
                Paragraph(escape(head.number), center),
            ],
            [
                Paragraph(escape(head.nation), center_bold),
                Paragraph(f"<u>{escape(head.motto)}</u>", center_bold),
                Spacer(1, 4 * mm),
                Paragraph(f"<i>{escape(head.place_date)}</i>", center),
            ],
            (0.42, 0.58),
        ),
        Spacer(1, 8 * mm),
        Paragraph(escape(data.title), _style("title", 14, font=BOLD, align=1)),
        Paragraph(escape(data.subject), center_bold),
        Paragraph("—————", center),
        Spacer(1, 3 * mm),
        Paragraph(escape(data.addressee), center),
        Spacer(1, 4 * mm),
    ]
    story += [Paragraph(f"<i>{escape(line)}</i>", body) for line in data.bases]
    story += [Paragraph(escape(line), body) for line in data.body]
    story += [Paragraph("– " + escape(line), body) for line in data.steps]
    story.append(Paragraph(f"{escape(_proposed(data))}", body))
    story.append(_table(_planned_rows(data), small))
    if data.structure:
        story.append(Paragraph(escape(data.structure), body))
    if data.removed:
        story.append(Paragraph("Đề nghị đưa ra khỏi quy hoạch:", body))
        rows = [("TT", "Họ và tên", "Chức danh quy hoạch", "Lý do")] + [
            (str(n), r.full_name, r.position, r.reason) for n, r in enumerate(data.removed, start=1)
        ]
        story.append(_table(rows, small, (0.06, 0.26, 0.3, 0.38)))
    story.append(Paragraph("Hồ sơ kèm theo:", body))
    story += [Paragraph(f"{n}. {escape(x)}", body) for n, x in enumerate(data.attached, 1)]
    story.append(Paragraph(escape(data.closing), body))
    story.append(Spacer(1, 6 * mm))
    recipients = [Paragraph("<b><i>Nơi nhận:</i></b>", small)] + [
        Paragraph("- " + escape(r), small) for r in data.recipients
    ]
    signature = [
        Paragraph(escape(data.signer_title), center_bold),
        Paragraph("<i>(Ký, ghi rõ họ tên, đóng dấu)</i>", center),
        Spacer(1, 22 * mm),
        Paragraph(escape(data.signer_name) or "&nbsp;", center_bold),
    ]
    story.append(_pair(recipients, signature, (0.5, 0.5)))
    document.build(story)
    return out.getvalue()


def submission_docx(data: Submission) -> bytes:
    """The same Tờ trình as a Word document the office can edit (Times New Roman 13)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    head = data.header
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _cell(left, [(head.parent, False), (head.agency, True), ("———", False)])
    _cell(left, [(head.number, False)], first=False)
    _cell(right, [(head.nation, True), (head.motto, True), ("", False)])
    _cell(right, [(head.place_date, False)], first=False, italic=True)
    _centered(document, data.title, bold=True, size=14)
    _centered(document, data.subject, bold=True)
    _centered(document, data.addressee)
    for line in [*data.bases, *data.body]:
        document.add_paragraph(line)
    for line in data.steps:
        document.add_paragraph("– " + line)
    document.add_paragraph(_proposed(data))
    _docx_table(document, _planned_rows(data))
    if data.structure:
        document.add_paragraph(data.structure)
    if data.removed:
        document.add_paragraph("Đề nghị đưa ra khỏi quy hoạch:")
        _docx_table(
            document,
            [("TT", "Họ và tên", "Chức danh quy hoạch", "Lý do")]
            + [
                (str(n), r.full_name, r.position, r.reason)
                for n, r in enumerate(data.removed, start=1)
            ],
        )
    document.add_paragraph("Hồ sơ kèm theo:")
    for n, item in enumerate(data.attached, start=1):
        document.add_paragraph(f"{n}. {item}")
    document.add_paragraph(data.closing)
    closing = document.add_table(rows=1, cols=2)
    recipients, signature = closing.rows[0].cells
    _cell(recipients, [("Nơi nhận:", True)])
    for line in data.recipients:
        _cell(recipients, [("- " + line, False)], first=False)
    _cell(signature, [(data.signer_title, True), ("(Ký, ghi rõ họ tên, đóng dấu)", False)])
    for _ in range(3):
        _cell(signature, [("", False)], first=False)
    _cell(signature, [(data.signer_name, True)], first=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _proposed(data: Submission) -> str:
    count = len(data.planned)
    return (
        f"Kết quả, đề nghị phê duyệt quy hoạch {count} lượt cán bộ như sau:"
        if count
        else "Kết quả: không có cán bộ nào đạt để đề nghị phê duyệt quy hoạch."
    )


def _planned_rows(data: Submission) -> list[Sequence[str]]:
    rows: list[Sequence[str]] = [LIST_HEAD]
    for n, c in enumerate(data.planned, start=1):
        position = c.position + (f" ({c.note})" if c.note else "")
        rows.append((str(n), c.full_name, c.born, c.sex, c.post, position))
    return rows


def _style(
    name: str,
    size: float,
    *,
    font: str = FONT,
    align: Literal[0, 1, 2, 4] = 4,
    leading: float = 0,
    first: float = 0,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.3,
        alignment=align,
        firstLineIndent=first,
        spaceAfter=2,
    )


def _pair(left: list[Any], right: list[Any], shares: tuple[float, float]) -> Table:
    table = Table([[left, right]], colWidths=[WIDTH * shares[0], WIDTH * shares[1]])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _table(
    rows: Sequence[Sequence[str]],
    style: ParagraphStyle,
    shares: Sequence[float] = (0.06, 0.22, 0.1, 0.1, 0.24, 0.28),
) -> Table:
    cells = [[Paragraph(escape(str(value)), style) for value in row] for row in rows]
    table = Table(cells, colWidths=[WIDTH * s for s in shares], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ]
        )
    )
    return table


def _cell(
    cell: Any, lines: list[tuple[str, bool]], first: bool = True, italic: bool = False
) -> None:
    for index, (text, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if first and index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic


def _centered(document: Any, text: str, bold: bool = False, size: int = 13) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _docx_table(document: Any, rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for index, row in enumerate(rows):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
            if index == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True
