"""Casting guarantees beyond the main flow: ballots never exceed the frozen present count,
the receipt only after the commit, nothing logged, no cookie; a practice round."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.integration.voting.test_flow import listing
from voting.crypto.ballot import BallotContext, BallotDefinition, build_ballot
from voting.crypto.group import Point


def open_vote(site: Any, organiser: Any, phones: Any, present: int = 17) -> tuple[str, Any]:
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}"
    for attendee in site.attendee_ids(organiser, conference)[:present]:
        organiser.post(f"{base}/attendees/{attendee}/check-in")
    p = phones(site, organiser, conference)
    p.prepare(present)
    assert organiser.post(f"{base}/phase", json={"to": "voting"}).status_code == 200
    return conference, p


def context(site: Any, conference: str) -> BallotContext:
    body = site.api().get(f"/api/conferences/{conference}/opening").json
    return BallotContext(
        conference,
        body["fingerprint"],
        BallotDefinition.from_dict(body["definition"]),
        Point.decode(bytes.fromhex(body["joint_key"])),
    )


def test_ballots_never_exceed_the_present_count_even_with_replacements(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}"
    for attendee in site.attendee_ids(organiser, conference)[:17]:
        organiser.post(f"{base}/attendees/{attendee}/check-in")
    p = phones(site, organiser, conference)
    p.ceremony()
    from voting.crypto.cards import Card, make_pool

    pool = make_pool(conference, 18)
    organiser.post(f"{base}/cards/batches", json={"keys": list(pool.public_keys)})
    for _ in range(17):
        organiser.post(f"{base}/cards/dealt", json={})
    organiser.post(f"{base}/cards/dealt", json={"replacement": True})
    organiser.put(f"{base}/cards/undealt", json={"keys": []})
    assert organiser.post(f"{base}/phase", json={"to": "voting"}).status_code == 200
    ctx = context(site, conference)
    client = site.app.test_client()
    cards = [Card.from_secret(conference, s) for s in pool.secrets]
    for card in cards[:17]:
        r = client.post(f"{base}/ballots", json=build_ballot(ctx, card, {"s1": []}).to_dict())
        assert r.status_code == 201
    r = client.post(f"{base}/ballots", json=build_ballot(ctx, cards[17], {"s1": []}).to_dict())
    assert r.status_code == 409 and r.json["error"]["code"] == "ballot_box_full"
    assert site.api().get(f"{base}/state").json["ballots_cast"] == 17


def test_no_receipt_when_the_commit_fails(
    site: Any, organiser: Any, phones: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    conference, p = open_vote(site, organiser, phones)
    ballot = build_ballot(context(site, conference), p.dealt[0], {"s1": ["s1c1"]}).to_dict()

    def fail(self: Session) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Session, "commit", fail)
    r = site.app.test_client().post(f"/api/conferences/{conference}/ballots", json=ballot)
    monkeypatch.undo()
    assert r.status_code == 500 and "receipt" not in r.json
    assert listing(site, conference)["count"] == 0
    r = site.app.test_client().post(f"/api/conferences/{conference}/ballots", json=ballot)
    assert r.status_code == 201


def test_casting_logs_nothing_and_sets_no_cookie(
    site: Any, organiser: Any, phones: Any, caplog: pytest.LogCaptureFixture
) -> None:
    conference, p = open_vote(site, organiser, phones)
    ctx = context(site, conference)
    good = build_ballot(ctx, p.dealt[0], {"s1": ["s1c1"]}).to_dict()
    client = site.app.test_client()
    caplog.clear()  # the organiser's requests that opened the vote are logged, as they should be
    with caplog.at_level(logging.DEBUG):
        r = client.post(f"/api/conferences/{conference}/ballots", json=good)
        again = client.post(f"/api/conferences/{conference}/ballots", json=good)
    assert r.status_code == 201 and again.status_code == 409
    for response in (r, again):
        assert "Set-Cookie" not in response.headers
    text = caplog.text
    assert good["card"] not in text and r.json["receipt"] not in text
    assert not [rec for rec in caplog.records if rec.name.startswith("voting")]


def test_a_practice_round_has_its_own_cards_and_shows_its_result_openly(
    site: Any, organiser: Any, phones: Any
) -> None:
    real = site.ready(organiser)
    r = organiser.post(f"/api/conferences/{real}/practice")
    assert r.status_code == 201, r.json
    practice = r.json
    assert practice["practice_of"] == real and practice["title"].startswith("Bỏ phiếu thử")
    conference = practice["id"]
    assert len(site.attendee_ids(organiser, conference)) == 25
    assert (
        organiser.post(f"/api/conferences/{conference}/phase", json={"to": "checkin"}).status_code
        == 200
    )
    base = f"/api/conferences/{conference}"
    for attendee in site.attendee_ids(organiser, conference)[:17]:
        organiser.post(f"{base}/attendees/{attendee}/check-in")
    p = phones(site, organiser, conference)
    p.prepare(17)
    assert organiser.post(f"{base}/phase", json={"to": "voting"}).status_code == 200
    ctx = context(site, conference)
    client = site.app.test_client()
    for card in p.dealt[:3]:
        client.post(f"{base}/ballots", json=build_ballot(ctx, card, {"s1": ["s1c2"]}).to_dict())
    # a practice card does not vote in the real conference
    foreign = build_ballot(ctx, p.dealt[3], {"s1": []}).to_dict()
    r = client.post(f"/api/conferences/{real}/ballots", json=foreign)
    assert r.status_code == 422 and r.json["error"]["code"] == "wrong_conference"
    organiser.post(f"{base}/phase", json={"to": "closed"})
    from voting.crypto.ballot import Ballot, aggregate
    from voting.crypto.decryption import partial_decrypt

    items = site.api().get(f"{base}/ballots").json["ballots"]
    sums = aggregate(ctx.definition, [Ballot.from_dict(i["ballot"]) for i in items])
    flat = [(c.a, c.b) for s in sums.values() for c in s.values()]
    for j in (1, 2):
        p.apis[j].post(
            f"{base}/committee/partials", json=partial_decrypt(p.keys[j], flat).to_json()
        )
    public = site.api().get(f"{base}/result").json
    assert public["practice"] is True and public["status"] == "announced"
    counts = {c["id"]: c["agree"] for c in public["result"]["sections"][0]["candidates"]}
    assert counts == {"s1c1": 0, "s1c2": 3}
    assert site.api().get(f"{base}/state").json["practice"] is True
    assert site.api().get(f"/api/conferences/{real}/state").json["phase"] == "checkin"
