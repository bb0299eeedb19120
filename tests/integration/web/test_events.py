"""The event log: every change recorded, each entry hashed with its predecessor."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import update

from voting.store import Event
from voting.web.extensions import db


def test_every_change_is_logged_in_order(site: Any, organiser: Any) -> None:
    """Do set-up, roster, ballot, phase, check-in and undo each leave one event, in order?"""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    organiser.post(f"/api/conferences/{conference}/attendees/{first}/check-in")
    organiser.post(f"/api/conferences/{conference}/attendees/{first}/undo", json={"reason": "Nhầm"})
    log = organiser.get(f"/api/conferences/{conference}/events").json
    assert [e["kind"] for e in log["events"]] == [
        "conference.created",
        "roster.drawn",
        "roster.externals_imported",
        "ballot.set",
        "phase.changed",
        "checkin",
        "checkin.undone",
    ]
    assert [e["seq"] for e in log["events"]] == list(range(1, 8))
    assert log["chain_intact"] is True and log["first_break"] is None
    drawn = log["events"][1]["data"]
    assert len(drawn["attendees"]) == 16
    assert drawn["groups"] == ["ban_giam_doc", "bch_dang_bo", "truong_don_vi", "truong_doan_the"]


def test_the_hash_is_sha256_of_canonical_json_chained_to_the_previous(
    site: Any, organiser: Any
) -> None:
    """Can anyone recompute each hash from docs/server.md's recipe, with nothing but hashlib?"""
    conference = site.ready(organiser)
    events = organiser.get(f"/api/conferences/{conference}/events").json["events"]
    prev = "0" * 64
    for event in events:
        fields = {k: event[k] for k in ("actor", "at", "conference", "data", "kind", "seq")}
        fields["prev"] = prev
        encoded = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert event["prev"] == prev
        assert event["hash"] == hashlib.sha256(encoded.encode("utf-8")).hexdigest()
        prev = event["hash"]


def test_a_rewritten_event_breaks_the_chain(site: Any, organiser: Any) -> None:
    """If someone edits a logged check-in in the database, does the log show where?"""
    conference = site.ready(organiser)
    first = site.attendee_ids(organiser, conference)[0]
    organiser.post(f"/api/conferences/{conference}/attendees/{first}/check-in")
    with site.app.app_context():
        db().execute(
            update(Event)
            .where(Event.conference_id == conference, Event.seq == 6)
            .values(data={"attendee": first, "full_name": "Người khác"})
        )
        db().commit()
    log = organiser.get(f"/api/conferences/{conference}/events").json
    assert log["chain_intact"] is False and log["first_break"] == 6


def test_each_conference_has_its_own_chain(site: Any, organiser: Any) -> None:
    """Does a second conference's log start again at seq 1 from the zero hash?"""
    site.conference(organiser)
    second = site.conference(organiser)
    events = organiser.get(f"/api/conferences/{second}/events").json["events"]
    assert [(e["seq"], e["prev"]) for e in events] == [(1, "0" * 64)]
    assert events[0]["data"]["step"] == 4
