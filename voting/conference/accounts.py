"""Accounts for the organiser, leadership and head: created from the command line or the
organiser's accounts page, passwords kept as argon2id hashes (at most `PASSWORD_CHECKS` hashed
or verified at a time), each with the name documents print; an account is disabled, never
deleted (the event log names it)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from voting.conference.errors import ConferenceError, refused
from voting.errors import REFUSALS
from voting.store import LoginSession, Role, User

MIN_PASSWORD = 8
_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash("not a password")
# Each argon2 computation takes 64 MiB: a burst of logins waits its turn (issue 16, item 6).
PASSWORD_CHECKS = 2
# How long a login waits for a free check before it is told the server is busy.
CHECK_WAIT_SECONDS = 30.0
_checks = threading.BoundedSemaphore(PASSWORD_CHECKS)


class Busy(ConferenceError):
    """Every password check is taken and none came free in time."""

    code = REFUSALS["busy"].code
    status = REFUSALS["busy"].status

    def __init__(self) -> None:
        super().__init__(*REFUSALS["busy"].texts())


@contextmanager
def password_check() -> Iterator[None]:
    """Hold one of the `PASSWORD_CHECKS` places while an argon2 hash is made or verified."""
    if not _checks.acquire(timeout=CHECK_WAIT_SECONDS):
        raise Busy()
    try:
        yield
    finally:
        _checks.release()


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise refused("password_short", min_password=MIN_PASSWORD)


def create(
    session: Session, username: str, role: str, password: str, display_name: str = ""
) -> User:
    """A new account; the username is unique and the password at least 8 characters."""
    username = username.strip()
    if not username or len(username) > 64 or any(ch.isspace() for ch in username):
        raise refused("invalid_input.username")
    if role not in set(Role):
        raise refused("invalid_input.role", role=role)
    _check_password(password)
    if session.execute(select(User).where(User.username == username)).scalar_one_or_none():
        raise refused("username_taken", username=username)
    with password_check():
        hashed = _hasher.hash(password)
    user = User(
        username=username,
        role=role,
        password_hash=hashed,
        display_name=_display_name(display_name),
    )
    session.add(user)
    session.flush()
    return user


def _display_name(name: str) -> str:
    name = " ".join(name.split())
    if len(name) > 200:
        raise refused("invalid_input.display_name")
    return name


def every(session: Session) -> list[User]:
    """Every account, by role then username."""
    return list(session.execute(select(User).order_by(User.role, User.username)).scalars())


def get(session: Session, username: str) -> User:
    """The account named `username`."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise refused("account_unknown", username=username)
    return user


def set_disabled(session: Session, username: str, disabled: bool) -> User:
    """Disable an account (it can no longer log in and every session it has ends) or enable
    it again."""
    user = get(session, username)
    user.disabled = disabled
    if disabled:
        end_sessions(session, user.id)
    session.flush()
    return user


def set_display_name(session: Session, username: str, display_name: str) -> User:
    """How documents and pages name the account's person."""
    user = get(session, username)
    user.display_name = _display_name(display_name)
    session.flush()
    return user


def name_of(session: Session, actor: str) -> str:
    """How a page or document names the actor of an event: an account by its display name (its
    username when it has none or is gone), anything else — a device, a committee member, a
    name already resolved — as the log writes it."""
    kind, _, username = actor.partition(":")
    if kind != "user" or not username:
        return actor
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    return user.shown_name if user is not None else username


def authenticate(
    session: Session,
    username: str,
    password: str,
    before_check: Callable[[], None] | None = None,
) -> User | None:
    """The user whose name and password these are and whose account is not disabled, or None.
    `before_check` runs once a password check is free, before it is spent (the login throttle
    looks again then)."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    with password_check():
        if before_check is not None:
            before_check()
        try:
            _hasher.verify(user.password_hash if user else _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is not None and user.disabled:
            return None
        if user is not None and _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
            session.flush()
    return user


def set_password(session: Session, user: User, password: str) -> None:
    """Give `user` a new password and end every session of the account, so a cookie copied
    before the change stops working (issue 16, item 7)."""
    _check_password(password)
    with password_check():
        user.password_hash = _hasher.hash(password)
    end_sessions(session, user.id)
    session.flush()


def end_sessions(session: Session, user_id: int) -> None:
    """Delete every server-side session of the account (commits with the caller)."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
