"""QR codes drawn on the server as inline SVG, for what is not secret from the server anyway:
the room address, the pre-flight check's address, a device link the server itself issued.
(Voting cards are never drawn here: design.md "Cards".)"""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from markupsafe import Markup


def svg(text: str) -> Markup:
    """The QR code of `text` as an inline <svg> element, scaled by CSS."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    drawing = buffer.getvalue().decode("utf-8")
    # Inline in HTML: drop the XML declaration; the drawing is the qrcode package's own output.
    return Markup(drawing[drawing.index("<svg") :])
