"""Logging in with a password, hardened for a room whose Wi-Fi anyone may join (issue 16,
items 6 and 7; the bound on concurrent argon2 checks is `accounts.password_check`):

- wrong passwords are counted per account name and per address; past a free allowance each
  further one doubles the wait before the next attempt is even checked (capped at
  `MAX_DELAY`); during the wait even the right password is refused, unchecked;
- sessions are records on the server: the cookie carries a random token whose SHA-256 names
  a `LoginSession`; logging out deletes it and a password change deletes all of the account's,
  so a copied cookie stops working.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from voting.conference import accounts
from voting.conference.errors import ConferenceError
from voting.errors import REFUSALS
from voting.store import LoginSession, LoginThrottle, User, utcnow

FREE_FAILURES = {"account": 5, "address": 20}
FIRST_DELAY = timedelta(seconds=1)
MAX_DELAY = timedelta(minutes=15)
# Wrong passwords older than this are forgotten.
FORGET_AFTER = timedelta(hours=1)
SESSION_LIFETIME = timedelta(hours=24)


class TooManyAttempts(ConferenceError):
    """Too many wrong passwords lately for this account or from this address."""

    code = REFUSALS["too_many_attempts"].code
    status = REFUSALS["too_many_attempts"].status

    def __init__(self, wait: timedelta) -> None:
        seconds = max(1, int(wait.total_seconds() + 0.999))
        minutes = (seconds + 59) // 60
        # A wait of a minute or more is said in minutes, rounded up.
        if seconds < 60:
            refusal = REFUSALS["too_many_attempts"]
        else:
            refusal = REFUSALS["too_many_attempts.minutes"]
        super().__init__(*refusal.texts(seconds=seconds, minutes=minutes))
        self.retry_after = seconds


def throttle_keys(username: str, address: str) -> list[str]:
    """The counters an attempt by `username` from `address` is held to."""
    return [f"account:{username.strip().casefold()}", f"address:{address}"]


def refuse_if_throttled(session: Session, keys: list[str]) -> None:
    """Refuse (TooManyAttempts) while any of `keys` is still waiting out its back-off."""
    now = utcnow()
    rows = session.execute(select(LoginThrottle).where(LoginThrottle.key.in_(keys))).scalars()
    waits = [
        row.blocked_until - now for row in rows if row.blocked_until and row.blocked_until > now
    ]
    if waits:
        raise TooManyAttempts(max(waits))


def record_failure(session: Session, keys: list[str]) -> None:
    """Count one wrong password against each of `keys`, starting a back-off past the free
    allowance."""
    now = utcnow()
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, last_failure=now)
            session.add(row)
        elif now - row.last_failure > FORGET_AFTER:
            row.failures = 0
        row.failures += 1
        row.last_failure = now
        excess = row.failures - FREE_FAILURES[key.split(":", 1)[0]]
        if excess > 0:
            row.blocked_until = now + min(FIRST_DELAY * 2 ** min(excess - 1, 20), MAX_DELAY)
    session.flush()


def record_success(session: Session, keys: list[str]) -> None:
    """A right password clears the account's count (the address keeps its own, so one known
    password cannot wash out guesses at others)."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key == keys[0]))
    session.flush()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def attempt(session: Session, username: str, password: str, address: str) -> User | None:
    """The account if `password` is right and neither the account name nor the address is
    waiting out a back-off (TooManyAttempts); a wrong password is counted."""
    keys = throttle_keys(username, address)
    refuse_if_throttled(session, keys)
    user = accounts.authenticate(
        session, username, password, before_check=lambda: refuse_if_throttled(session, keys)
    )
    if user is None:
        record_failure(session, keys)
        return None
    record_success(session, keys)
    return user


def open_session(session: Session, user: User) -> str:
    """A new session for `user` (expired ones are cleared); returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    session.execute(
        delete(LoginSession).where(LoginSession.created_at < utcnow() - SESSION_LIFETIME)
    )
    session.add(LoginSession(token_hash=_digest(token), user_id=user.id, created_at=utcnow()))
    session.flush()
    return token


def user_of(session: Session, token: str) -> User | None:
    """The account whose live session `token` names, or None (unknown, ended or expired)."""
    record = session.get(LoginSession, _digest(token))
    if record is None or utcnow() - record.created_at > SESSION_LIFETIME:
        return None
    return session.get(User, record.user_id)


def close_session(session: Session, token: str) -> None:
    """End the session `token` names (logging out)."""
    session.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(token)))
    session.flush()
