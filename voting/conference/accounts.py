"""Accounts for the organiser, leadership and head: created from the command line or the
organiser's accounts page, passwords kept as argon2id hashes, each with the name documents
print; an account is disabled, never deleted (the event log names it)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference.errors import InvalidInput, NotFound
from voting.store import Role, User

MIN_PASSWORD = 8
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash("not a password")


def create(
    session: Session, username: str, role: str, password: str, display_name: str = ""
) -> User:
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
    _check_password(password)
    if session.execute(select(User).where(User.username == username)).scalar_one_or_none():
        raise InvalidInput(
            f"Tên đăng nhập “{username}” đã có.",
            f"The username {username!r} is taken.",
            code="username_taken",
        )
    user = User(
        username=username,
        role=role,
        password_hash=_hasher.hash(password),
        display_name=_display_name(display_name),
    )
    session.add(user)
    session.commit()
    return user


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.",
            f"The password must have at least {MIN_PASSWORD} characters.",
            code="password_short",
        )


def _display_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) > 200:
        raise InvalidInput(
            "Họ và tên hiển thị dài quá 200 ký tự.", "The display name is over 200 characters."
        )
    return name


def every(session: Session) -> list[User]:
    """Every account, by role then username."""
    return list(session.execute(select(User).order_by(User.role, User.username)).scalars())


def get(session: Session, username: str) -> User:
    """The account named `username`."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise NotFound(
            f"Không có tài khoản “{username}”.",
            f"No account {username!r}.",
            code="account_unknown",
        )
    return user


def set_password(session: Session, username: str, password: str) -> User:
    """A new password for the account (its owner's change or the organiser's reset): the one
    place a password changes, so whatever must follow a change (ending other sessions) hooks
    here."""
    _check_password(password)
    user = get(session, username)
    user.password_hash = _hasher.hash(password)
    session.commit()
    return user


def set_disabled(session: Session, username: str, disabled: bool) -> User:
    """Disable an account (it can no longer log in, and its sessions are not honoured) or
    enable it again."""
    user = get(session, username)
    user.disabled = disabled
    session.commit()
    return user


def set_display_name(session: Session, username: str, display_name: str) -> User:
    """How documents and pages name the account's person."""
    user = get(session, username)
    user.display_name = _display_name(display_name)
    session.commit()
    return user


def name_of(session: Session, actor: str) -> str:
    """How a page or document names the actor of an event: an account by its display name,
    anything else as the log writes it."""
    kind, _, username = actor.partition(":")
    if kind != "user":
        return actor
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    return user.shown_name if user is not None else username


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The user whose name and password these are, or None."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is not None and user.disabled:
        return None
    if user is not None and _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        session.commit()
    return user
