"""Who is asking: an account (session cookie), a device link (token header) or anyone; and the
CSRF token that guards every state-changing call made with a session."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from flask import g, request, session

from voting.conference import ceremony, devices, logins
from voting.conference.errors import refused
from voting.store import User, unit
from voting.web.extensions import db

PUBLIC = "public"
CSRF_HEADER = "X-CSRF-Token"
DEVICE_SCHEME = "Device "
MEMBER_SCHEME = "Member "


@dataclass(frozen=True)
class Principal:
    """The caller. `conference_id` binds a device link to its one conference."""

    kind: str  # "anonymous", "user", "device" or "member"
    role: str  # PUBLIC, a voting.store.Role, a voting.store.DeviceKind, or "committee"
    id: int | None = None
    name: str = ""
    conference_id: str | None = None
    display_name: str = ""  # an account's person, as pages name them (else the login)

    @property
    def actor(self) -> str:
        """How the event log names the caller."""
        return f"{self.kind}:{self.name}" if self.kind == "user" else f"{self.kind}:{self.id}"


ANONYMOUS = Principal("anonymous", PUBLIC)


def current_principal() -> Principal:
    """The caller of this request, resolved once."""
    if "principal" not in g:
        g.principal = _resolve()
    principal: Principal = g.principal
    return principal


def _resolve() -> Principal:
    header = request.headers.get("Authorization", "")
    if header.startswith(MEMBER_SCHEME):
        seat = ceremony.by_binding(db(), header.removeprefix(MEMBER_SCHEME).strip())
        if seat is None:
            raise refused("member_unknown")
        return Principal("member", "committee", seat.member, str(seat.member), seat.conference_id)
    if header:
        if not header.startswith(DEVICE_SCHEME):
            raise refused("bad_authorization")
        link = devices.by_token(db(), header.removeprefix(DEVICE_SCHEME).strip())
        if link is None:
            raise refused("device_unknown")
        if link.revoked:
            raise refused("device_revoked")
        return Principal("device", link.kind, link.id, link.label, link.conference_id)
    token = session.get("sid")
    user = logins.user_of(db(), token) if isinstance(token, str) else None
    if user is None or user.disabled:
        return ANONYMOUS
    return Principal("user", user.role, user.id, user.username, display_name=user.shown_name)


def authenticate(username: str, password: str) -> User | None:
    """The account if the password is right, under the login throttle of this caller's
    address (voting.conference.logins). A wrong password is counted in a unit of work of its
    own, committed here: the refusal that follows rolls the request back, the count must stay."""
    user = logins.attempt(db(), username, password, request.remote_addr or "")
    if user is None:
        unit.commit(db())
    return user


def log_in(user: User) -> str:
    """Start a session for `user` with a fresh CSRF token (no fixation of an earlier one). The
    cookie holds only the token of a session record the server can end."""
    session.clear()
    session["sid"] = logins.open_session(db(), user)
    return csrf_token(renew=True)


def log_out() -> str:
    """End the session, on the server too (a copy of the cookie stops working); a new
    anonymous CSRF token lets the page log in again."""
    token = session.get("sid")
    if isinstance(token, str):
        logins.close_session(db(), token)
    session.clear()
    return csrf_token(renew=True)


def csrf_token(renew: bool = False) -> str:
    """The session's CSRF token, made when the session has none."""
    if renew or "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    token: str = session["csrf"]
    return token


def require_csrf() -> None:
    """Refuse a state-changing call whose X-CSRF-Token header is not the session's token."""
    expected = session.get("csrf")
    given = request.headers.get(CSRF_HEADER, "")
    if not isinstance(expected, str) or not hmac.compare_digest(expected, given):
        raise refused("csrf_failed", header=CSRF_HEADER)
