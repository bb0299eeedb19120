"""How records look in JSON responses (the schemas of docs/api.md and /api/openapi.json)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from voting.conference import ballot, conferences, events
from voting.store import Attendee, Conference, DeviceLink, Event, Person, Phase, utc_text


def when(value: datetime | None) -> str | None:
    """A time as ISO 8601 UTC to the second, or None."""
    return utc_text(value) if value is not None else None


def conference(item: Conference) -> dict[str, Any]:
    step = conferences.step_of(item)
    rule_set = conferences.rule_set_of(item)
    phase_vi, phase_en = conferences.PHASE_TITLES[Phase(item.phase)]
    return {
        "id": item.id,
        "title": item.title,
        "held_on": item.held_on.isoformat(),
        "place": item.place,
        "rule_set": {"name": item.rule_set_name, "hash": item.rule_set_hash},
        "procedure": item.procedure,
        "procedure_title": rule_set.procedures[item.procedure].title,
        "step": item.step_number,
        "step_title": step.title,
        "step_title_en": step.title_en,
        "tier": item.tier,
        "ballot_kind": item.ballot_kind,
        "announced": step.announced,
        "phase": item.phase,
        "phase_title": phase_vi,
        "phase_title_en": phase_en,
        "committee": {"size": item.committee_size, "threshold": item.committee_threshold},
        "revision": item.revision,
        "convened_at_opening": item.convened_at_opening,
        "present_at_opening": item.present_at_opening,
        "practice_of": item.practice_of,
    }


def attendee(item: Attendee) -> dict[str, Any]:
    return {
        "id": item.id,
        "ref": item.ref,
        "source": item.source,
        "full_name": item.full_name,
        "sex": item.sex,
        "post": item.post,
        "unit": item.unit,
        "present": item.present,
        "checked_in_at": when(item.checked_in_at),
        "absence": None
        if item.absence_reason is None
        else {"reason": item.absence_reason, "note": item.absence_note},
    }


def person(item: Person) -> dict[str, Any]:
    return {
        "id": item.ref,
        "full_name": item.full_name,
        "sex": item.sex,
        "born": item.born.isoformat(),
        "post": item.post,
        "unit": item.unit,
        "groups": item.groups,
    }


def device(item: DeviceLink) -> dict[str, Any]:
    return {
        "id": item.id,
        "conference": item.conference_id,
        "kind": item.kind,
        "label": item.label,
        "created_at": when(item.created_at),
        "revoked_at": when(item.revoked_at),
    }


def ballot_of(item: Conference) -> ballot.Ballot:
    return ballot.describe(item)


def event_entries(items: list[Event]) -> list[events.Entry]:
    return [events.to_entry(item) for item in items]
