"""Issue 16, items 6 and 7: wrong passwords are throttled per account and per address, and a
session is a record on the server that logging out or a new password ends."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.fixtures import committed
from voting.conference import accounts, logins
from voting.store import User, utcnow
from voting.web.extensions import db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The throttle's clock, stopped; a test moves it on by changing `clock[0]`."""
    now = [utcnow()]
    monkeypatch.setattr(logins, "utcnow", lambda: now[0])
    return now


def test_thirty_wrong_passwords_then_the_right_one_waits_out_the_back_off(
    site: Any, clock: list[Any]
) -> None:
    """After 30 quick wrong passwords, is the right one refused (429, in Vietnamese) until the
    back-off has passed, and accepted after it? Are most of the 30 never even checked?"""
    api = site.api()
    statuses = [api.login("van-phong", f"sai mật khẩu {n}").status_code for n in range(30)]
    assert statuses.count(401) == logins.FREE_FAILURES["account"] + 1
    assert set(statuses[statuses.index(429) :]) == {429}
    refused = api.login("van-phong")
    assert refused.status_code == 429
    assert site.code(refused) == "too_many_attempts"
    assert refused.json["error"]["message"].startswith("Đã nhập sai mật khẩu quá nhiều lần.")
    assert refused.headers["Retry-After"] == "1"
    assert api.get("/api/session").json["principal"]["kind"] == "anonymous"
    clock[0] += timedelta(seconds=1)
    assert api.login("van-phong").status_code == 200


def test_the_back_off_doubles_and_is_capped(site: Any, clock: list[Any]) -> None:
    """Does each further wrong password past the allowance double the wait, up to the cap?"""
    api = site.api()
    waits = []
    for n in range(20):
        assert api.login("lanh-dao", f"sai {n}").status_code == 401
        blocked = _blocked_until(site, "account:lanh-dao")
        if blocked is not None:
            waits.append(blocked - clock[0])
            clock[0] = blocked
    assert len(waits) == 20 - logins.FREE_FAILURES["account"]
    assert waits[:3] == [timedelta(seconds=1), timedelta(seconds=2), timedelta(seconds=4)]
    assert waits[-1] == logins.MAX_DELAY


def test_guesses_at_many_accounts_from_one_address_are_throttled(
    site: Any, clock: list[Any]
) -> None:
    """Is one address trying many account names slowed down too, while another address is
    not?"""
    api = site.api()
    statuses = [api.login(f"ai-do-{n}", "sai mật khẩu").status_code for n in range(25)]
    assert statuses.count(401) == logins.FREE_FAILURES["address"] + 1
    assert api.login("van-phong").status_code == 429
    other = site.api()
    other.client.environ_base["REMOTE_ADDR"] = "10.0.0.2"
    other.csrf = other.get("/api/session").json["csrf_token"]
    assert other.login("van-phong").status_code == 200


def test_a_cookie_copied_before_logout_no_longer_works(site: Any) -> None:
    """Does logging out end the session on the server, so that a copy of the cookie taken
    before is anonymous afterwards?"""
    api = site.api("organiser")
    cookie = api.client.get_cookie("voting_session")
    assert cookie is not None
    assert api.delete("/api/session").status_code == 200
    thief = site.app.test_client()
    thief.set_cookie("voting_session", cookie.value)
    assert thief.get("/api/session").json["principal"]["kind"] == "anonymous"
    assert thief.get("/api/conferences").status_code == 401


def test_a_new_password_ends_every_session_of_the_account(site: Any) -> None:
    """After the password changes, are the account's sessions (any browser) ended, another
    account's kept, and the new password the one that works?"""
    first, second, other = site.api("organiser"), site.api("organiser"), site.api("head")
    with committed(site.app):
        user = db().query(User).filter_by(username="van-phong").one()
        accounts.set_password(db(), user, "mật khẩu mới đủ dài")
    for api in (first, second):
        assert api.get("/api/conferences").status_code == 401
    assert other.get("/api/session").json["principal"]["name"] == "nguoi-dung-dau"
    assert site.api().login("van-phong").status_code == 401
    assert site.api().login("van-phong", "mật khẩu mới đủ dài").status_code == 200


def test_the_session_cookie_holds_no_account_id(site: Any) -> None:
    """Is what the cookie carries only an opaque token (the database keeps its hash)?"""
    api = site.api("organiser")
    with api.client.session_transaction() as session:
        assert "user_id" not in session
        token = session["sid"]
    with site.app.app_context():
        stored = [row.token_hash for row in db().query(logins.LoginSession)]
    assert len(stored) == 1 and token not in stored


def _blocked_until(site: Any, key: str) -> Any:
    with site.app.app_context():
        row = db().get(logins.LoginThrottle, key)
        return row.blocked_until if row is not None else None
