"""The room address: the fixed URL phones use (VOTING_PUBLIC_URL), drawn as a QR code."""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg

from voting.web.errors import ApiError


def room_address(public_url: str) -> dict[str, Any]:
    """The configured address and its QR code as SVG; refused while none is configured, since
    guessing the laptop's address is what the issue forbids."""
    if not public_url:
        raise ApiError(
            409,
            "no_public_url",
            "Chưa đặt địa chỉ cho điện thoại (biến VOTING_PUBLIC_URL), "
            "ví dụ http://192.168.1.10:8000.",
            "No public address configured: set VOTING_PUBLIC_URL.",
        )
    image = qrcode.make(public_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return {"public_url": public_url, "qr_svg": buffer.getvalue().decode("utf-8")}
