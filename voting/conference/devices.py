"""Device links for the check-in desk and the kiosk: issued by the organiser, revocable."""

from __future__ import annotations

import hashlib
import logging
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.conference import conferences, events
from voting.conference.errors import refused
from voting.store import DeviceKind, DeviceLink, utcnow

log = logging.getLogger(__name__)


def token_hash(token: str) -> str:
    """SHA-256 of a token: enough for 256 random bits, and a dump reveals no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue(
    session: Session, conference_id: str, kind: str, label: str, actor: str
) -> tuple[DeviceLink, str]:
    """A new link and its token; the token is shown once and never stored."""
    if kind not in set(DeviceKind):
        raise refused("invalid_input.device_kind", kind=kind)
    label = " ".join(label.split())
    if not label or len(label) > 200:
        raise refused("invalid_input.device_label")
    conference = conferences.lock(session, conference_id)
    token = secrets.token_urlsafe(32)
    link = DeviceLink(
        conference_id=conference_id, kind=kind, label=label, token_hash=token_hash(token)
    )
    session.add(link)
    session.flush()
    events.record(
        session,
        conference,
        "device.issued",
        actor,
        {"device": link.id, "kind": kind, "label": label},
    )
    session.flush()
    return link, token


def revoke(session: Session, device_id: int, actor: str) -> DeviceLink:
    """Revoke a link at once; revoking twice is harmless."""
    link = session.get(DeviceLink, device_id)
    if link is None:
        raise refused("not_found.device", device_id=device_id)
    conference = conferences.lock(session, link.conference_id)
    session.refresh(link)
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        events.record(
            session,
            conference,
            "device.revoked",
            actor,
            {"device": link.id, "kind": link.kind, "label": link.label},
        )
        log.info("device link %s of conference %s revoked by %s", link.id, conference.id, actor)
    session.flush()
    return link


def of_conference(session: Session, conference_id: str) -> list[DeviceLink]:
    """The conference's links, revoked ones included."""
    return list(
        session.execute(
            select(DeviceLink)
            .where(DeviceLink.conference_id == conference_id)
            .order_by(DeviceLink.id)
        ).scalars()
    )


def by_token(session: Session, token: str) -> DeviceLink | None:
    """The link a token belongs to, revoked or not (the caller tells them apart)."""
    return session.execute(
        select(DeviceLink).where(DeviceLink.token_hash == token_hash(token))
    ).scalar_one_or_none()
