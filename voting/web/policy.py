"""Authorisation in one place: the policy table (role → actions), `authorize` for views and
Socket.IO handlers, and the `requires` decorator every API view wears."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from flask import request

from voting.conference import conferences
from voting.conference.errors import refused
from voting.store import Conference, DeviceKind, Role
from voting.web.extensions import db
from voting.web.principals import PUBLIC, Principal, current_principal, require_csrf

F = TypeVar("F", bound=Callable[..., Any])
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Action(StrEnum):
    """Everything a caller can ask of the server."""

    SESSION = "session"  # read the session, log in, log out
    META_READ = "meta.read"  # the OpenAPI document, the reachability check
    RULES_READ = "rules.read"
    ADDRESS_READ = "address.read"
    PEOPLE_READ = "people.read"
    PEOPLE_IMPORT = "people.import"
    CONFERENCE_LIST = "conference.list"
    CONFERENCE_CREATE = "conference.create"
    CONFERENCE_READ = "conference.read"
    CONFERENCE_EDIT = "conference.edit"
    PHASE_CHANGE = "phase.change"
    STATE_READ = "state.read"
    ROSTER_READ = "roster.read"
    ROSTER_EDIT = "roster.edit"
    BALLOT_READ = "ballot.read"
    BALLOT_EDIT = "ballot.edit"
    CHECKIN_MARK = "checkin.mark"
    CHECKIN_UNDO = "checkin.undo"
    ABSENCE_RECORD = "absence.record"  # why a convened attendee is absent, for the minutes
    EVENTS_READ = "events.read"
    DEVICES_MANAGE = "devices.manage"
    ROOM_JOIN = "room.join"
    # Issue 5: the committee's ceremony, cards, casting, the box and the result.
    COMMITTEE_READ = "committee.read"
    COMMITTEE_MANAGE = "committee.manage"
    COMMITTEE_JOIN = "committee.join"
    COMMITTEE_ACT = "committee.act"
    CARDS_READ = "cards.read"
    CARDS_UPLOAD = "cards.upload"
    CARDS_DEAL = "cards.deal"
    CARDS_UNDO = "cards.undo"
    BALLOT_CAST = "ballot.cast"
    BALLOTS_READ = "ballots.read"
    # The published list while voting runs: its growth would date each ballot (design.md
    # guarantee 2), so only the committee's phones, which verify as ballots arrive, read it.
    BALLOTS_LIVE_READ = "ballots.live_read"
    VOTE_ABORT = "vote.abort"
    RESULT_READ = "result.read"
    RESULT_SEALED_READ = "result.sealed_read"
    RECORD_READ = "record.read"
    HEAD_DECIDE = "head.decide"
    ACCOUNTS_MANAGE = "accounts.manage"  # create, list, disable accounts, reset passwords
    # Issue 7: planning processes across steps.
    PLANNING_READ = "planning.read"
    PLANNING_MANAGE = "planning.manage"
    # Issue 16: a paper step's counts are confirmed by members as themselves.
    PAPER_CONFIRM = "paper.confirm"


ORGANISER, LEADERSHIP, HEAD = Role.ORGANISER.value, Role.LEADERSHIP.value, Role.HEAD.value
DESK, KIOSK = DeviceKind.CHECKIN_DESK.value, DeviceKind.KIOSK.value
COMMITTEE = "committee"  # a counting-committee member's phone, bound by its join token
ACCOUNTS = frozenset({ORGANISER, LEADERSHIP, HEAD})
EVERYONE = frozenset({PUBLIC, ORGANISER, LEADERSHIP, HEAD, DESK, KIOSK, COMMITTEE})
# design.md guarantee 4: who may read counts of a step whose result is not announced.
SEALED_READERS = frozenset({ORGANISER, LEADERSHIP, HEAD, COMMITTEE})

# design.md "Roles": the organiser sets up and runs the conference; leadership and head read;
# the desk checks in at its own conference; the projector (anyone) sees public state only.
POLICY: dict[Action, frozenset[str]] = {
    Action.SESSION: EVERYONE,
    Action.META_READ: EVERYONE,
    Action.STATE_READ: EVERYONE,
    Action.ROOM_JOIN: EVERYONE,
    Action.RULES_READ: ACCOUNTS,
    Action.ADDRESS_READ: frozenset({ORGANISER}),
    Action.PEOPLE_READ: frozenset({ORGANISER}),
    Action.PEOPLE_IMPORT: frozenset({ORGANISER}),
    Action.CONFERENCE_LIST: ACCOUNTS,
    Action.CONFERENCE_CREATE: frozenset({ORGANISER}),
    Action.CONFERENCE_READ: ACCOUNTS | {DESK, KIOSK},
    Action.CONFERENCE_EDIT: frozenset({ORGANISER}),
    Action.PHASE_CHANGE: frozenset({ORGANISER}),
    Action.ROSTER_READ: ACCOUNTS | {DESK},
    Action.ROSTER_EDIT: frozenset({ORGANISER}),
    Action.BALLOT_READ: ACCOUNTS | {KIOSK},
    Action.BALLOT_EDIT: frozenset({ORGANISER}),
    Action.CHECKIN_MARK: frozenset({ORGANISER, DESK}),
    Action.CHECKIN_UNDO: frozenset({ORGANISER, DESK}),
    Action.ABSENCE_RECORD: frozenset({ORGANISER, DESK}),
    Action.EVENTS_READ: ACCOUNTS | {DESK},
    Action.DEVICES_MANAGE: frozenset({ORGANISER}),
    Action.COMMITTEE_READ: EVERYONE,
    Action.COMMITTEE_MANAGE: frozenset({ORGANISER}),
    Action.COMMITTEE_JOIN: EVERYONE,
    Action.COMMITTEE_ACT: frozenset({COMMITTEE}),
    Action.CARDS_READ: EVERYONE,
    Action.CARDS_UPLOAD: frozenset({ORGANISER, DESK}),
    Action.CARDS_DEAL: frozenset({ORGANISER, DESK}),
    Action.CARDS_UNDO: frozenset({ORGANISER, DESK}),  # the desk that undoes the check-in
    Action.BALLOT_CAST: EVERYONE,
    Action.BALLOTS_READ: EVERYONE,
    Action.BALLOTS_LIVE_READ: frozenset({COMMITTEE}),
    Action.VOTE_ABORT: frozenset({ORGANISER}),
    Action.RESULT_READ: EVERYONE,
    Action.RESULT_SEALED_READ: SEALED_READERS,
    Action.RECORD_READ: SEALED_READERS,
    Action.HEAD_DECIDE: frozenset({HEAD}),
    Action.ACCOUNTS_MANAGE: frozenset({ORGANISER}),
    Action.PLANNING_READ: ACCOUNTS,
    Action.PLANNING_MANAGE: frozenset({ORGANISER}),
    Action.PAPER_CONFIRM: ACCOUNTS,
}


def allowed(principal: Principal, action: Action, conference: Conference | None) -> bool:
    """Whether the policy lets `principal` do `action` (on `conference`, for a device link)."""
    if principal.role not in POLICY[action]:
        return False
    bound = principal.conference_id
    return (
        bound is None
        or POLICY[action] == EVERYONE
        or (conference is not None and conference.id == bound)
    )


def authorize(principal: Principal, action: Action, conference: Conference | None = None) -> None:
    """Refuse (401 for nobody, 403 for the wrong role or conference) unless allowed."""
    if allowed(principal, action, conference):
        return
    if principal.kind == "anonymous":
        raise refused("unauthenticated")
    if conference is not None:
        raise refused("forbidden.conference", role=principal.role, action=action.value)
    raise refused("forbidden", role=principal.role, action=action.value)


def requires(action: Action, anonymous_post: bool = False) -> Callable[[F], F]:
    """Authorise the caller before the view runs. A `conference_id` URL argument is loaded
    and handed to the view as `conference`; a state-changing call with a session needs the
    CSRF header (a device link's or member's token header is not sent by a browser on its
    own). `anonymous_post` lets a caller with no session at all post without the header: the
    voter (the card's signature authenticates the ballot) and a committee phone redeeming its
    join token — there is no cookie whose authority a forged request could borrow."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            exempt = principal.kind in ("device", "member") or (
                anonymous_post and principal.kind == "anonymous"
            )
            # A logged-in browser's forged request is refused as such, whatever it asks for.
            if principal.kind == "user" and request.method not in SAFE_METHODS:
                require_csrf()
            # The role first, so that nobody learns whether a conference exists.
            if principal.role not in POLICY[action]:
                authorize(principal, action)
            if "conference_id" in kwargs:
                kwargs["conference"] = conferences.get(db(), kwargs.pop("conference_id"))
            authorize(principal, action, kwargs.get("conference"))
            if request.method not in SAFE_METHODS and not exempt and principal.kind != "user":
                require_csrf()
            return view(*args, **kwargs)

        guarded.action = action  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate
