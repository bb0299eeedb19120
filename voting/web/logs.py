"""The server's log: what the organisers, accounts, desks and committee phones did, the phase
changes, device links and refusals — and nothing from a voter's phone, the cast or the kiosk.

The rule (docs/server.md "Logging"): a log line never holds anything that could link a person
to a ballot. Voters are anonymous callers and the kiosk is a device of its own kind: no request
of either is logged, nor any request under the voter and kiosk pages or on ballots and cards,
whoever makes it; no line holds a request body, a query string, a card, a ballot or an address.
Domain events are logged by kind from an allowlist, with only the fields named below.

Lines go to stderr (journald keeps and rotates them under systemd), or with VOTING_LOG_FILE to a
file of at most 5 MiB kept with 4 older ones.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from typing import Any

from flask import Flask, Response, g, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from voting.store import Event

LOGGER = "voting"
REQUESTS = logging.getLogger("voting.requests")
EVENTS = logging.getLogger("voting.events")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FILE_BYTES = 5 * 1024 * 1024
FILE_BACKUPS = 4
# Paths never logged, whoever asks: the voter's pages, the kiosk, ballots, cards, the opening
# data a phone fetches to build its ballot.
SECRET_PATHS = ("/vote", "/kiosk", "/api/kiosk")
SECRET_PARTS = ("/ballots", "/cards", "/opening", "/receipt")
# Callers whose requests are logged ("member": a committee phone; a desk is a device of kind
# checkin_desk). Anonymous callers are voters or the public: never logged but for logging in.
LOGGED_DEVICES = ("checkin_desk",)
LOGIN_PATHS = ("/api/session", "/login")
# Event kinds logged, and the only data fields a line may carry (phase changes and device
# revocations are logged by their services, voting.conference.phases and .devices).
LOGGED_EVENTS = frozenset(
    {
        "conference.created",
        "conference.updated",
        "device.issued",
        "committee.tokens_issued",
        "committee.complete",
        "committee.restarted",
        "committee.complaint",
        "committee.phone_replaced",
        "box.opened",
        "box.counts_signed",
        "record.written",
        "head.decided",
        "vote.aborted",
        "practice.created",
        "roster.drawn",
        "ballot.set",
        "cards.undealt",
    }
)
EVENT_FIELDS = ("from", "to", "kind", "label", "link", "device", "member", "rule_set")
_PENDING = "voting.logged_events"


def configure(app: Flask) -> None:
    """Attach the handler (one per process, replaced if the destination changed) and the
    request and event hooks to `app`."""
    logger = logging.getLogger(LOGGER)
    logger.setLevel(app.config.get("LOG_LEVEL") or logging.INFO)
    destination = app.config.get("LOG_FILE") or ""
    ours = [h for h in logger.handlers if hasattr(h, "voting_destination")]
    if [h.voting_destination for h in ours] != [destination]:
        for old in ours:
            logger.removeHandler(old)
            old.close()
        handler = _handler(destination)
        handler.voting_destination = destination  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
    app.after_request(_log_request)
    if not event.contains(Session, "after_flush", _collect):
        event.listen(Session, "after_flush", _collect)
        event.listen(Session, "after_commit", _emit)
        event.listen(Session, "after_rollback", _forget)


def _handler(path: str) -> logging.Handler:
    if path:
        return logging.handlers.RotatingFileHandler(
            path, maxBytes=FILE_BYTES, backupCount=FILE_BACKUPS, encoding="utf-8"
        )
    return logging.StreamHandler(sys.stderr)


def secret_path(path: str) -> bool:
    """Whether `path` is a voter's, the kiosk's, or about ballots and cards: never logged."""
    return path.startswith(SECRET_PATHS) or any(part in path for part in SECRET_PARTS)


def loggable_request(method: str, path: str, kind: str, role: str) -> bool:
    """Whether a request to `path` by a caller of `kind` and `role` may be logged."""
    if secret_path(path):
        return False
    if kind == "anonymous":
        return method == "POST" and path in LOGIN_PATHS
    if kind == "device":
        return role in LOGGED_DEVICES
    return kind in ("user", "member")


def _log_request(response: Response) -> Response:
    principal = g.get("principal")
    kind, role = (principal.kind, principal.role) if principal else ("anonymous", "")
    if not loggable_request(request.method, request.path, kind, role):
        return response
    actor = principal.actor if principal and kind != "anonymous" else "anonymous"
    if response.status_code >= 400:
        body = response.get_json(silent=True) if response.is_json else None
        code = body.get("error", {}).get("code", "") if isinstance(body, dict) else ""
        REQUESTS.warning(
            "refused %s %s %s by %s %s",
            request.method,
            request.path,
            response.status_code,
            actor,
            code,
        )
    else:
        REQUESTS.info("%s %s %s by %s", request.method, request.path, response.status_code, actor)
    return response


def _collect(session: Session, _context: Any) -> None:
    pending = session.info.setdefault(_PENDING, [])
    for item in session.new:
        if isinstance(item, Event) and item.kind in LOGGED_EVENTS:
            data = {k: item.data[k] for k in EVENT_FIELDS if k in (item.data or {})}
            pending.append((item.kind, item.conference_id, item.seq, item.actor, data))


def _emit(session: Session) -> None:
    for kind, conference, seq, actor, data in session.info.pop(_PENDING, []):
        EVENTS.info("%s conference %s #%s by %s %s", kind, conference, seq, actor, data)


def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
