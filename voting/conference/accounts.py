"""Accounts for the organiser, leadership and head: created from the command line, passwords
kept as argon2id hashes."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference.errors import InvalidInput
from voting.store import Role, User

MIN_PASSWORD = 8
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash("not a password")


def create(session: Session, username: str, role: str, password: str) -> User:
    """A new account; the username is unique and the password at least 8 characters."""
    username = username.strip()
    if not username or len(username) > 64 or any(ch.isspace() for ch in username):
        raise InvalidInput(
            "Tên đăng nhập phải có từ 1 đến 64 ký tự, không có dấu cách.",
            "The username must have 1 to 64 characters and no spaces.",
        )
    if role not in set(Role):
        raise InvalidInput(
            "Vai trò phải là organiser, leadership hoặc head.",
            f"Unknown role {role!r}: expected organiser, leadership or head.",
        )
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.",
            f"The password must have at least {MIN_PASSWORD} characters.",
        )
    if session.execute(select(User).where(User.username == username)).scalar_one_or_none():
        raise InvalidInput(
            f"Tên đăng nhập “{username}” đã có.",
            f"The username {username!r} is taken.",
            code="username_taken",
        )
    user = User(username=username, role=role, password_hash=_hasher.hash(password))
    session.add(user)
    session.commit()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user whose name and password these are, or None."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is not None and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        session.commit()
    return user
