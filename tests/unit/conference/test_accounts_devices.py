"""Accounts (argon2 hashes) and device links (tokens stored hashed, revocable)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.fixtures import make_conference
from voting.conference import accounts, devices, events
from voting.conference.errors import InvalidInput


def test_passwords_are_stored_as_argon2id(session: Session) -> None:
    """Is the password kept only as an argon2id hash, and checked on login?"""
    user = accounts.create(session, "van-phong", "organiser", "mật khẩu đủ dài")
    assert user.password_hash.startswith("$argon2id$")
    assert "mật khẩu" not in user.password_hash
    assert accounts.authenticate(session, "van-phong", "mật khẩu đủ dài") == user
    assert accounts.authenticate(session, "van-phong", "sai") is None
    assert accounts.authenticate(session, "không-có", "mật khẩu đủ dài") is None


@pytest.mark.parametrize(
    ("username", "role", "password"),
    [
        ("có dấu cách", "organiser", "12345678"),
        ("a", "voter", "12345678"),
        ("a", "head", "1234567"),
    ],
)
def test_bad_accounts_are_refused(
    session: Session, username: str, role: str, password: str
) -> None:
    with pytest.raises(InvalidInput):
        accounts.create(session, username, role, password)


def test_pages_and_documents_name_the_person_not_the_login(session: Session) -> None:
    """Is an account named by its display name (its username without one, or once it is gone),
    and anything else — a device, a committee member, a name already resolved — as written?"""
    accounts.create(session, "giam-doc", "head", "mật khẩu dài lắm", "Trần Quốc Việt")
    accounts.create(session, "lanh-dao", "leadership", "mật khẩu dài lắm")
    assert accounts.name_of(session, "user:giam-doc") == "Trần Quốc Việt"
    assert accounts.name_of(session, "user:lanh-dao") == "lanh-dao"
    assert accounts.name_of(session, "user:da-xoa") == "da-xoa"
    assert accounts.name_of(session, "user:") == "user:"
    assert accounts.name_of(session, "device:3") == "device:3"
    assert accounts.name_of(session, "Trần Quốc Việt") == "Trần Quốc Việt"


def test_a_device_token_is_shown_once_and_stored_hashed(session: Session) -> None:
    """Is only the token's SHA-256 stored, and does the token find its link?"""
    conference = make_conference(session)
    link, token = devices.issue(session, conference.id, "checkin_desk", "Bàn 1", "user:test")
    assert token not in link.token_hash and link.token_hash == devices.token_hash(token)
    assert devices.by_token(session, token) == link
    assert devices.by_token(session, token + "x") is None


def test_revoking_twice_logs_once(session: Session) -> None:
    """Is a second revocation harmless, leaving one event?"""
    conference = make_conference(session)
    link, _ = devices.issue(session, conference.id, "kiosk", "Máy 1", "user:test")
    first = devices.revoke(session, link.id, "user:test").revoked_at
    assert devices.revoke(session, link.id, "user:test").revoked_at == first
    kinds = [e.kind for e in events.log(session, conference.id)]
    assert kinds == ["conference.created", "device.issued", "device.revoked"]


@pytest.mark.parametrize(("kind", "label"), [("printer", "Máy in"), ("kiosk", "   ")])
def test_bad_device_links_are_refused(session: Session, kind: str, label: str) -> None:
    conference = make_conference(session)
    with pytest.raises(InvalidInput):
        devices.issue(session, conference.id, kind, label, "user:test")
