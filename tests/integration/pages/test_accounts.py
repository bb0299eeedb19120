"""The organiser's accounts page: create, list, rename, reset a password, disable."""

from __future__ import annotations

from typing import Any

from tests.integration.pages.conftest import PASSWORD, USERS, csrf_of

PATH = "/organiser/accounts/"


def logs_in(room: Any, username: str, password: str) -> bool:
    client = room.app.test_client()
    client.get("/login")
    data = {"csrf_token": csrf_of(client), "username": username, "password": password}
    return client.post("/login", data=data).status_code == 302


def test_the_organiser_manages_accounts_from_the_page(room: Any) -> None:
    """Does the organiser create a head account with its printed name, see it listed, reset
    its password, disable it (it can no longer log in, and its open session ends) and enable
    it again — while a short password is refused and changes nothing, the organiser cannot
    disable the account in use, and nobody else reaches the page?"""
    organiser = room.client("organiser")
    assert room.client("leadership").get(PATH).status_code == 403
    assert room.client("head").get(PATH).status_code == 403
    assert organiser.post(PATH, data={"username": "x"}).status_code == 403  # no CSRF field

    form = {"role": "head", "username": "giam-doc", "display_name": "Trần  Quốc Việt"}
    short = room.post(organiser, PATH, **form, password="ngắn")
    assert short.status_code == 422 and "ít nhất 8 ký tự" in short.text
    assert "giam-doc" not in organiser.get(PATH).text
    made = room.post(organiser, PATH, **form, password=PASSWORD)
    assert made.status_code == 302
    page = organiser.get(PATH).text
    assert 'data-account="giam-doc"' in page and 'value="Trần Quốc Việt"' in page
    assert "Đã tạo tài khoản giam-doc." in page

    assert (
        room.post(organiser, f"{PATH}giam-doc/password", password="mật khẩu mới dài").status_code
        == 302
    )
    assert logs_in(room, "giam-doc", "mật khẩu mới dài")
    assert not logs_in(room, "giam-doc", PASSWORD)

    head = room.app.test_client()
    head.get("/login")
    data = {"csrf_token": csrf_of(head), "username": "giam-doc", "password": "mật khẩu mới dài"}
    head.post("/login", data=data)
    page = head.get("/head/")
    assert page.status_code == 200
    # The page header names the person, not the login.
    assert "Đang đăng nhập: Trần Quốc Việt" in page.text
    assert head.get("/api/session").json["principal"]["display_name"] == "Trần Quốc Việt"
    assert room.post(organiser, f"{PATH}giam-doc/disabled", disabled="yes").status_code == 302
    assert "Đã khóa" in organiser.get(PATH).text
    assert not logs_in(room, "giam-doc", "mật khẩu mới dài")
    assert head.get("/head/").status_code == 302  # the open session is no longer honoured
    assert room.post(organiser, f"{PATH}giam-doc/disabled", disabled="no").status_code == 302
    assert head.get("/head/").status_code == 302  # ended on the server, not merely refused
    assert logs_in(room, "giam-doc", "mật khẩu mới dài")

    own = room.post(organiser, f"{PATH}{USERS['organiser']}/disabled", disabled="yes")
    assert own.status_code == 422 and "Không thể tự khóa" in own.text
    unknown = room.post(organiser, f"{PATH}ai-do/password", password=PASSWORD)
    assert unknown.status_code == 404
