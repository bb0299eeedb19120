"""The room address: the fixed URL phones use (VOTING_PUBLIC_URL), drawn as a QR code."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg

from voting.conference.errors import refused


def room_address(public_url: str) -> dict[str, Any]:
    """The configured address and its QR code as SVG; refused while none is configured, since
    guessing the laptop's address is what the issue forbids."""
    if not public_url:
        raise refused("no_public_url")
    image = qrcode.make(public_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return {"public_url": public_url, "qr_svg": buffer.getvalue().decode("utf-8")}
