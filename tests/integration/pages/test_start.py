"""The start page, logging in and out, and the language switch."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.fixtures import committed
from tests.integration.pages.conftest import PASSWORD, USERS, csrf_of
from voting.planning import processes
from voting.planning.processes import NewProcess
from voting.web.extensions import db

PROCESS = NewProcess(
    procedure="next_term",
    tier="agency",
    term="2025-2030",
    reference=date(2022, 4, 1),
    term_start=date(2025, 10, 1),
    held_on=date(2022, 4, 20),
    place="Hội trường Sở",
)


def test_start_page_is_vietnamese_first_and_lists_the_pages(room: Any) -> None:
    """Does the start page speak Vietnamese with its diacritics and link each page?"""
    response = room.client().get("/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    for text in ("Bàn làm việc của Văn phòng", "Kiểm tra trước hội nghị", "Bàn điểm danh"):
        assert text in response.text
    assert 'href="/organiser/"' in response.text


def test_lang_en_switches_to_english_and_is_remembered(room: Any) -> None:
    """Does ?lang=en give English, kept for the next page, and ?lang=vi bring Vietnamese back?"""
    client = room.client("organiser")
    english = client.get("/organiser/?lang=en")
    assert '<html lang="en">' in english.text
    assert "Organising office console" in english.text
    assert "Bàn làm việc" not in english.text
    assert "New conference" in client.get("/organiser/").text
    assert "Lập hội nghị mới" in client.get("/organiser/?lang=vi").text


def test_login_form_needs_its_csrf_token(room: Any) -> None:
    """Is a login post without the form's CSRF token refused, even with the right password?"""
    client = room.client()
    client.get("/login")
    response = client.post("/login", data={"username": USERS["organiser"], "password": PASSWORD})
    assert response.status_code == 403
    assert "hãy tải lại trang" in response.text
    assert client.get("/organiser/").status_code == 302


def test_wrong_password_is_refused_in_vietnamese(room: Any) -> None:
    """Does a wrong password leave the visitor logged out, told why?"""
    client = room.client()
    client.get("/login")
    response = client.post(
        "/login",
        data={"csrf_token": csrf_of(client), "username": USERS["organiser"], "password": "sai"},
    )
    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.text


def test_login_goes_on_to_the_page_asked_for_and_no_further(room: Any) -> None:
    """After login, is the visitor sent to the local page they asked for, never off-site?"""
    client = room.client()
    assert client.get("/preflight").headers["Location"] == "/login?next=/preflight"
    client.get("/login")
    data = {"csrf_token": csrf_of(client), "username": USERS["organiser"], "password": PASSWORD}
    assert client.post("/login?next=/preflight", data=data).headers["Location"] == "/preflight"
    other = room.client()
    other.get("/login")
    data["csrf_token"] = csrf_of(other)
    response = other.post("/login?next=//evil.example/", data=data)
    assert response.headers["Location"] == "/organiser/"


def test_leadership_lands_on_its_own_page_and_reads_only(room: Any) -> None:
    """Does a leadership account land on its read-only page listing every conference, with
    each conference's page open to it — and stay kept out of the console?"""
    conference = room.conference()
    client = room.client()
    client.get("/login")
    data = {"csrf_token": csrf_of(client), "username": USERS["leadership"], "password": PASSWORD}
    assert client.post("/login", data=data).headers["Location"] == "/leadership/"
    page = client.get("/leadership/").text
    assert "Hội nghị tập thể lãnh đạo mở rộng" in page and "Chuẩn bị hội nghị" in page
    shown = client.get(f"/leadership/conferences/{conference}").text
    assert (
        "Chưa có kết quả: hòm phiếu chưa được mở." in shown
        and "<form" not in shown.split("</header>")[1]
    )
    assert client.get("/organiser/").status_code == 403
    assert client.get(f"/organiser/conferences/{conference}").status_code == 403
    with committed(room.app):
        process = processes.start(db(), PROCESS, "test")
    listed = client.get("/leadership/").text
    assert f'data-process="{process.id}"' in listed and "Danh sách công bố" in listed
    assert client.get(f"/organiser/planning/{process.id}/published").status_code == 200
    assert client.get(f"/api/processes/{process.id}/dossier.pdf").status_code == 200
    assert room.client().get("/leadership/").status_code == 302  # to the login page


def test_logout_needs_the_csrf_token(room: Any) -> None:
    """Can another site log the organiser out? (No: the form's token is required.)"""
    client = room.client("organiser")
    assert client.post("/logout").status_code == 403
    assert client.get("/organiser/").status_code == 200
    assert room.post(client, "/logout").status_code == 302
    assert client.get("/organiser/").status_code == 302


def test_the_language_chosen_before_login_is_kept_after_it(room: Any) -> None:
    """Does logging in (a fresh session, against fixation) keep the reader's language?"""
    client = room.client()
    client.get("/login?lang=en")
    data = {"csrf_token": csrf_of(client), "username": USERS["organiser"], "password": PASSWORD}
    assert client.post("/login", data=data).status_code == 302
    assert "Organising office console" in client.get("/organiser/").text


def test_http_errors_are_pages_in_the_readers_language_with_a_way_back(room: Any) -> None:
    """Do a wrong address, a wrong method, an upload over the limit and a server failure each
    answer with a Vietnamese page (English with ?lang=en) linking back to the start page —
    never werkzeug's English page — while the API keeps its JSON errors?"""

    def boom() -> str:
        raise RuntimeError("a bug")

    room.app.add_url_rule("/boom", "boom", boom)  # before the first request
    client = room.app.test_client()
    missing = client.get("/khong-co-trang-nay")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "Không tìm thấy trang này" in missing.text and 'href="/"' in missing.text
    assert "Not Found" not in missing.text
    wrong = client.post("/")
    assert wrong.status_code == 405 and "Trang này không nhận thao tác vừa gửi" in wrong.text
    failed = client.get("/boom")
    assert failed.status_code == 500 and "Máy chủ gặp lỗi" in failed.text
    english = client.get("/khong-co-trang-nay?lang=en")
    assert "This page does not exist" in english.text
    organiser = room.client("organiser")
    big = organiser.post(  # the body as bytes: no spooled file for the test client to leak
        "/organiser/people",
        data=b"x" * (6 << 20),
        content_type="multipart/form-data; boundary=b",
    )
    assert big.status_code == 413 and "Tệp gửi lên quá lớn" in big.text
    api = client.get("/api/khong-co")
    assert api.status_code == 404 and api.json["error"]["code"] == "not_found"


def test_login_goes_on_only_to_a_path_of_this_server(room: Any) -> None:
    """Issue 16, item 8: is every `next` a browser could read as another host (a tab or
    backslash before a second slash, `//host`, a scheme) ignored, while a local path is
    followed?"""
    for target in (
        "/%09/evil.example/path",
        "/%0a/evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "https://evil.example/",
        "javascript:alert(1)",
        "/%5Cevil.example",
    ):
        client = room.client()
        client.get("/login")
        data = {"csrf_token": csrf_of(client), "username": USERS["organiser"], "password": PASSWORD}
        response = client.post(f"/login?next={target}", data=data)
        assert response.headers["Location"] == "/organiser/", target
    client = room.client()
    client.get("/login")
    data = {"csrf_token": csrf_of(client), "username": USERS["organiser"], "password": PASSWORD}
    assert client.post("/login?next=/head/", data=data).headers["Location"] == "/head/"


def test_the_login_page_says_when_to_try_again(room: Any) -> None:
    """Issue 16, item 6: after too many wrong passwords, does the login page refuse even the
    right one with 429 and say in Vietnamese to try again later?"""
    client = room.client()
    client.get("/login")
    wrong = {"csrf_token": csrf_of(client), "username": USERS["organiser"], "password": "sai"}
    statuses = [client.post("/login", data=wrong).status_code for _ in range(7)]
    assert statuses[:6] == [401] * 6 and statuses[6] == 429
    right = wrong | {"password": PASSWORD}
    response = client.post("/login", data=right)
    assert response.status_code == 429
    assert "Đã nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau" in response.text
