"""The pre-flight page: the configured address, its QR code, and the phone's hello."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.fixtures import committed
from tests.integration.pages.conftest import PASSWORD, csrf_of
from voting.conference import accounts
from voting.web import create_app
from voting.web.extensions import DATABASE, db


def test_the_organiser_sees_the_configured_address_and_its_qr(room: Any) -> None:
    """Is the address the configured one (not the laptop's), drawn as a QR code?"""
    response = room.client("organiser").get("/preflight")
    assert response.status_code == 200
    assert '<p class="address" id="public-url">http://voting.test:8000</p>' in response.text
    assert response.text.count("<svg") == 2
    assert "Đang chờ điện thoại…" in response.text


def test_only_the_organiser_opens_it(room: Any) -> None:
    """Is the pre-flight page the organiser's (visitors to the login, others refused)?"""
    assert room.client().get("/preflight").status_code == 302
    assert room.client("leadership").get("/preflight").status_code == 403


def test_a_phone_opening_the_hello_address_is_seen(room: Any) -> None:
    """When a phone opens the check's hello address, does the check count it?"""
    organiser = room.client("organiser")
    page = organiser.get("/preflight").text
    hello = re.search(r'<a href="(http://voting\.test:8000/hello/[^"]+)"', page)
    check = re.search(r'data-poll="([^"]+)"', page)
    assert hello and check
    assert organiser.get(check[1]).json == {"reached": 0}
    phone = room.client().get(hello[1].removeprefix("http://voting.test:8000"))
    assert phone.status_code == 200
    assert "Điện thoại này kết nối được tới máy chủ bỏ phiếu." in phone.text
    assert organiser.get(check[1]).json == {"reached": 1}
    assert room.client().get(check[1]).status_code == 302


def test_without_a_configured_address_it_says_how_to_set_one(tmp_path: Path) -> None:
    """With no VOTING_PUBLIC_URL, does the page say so instead of guessing an address?"""
    app = create_app({"INSTANCE_PATH": tmp_path / "instance", "TESTING": True, "PUBLIC_URL": ""})
    with committed(app):
        accounts.create(db(), "van-phong", "organiser", PASSWORD)
    client = app.test_client()
    client.get("/login")
    client.post(
        "/login",
        data={"csrf_token": csrf_of(client), "username": "van-phong", "password": PASSWORD},
    )
    page = client.get("/preflight").text
    assert "Chưa đặt địa chỉ cho điện thoại" in page
    assert "<svg" not in page
    app.extensions[DATABASE].dispose()
