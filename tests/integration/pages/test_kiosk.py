"""The kiosk's page on the server: registered from the console, opened by its link only, never
cached or cookied, refused once revoked or for another kind of link."""

from __future__ import annotations

import re
from typing import Any

from tests.fixtures import committed
from voting.conference import devices
from voting.store import DeviceKind
from voting.web.extensions import db


def test_the_organiser_registers_a_kiosk_and_sees_its_address_once(room: Any) -> None:
    """Does the console issue a kiosk link and show its /kiosk/ address and QR code?"""
    conference = room.conference()
    client = room.client("organiser")
    issued = room.post(
        client, f"/organiser/conferences/{conference}/devices", kind="kiosk", label="Máy 1"
    )
    assert issued.status_code == 302
    page = client.get(f"/organiser/conferences/{conference}")
    found = re.search(r'id="new-kiosk-link" href="([^"]+)"', page.text)
    assert found is not None and "/kiosk/" in found.group(1)
    assert '<li data-kind="kiosk">Máy 1' in page.text
    kiosk = room.app.test_client().get(found.group(1).removeprefix("http://voting.test:8000"))
    assert '<span class="brand">Máy bỏ phiếu chung · Máy 1</span>' in kiosk.text
    # The default label already says what it is: the kiosk's bar names it once.
    room.post(
        client,
        f"/organiser/conferences/{conference}/devices",
        kind="kiosk",
        label="Máy bỏ phiếu chung 2",
    )
    again = re.search(
        r'id="new-kiosk-link" href="([^"]+)"',
        client.get(f"/organiser/conferences/{conference}").text,
    )
    assert again is not None
    second = room.app.test_client().get(again.group(1).removeprefix("http://voting.test:8000"))
    assert '<span class="brand">Máy bỏ phiếu chung 2</span>' in second.text


def test_the_kiosk_page_keeps_nothing(room: Any) -> None:
    """Is the kiosk's page served with the 32-symbol keypad, never cached, with no cookie?"""
    conference = room.conference()
    _, token = room.desk_link(conference, DeviceKind.KIOSK)
    response = room.app.test_client().get(f"/kiosk/{token}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Set-Cookie" not in response.headers
    keys = re.findall(r'data-key="([0-9A-Z])"', response.text)
    assert "".join(keys) == "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    assert 'id="ballot-labels"' in response.text and "Đỗ Thị Dung" in response.text


def test_a_revoked_or_foreign_link_opens_no_kiosk(room: Any) -> None:
    """Is a revoked kiosk refused, and is a desk's link no kiosk (nor a kiosk's a desk)?"""
    conference = room.conference()
    kiosk_id, kiosk = room.desk_link(conference, DeviceKind.KIOSK)
    _, desk = room.desk_link(conference)
    client = room.app.test_client()
    assert client.get(f"/kiosk/{desk}").status_code == 401
    assert client.get(f"/desk/{kiosk}").status_code == 401
    assert client.get("/kiosk/not-a-token").status_code == 401
    with committed(room.app):
        devices.revoke(db(), kiosk_id, "test")
    refused = client.get(f"/kiosk/{kiosk}")
    assert refused.status_code == 401 and "thu hồi" in refused.text


def test_a_voter_reads_the_kiosk_in_english_without_a_cookie(room: Any) -> None:
    """Does `?lang=en` give the kiosk in English while setting no cookie (the next voter's page,
    loaded without it, is Vietnamese)?"""
    conference = room.conference()
    _, token = room.desk_link(conference, DeviceKind.KIOSK)
    client = room.app.test_client()
    english = client.get(f"/kiosk/{token}?lang=en")
    assert "Enter your voting card&#39;s code" in english.text
    assert "Set-Cookie" not in english.headers
    assert "Mời nhập mã thẻ bỏ phiếu" in client.get(f"/kiosk/{token}").text
