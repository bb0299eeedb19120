"""Printed voting cards: an A4 PDF of cards (QR code and typed code, the conference title, no
name) and, apart, the sorted list of their public keys for the organiser to upload.

Made on a machine other than the server (`voting cards`), so the server never holds a secret.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from voting import canonical, fonts
from voting.crypto.cards import card_list_hash, card_url, display_code, make_pool

COLUMNS, ROWS = 2, 4
CARD_WIDTH, CARD_HEIGHT = A4[0] / COLUMNS, A4[1] / ROWS
QR_SIZE = 42 * mm


@dataclass(frozen=True)
class PrintedCards:
    """The PDF to print and the key file to upload (canonical JSON)."""

    pdf: bytes
    keys: bytes


def print_cards(conference_id: str, title: str, base_url: str, count: int) -> PrintedCards:
    """`count` fresh cards for the conference, `COLUMNS × ROWS` to an A4 page."""
    pool = make_pool(conference_id, count)
    urls = [card_url(base_url, secret) for secret in pool.secrets]
    codes = [display_code(secret) for secret in pool.secrets]
    keys = {
        "conference": conference_id,
        "keys": list(pool.public_keys),
        "card_list_hash": card_list_hash(pool.public_keys),
    }
    return PrintedCards(_pdf(title, urls, codes), canonical.dumps(keys))


def _pdf(title: str, urls: Sequence[str], codes: Sequence[str]) -> bytes:
    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=True)
    canvas.setTitle(f"Thẻ biểu quyết — {title}")
    per_page = COLUMNS * ROWS
    for index, (url, code) in enumerate(zip(urls, codes, strict=True)):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        x = (slot % COLUMNS) * CARD_WIDTH
        y = A4[1] - (slot // COLUMNS + 1) * CARD_HEIGHT
        _card(canvas, x, y, title, url, code)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _card(canvas: Canvas, x: float, y: float, title: str, url: str, code: str) -> None:
    """One card: a dashed cutting frame, the title, the QR code, the typed code and how to use
    it."""
    canvas.setDash(2, 3)
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, CARD_WIDTH, CARD_HEIGHT)
    canvas.setDash()
    left, top = x + 6 * mm, y + CARD_HEIGHT - 8 * mm
    canvas.setFont("DejaVuSans-Bold", 10)
    canvas.drawString(left, top, "THẺ BIỂU QUYẾT")
    canvas.setFont("DejaVuSans", 7.5)
    for number, line in enumerate(_wrap(title, 62)[:2]):
        canvas.drawString(left, top - (4 + 3.5 * number) * mm, line)
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, left - 2 * mm, y + 14 * mm)
    text_left = left + QR_SIZE + 2 * mm
    canvas.setFont("DejaVuSans", 7.5)
    hints = [
        "Quét mã QR bằng điện thoại",
        "để bỏ phiếu, hoặc nhập mã",
        "dưới đây tại máy bỏ phiếu.",
    ]
    for number, line in enumerate(hints):
        canvas.drawString(text_left, y + (46 - 4 * number) * mm, line)
    canvas.setFont("DejaVuSansMono-Bold", 10.5)
    groups = code.split("-")
    for number, line in enumerate(("-".join(groups[:4]), "-".join(groups[4:]))):
        canvas.drawString(text_left, y + (26 - 5 * number) * mm, line)
    canvas.setFont("DejaVuSans", 6.5)
    canvas.drawString(left, y + 7 * mm, "Thẻ không ghi tên. Mỗi thẻ chỉ bỏ phiếu được một lần.")


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
