"""Logging in and out: the session cookie, the CSRF token, wrong passwords."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort


def test_login_sets_an_httponly_lax_cookie_and_a_new_csrf_token(site: Any) -> None:
    """Does logging in give a session cookie scripts cannot read and rotate the CSRF token?"""
    api = site.api()
    before = api.csrf
    response = api.login("van-phong")
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.json["principal"]["role"] == "organiser"
    assert response.json["csrf_token"] != before
    assert api.get("/api/session").json["principal"]["name"] == "van-phong"


def test_a_wrong_password_is_refused_in_vietnamese(site: Any) -> None:
    """Is a wrong password a 401 with a Vietnamese message, leaving the caller anonymous?"""
    api = site.api()
    response = api.login("van-phong", "sai mật khẩu")
    assert response.status_code == 401
    assert response.json["error"] == {
        "code": "bad_credentials",
        "message": "Sai tên đăng nhập hoặc mật khẩu.",
        "message_en": "Wrong username or password.",
    }
    assert api.get("/api/session").json["principal"]["kind"] == "anonymous"
    assert site.code(api.login("không-có-ai")) == "bad_credentials"


def test_login_itself_needs_the_csrf_token(site: Any) -> None:
    """Can another site log a browser in to our server (login CSRF)? It must not."""
    api = site.api()
    response = api.post(
        "/api/session", csrf=False, json={"username": "van-phong", "password": site.password}
    )
    assert response.status_code == 403
    assert site.code(response) == "csrf_failed"


def test_logout_ends_the_session(site: Any) -> None:
    """After logging out, is the organiser anonymous again and refused set-up calls?"""
    api = site.api("organiser")
    assert api.delete("/api/session").status_code == 200
    assert api.get("/api/session").json["principal"]["kind"] == "anonymous"
    assert api.get("/api/conferences").status_code == 401


def test_a_malformed_body_is_a_400(site: Any) -> None:
    """Is a body that is not a JSON object, or a field of the wrong type, a clear 400?"""
    api = site.api()
    assert site.code(api.post("/api/session", data="không phải JSON")) == "bad_request"
    response = api.post("/api/session", json={"username": 7, "password": "x"})
    assert response.status_code == 400
    assert "username" in response.json["error"]["message"]


def test_api_errors_are_json_and_page_errors_are_not(site: Any) -> None:
    """Is an unknown /api/ address a JSON 404 (and a wrong method a JSON 405), while an unknown
    page keeps an HTML error for the browser?"""
    api = site.api()
    missing = api.get("/api/nothing-here")
    assert missing.status_code == 404
    assert missing.json["error"]["message"] == "Không tìm thấy địa chỉ này."
    assert missing.json["error"]["message_en"] == "Not Found"
    wrong_method = api.call("PATCH", "/api/session")
    assert wrong_method.status_code == 405 and site.code(wrong_method) == "method_not_allowed"
    assert wrong_method.json["error"]["message"] == "Địa chỉ này không nhận phương thức này."
    assert wrong_method.json["error"]["message_en"] == "Method Not Allowed"
    page = api.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"


def test_an_api_error_of_another_status_is_named_in_english_by_werkzeug(app: Flask) -> None:
    """Does an HTTP error with no text of its own (418) say in Vietnamese that the request
    failed, and in English werkzeug's name of the status?"""
    app.add_url_rule("/api/teapot", "teapot", lambda: abort(418))
    response = app.test_client().get("/api/teapot")
    assert response.status_code == 418
    assert response.json == {
        "error": {
            "code": "i'm_a_teapot",
            "message": "Có lỗi khi xử lý yêu cầu.",
            "message_en": "I'm a teapot",
        }
    }
