"""The room address: the fixed URL phones use (VOTING_PUBLIC_URL), drawn as a QR code."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from pydantic import Field

from voting.conference.errors import refused
from voting.shape import Shape


class RoomAddress(Shape):
    """The configured address phones use, and its QR code."""

    public_url: str
    qr_svg: str = Field(description="SVG")


def room_address(public_url: str) -> RoomAddress:
    """The configured address and its QR code as SVG; refused while none is configured, since
    guessing the laptop's address is what the issue forbids."""
    if not public_url:
        raise refused("no_public_url")
    image = qrcode.make(public_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return RoomAddress(public_url=public_url, qr_svg=buffer.getvalue().decode("utf-8"))
