"""Issue 5 end to end through the API: the committee's phones (in-process `Member`s), the desk,
voters' phones (the Python ballot builder), the projector (a Socket.IO client) — and the
guarantees of design.md checked on the way."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text

from voting.conference import casting
from voting.crypto.ballot import BallotContext, BallotDefinition, ballot_list_hash, build_ballot
from voting.crypto.cards import Card, make_pool
from voting.crypto.decryption import partial_decrypt, sign_counts
from voting.crypto.group import Point
from voting.store import Base
from voting.tally.verify import verify_record
from voting.web.extensions import db, socketio
from voting.web.room import TURNOUT_SECONDS

BALLOT3 = {
    "sections": [
        {
            "position": "Phó Giám đốc Sở",
            "quota": 2,
            "candidates": [
                {"full_name": "Đỗ Thị Dung", "post": "Trưởng phòng", "unit": "Văn phòng Sở"},
                {"full_name": "Hoàng Ngọc Long", "post": "Trưởng phòng", "unit": "Thanh tra"},
                {"full_name": "Lê Văn An", "post": "Phó phòng", "unit": "Phòng Kế hoạch"},
            ],
        }
    ]
}


def projector(site: Any, conference: str) -> Any:
    client = socketio.test_client(site.app, namespace="/room")
    assert client.emit("join", {"conference": conference}, namespace="/room", callback=True)["ok"]
    return client


def frames(client: Any) -> list[Any]:
    return [m["args"][0] for m in client.get_received("/room")]


def open_vote(
    site: Any,
    organiser: Any,
    phones: Any,
    step: int = 4,
    present: int | None = None,
    ballot: dict[str, Any] | None = None,
) -> tuple[str, Any]:
    conference = site.set_up(organiser, step=step)
    if ballot is not None:
        r = organiser.put(f"/api/conferences/{conference}/ballot", json=ballot)
        assert r.status_code == 200, r.json
    assert (
        organiser.post(f"/api/conferences/{conference}/phase", json={"to": "checkin"}).status_code
        == 200
    )
    ids = site.attendee_ids(organiser, conference)
    count = len(ids) if present is None else present
    for attendee in ids[:count]:
        r = organiser.post(f"/api/conferences/{conference}/attendees/{attendee}/check-in")
        assert r.status_code == 200
    p = phones(site, organiser, conference)
    p.prepare(count)
    r = organiser.post(f"/api/conferences/{conference}/phase", json={"to": "voting"})
    assert r.status_code == 200, r.json
    return conference, p


def context(site: Any, conference: str) -> BallotContext:
    body = site.api().get(f"/api/conferences/{conference}/opening").json
    return BallotContext(
        conference,
        body["fingerprint"],
        BallotDefinition.from_dict(body["definition"]),
        Point.decode(bytes.fromhex(body["joint_key"])),
    )


def cast(site: Any, conference: str, card: Card, choices: dict[str, list[str]]) -> Any:
    ballot = build_ballot(context(site, conference), card, choices)
    client = site.app.test_client()
    return client.post(f"/api/conferences/{conference}/ballots", json=ballot.to_dict())


def listing(site: Any, conference: str) -> dict[str, Any]:
    """The stored list, as `GET …/ballots` gives it, read in-process: while voting runs that
    call answers the committee's phones alone."""
    with site.app.app_context():
        items = casting.published(db(), conference)
    return {
        "count": len(items),
        "ballot_list_hash": ballot_list_hash(item.hash for item in items),
        "ballots": [item.to_json() for item in items],
    }


def close(organiser: Any, conference: str) -> None:
    r = organiser.post(f"/api/conferences/{conference}/phase", json={"to": "closed"})
    assert r.status_code == 200, r.json


def open_box(site: Any, conference: str, p: Any, members: list[int]) -> list[Any]:
    """Each member verifies the published list (the server's copy here) and posts its partial."""
    from voting.crypto.ballot import Ballot, aggregate

    items = listing(site, conference)["ballots"]
    ballots = [Ballot.from_dict(i["ballot"]) for i in items]
    sums = aggregate(context(site, conference).definition, ballots)
    flat = [(c.a, c.b) for s in sums.values() for c in s.values()]
    replies = []
    for j in members:
        partial = partial_decrypt(p.keys[j], flat)
        replies.append(
            p.apis[j].post(
                f"/api/conferences/{conference}/committee/partials", json=partial.to_json()
            )
        )
    return replies


def test_a_sealed_step_from_phones_to_the_signed_record(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Ceremony, cards, opening, five ballots, closing, 2 of 3 open the box (not 1), sealed
    result only for the allowed roles, the record written and verified with the plain counts."""
    conference, p = open_vote(site, organiser, phones, step=4, present=18)
    base = f"/api/conferences/{conference}"
    watcher = projector(site, conference)
    state = site.api().get(f"{base}/state").json
    assert state["committee"]["complete"] and state["committee"]["joint_fingerprint"]
    assert all(m["fingerprint"] for m in state["committee"]["members"])
    assert state["cards"] | {"batches": []} == {
        "pool": 20,
        "dealt": 18,
        "replaced": 0,
        "undone": 0,
        "undealt": 2,
        "voided": 2,
        "batches": [],
        "card_list_hash": state["cards"]["card_list_hash"],
    }
    choices = [
        {"s1": ["s1c1"]},
        {"s1": ["s1c1", "s1c2"]},
        {"s1": []},
        {"s1": ["s1c2"]},
        {"s1": ["s1c1"]},
    ]
    receipts = []
    for card, choice in zip(p.dealt, choices, strict=False):
        r = cast(site, conference, card, choice)
        assert r.status_code == 201, r.json
        assert "Set-Cookie" not in r.headers
        receipts.append(r.json["receipt"])
    published = listing(site, conference)
    hashes = [item["hash"] for item in published["ballots"]]
    assert hashes == sorted(hashes) == sorted(receipts)
    assert site.api().get(f"{base}/ballots/{receipts[0]}").status_code == 200
    # nobody reads a count before the box is opened
    for role in (None, "organiser", "leadership", "head"):
        body = site.api(role).get(f"{base}/result").json
        assert body["status"] == "none" and "result" not in body
    close(organiser, conference)
    assert (
        site.api().get(f"{base}/state").json["final_ballot_list_hash"]
        == published["ballot_list_hash"]
    )
    [one] = open_box(site, conference, p, [1])
    assert one.status_code == 200 and one.json["opened"] is False
    assert site.api("organiser").get(f"{base}/result").json["status"] == "none"
    [two] = open_box(site, conference, p, [3])
    assert two.json["opened"] is True
    public = site.api().get(f"{base}/result").json
    assert public["status"] == "sealed" and "result" not in public
    assert public["message"] == "Đã kiểm phiếu — kết quả không công bố tại hội nghị"
    sealed = site.api("leadership").get(f"{base}/result").json["result"]
    counts = {c["id"]: c["agree"] for c in sealed["sections"][0]["candidates"]}
    assert counts == {"s1c1": 3, "s1c2": 2}
    assert p.apis[2].get(f"{base}/result").json["result"] == sealed
    # no count ever reached the projector
    for frame in frames(watcher):
        assert "agree" not in str(frame) and "counts" not in str(frame)
    # the committee signs the counts; the t-th signature writes the record
    from voting.conference import box as boxes

    with site.app.app_context():
        from voting.web.extensions import db

        stored = boxes.peek(db(), conference).counts
    for j in (1, 3):
        r = p.apis[j].post(
            f"{base}/committee/count-signatures",
            json=sign_counts(p.keys[j], site.opened(conference), stored).to_json(),
        )
        assert r.status_code == 200, r.json
    assert r.json["record_written"] is True
    assert site.api().get(f"{base}/record").status_code == 401
    record = site.api("organiser").get(f"{base}/record").data
    summary = verify_record(record)
    assert summary is not None
    assert stored == {"s1": {"s1c1": 3, "s1c2": 2}}


def test_the_room_sees_only_the_count_while_voting_and_the_list_hash_at_closing(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Issue 16 item 2: during voting nothing but the number of ballots reaches the room (a
    running list hash would date each ballot against the published list); the list hash comes
    with the closing. Casts are pushed coalesced, so the projector still sees the turnout."""
    conference, p = open_vote(site, organiser, phones, step=4, present=18)
    base = f"/api/conferences/{conference}"
    watcher = projector(site, conference)
    frames(watcher)
    for card in p.dealt[:3]:
        assert cast(site, conference, card, {"s1": ["s1c1"]}).status_code == 201
    time.sleep(4 * TURNOUT_SECONDS)  # the coalesced turnout push
    during = [*frames(watcher), site.api().get(f"{base}/state").json]
    # Nor may anyone but the committee's phones (which verify as ballots arrive) poll the list.
    for reader in (site.api(), organiser):
        refused = reader.get(f"{base}/ballots?hashes=1")
        assert refused.status_code == 409, refused.json
        assert refused.json["error"]["code"] == "list_not_public_yet"
    published = p.apis[1].get(f"{base}/ballots").json
    secrets = [published["ballot_list_hash"]] + [b["hash"] for b in published["ballots"]]
    assert during[-2]["ballots_cast"] == during[-1]["ballots_cast"] == 3
    for state in during:
        assert "ballot_list_hash" not in state and state["final_ballot_list_hash"] is None
        assert not any(secret in json.dumps(state) for secret in secrets)
    close(organiser, conference)
    [closing] = frames(watcher)
    assert closing["phase"] == "closed" and closing["ballots_cast"] == 3
    assert closing["final_ballot_list_hash"] == published["ballot_list_hash"]
    assert site.api().get(f"{base}/ballots").json == listing(site, conference)  # public now
    assert listing(site, conference)["ballot_list_hash"] == published["ballot_list_hash"]


def test_the_box_does_not_open_with_one_member_and_a_forged_partial_is_refused(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference, p = open_vote(site, organiser, phones, present=17)
    for card in p.dealt[:3]:  # the rule set's fewest ballots to open a box
        cast(site, conference, card, {"s1": ["s1c1"]})
    close(organiser, conference)
    base = f"/api/conferences/{conference}"
    [first] = open_box(site, conference, p, [2])
    assert first.json["opened"] is False
    from voting.crypto.decryption import partial_decrypt as pd

    # member 3 posts a partial of the wrong ciphertexts: refused, nothing changes
    bogus = pd(
        p.keys[3], [(Point.base(p.keys[3].secret_share), Point.base(p.keys[3].secret_share))]
    )
    r = p.apis[3].post(f"{base}/committee/partials", json=bogus.to_json())
    assert r.status_code == 422 and r.json["error"]["code"] == "partial_invalid"
    # member 2 cannot post as member 3
    forged = pd(p.keys[3], [])
    r = p.apis[2].post(f"{base}/committee/partials", json=forged.to_json())
    assert r.json["error"]["code"] == "committee_message_foreign"
    assert site.api().get(f"{base}/state").json["phase"] == "closed"


def test_two_concurrent_casts_with_one_card_give_one_ballot(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference, p = open_vote(site, organiser, phones, present=17)
    ctx = context(site, conference)
    ballots = [build_ballot(ctx, p.dealt[0], {"s1": [c]}) for c in ("s1c1", "s1c2")] * 2
    statuses: list[int] = []
    codes: list[str] = []
    barrier = threading.Barrier(len(ballots))

    def go(ballot: Any) -> None:
        client = site.app.test_client()
        barrier.wait()
        r = client.post(f"/api/conferences/{conference}/ballots", json=ballot.to_dict())
        statuses.append(r.status_code)
        if r.status_code != 201:
            codes.append(r.json["error"]["code"])

    threads = [threading.Thread(target=go, args=(b,)) for b in ballots]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 409, 409, 409]
    assert set(codes) == {"card_used"}
    assert listing(site, conference)["count"] == 1


def test_every_refused_ballot_gets_its_own_message_and_changes_nothing(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference, p = open_vote(site, organiser, phones, present=17)
    base = f"/api/conferences/{conference}"
    ctx = context(site, conference)
    assert cast(site, conference, p.dealt[0], {"s1": ["s1c1"]}).status_code == 201
    before = (listing(site, conference), site.api().get(f"{base}/state").json["ballots_cast"])
    client = site.app.test_client()

    def refused(body: Any) -> tuple[int, str, str]:
        r = client.post(f"{base}/ballots", json=body)
        error = r.json["error"]
        assert error["message"] and error["message_en"] and error["message"] != error["message_en"]
        return r.status_code, error["code"], error["message"]

    foreign = Card.from_secret(conference, make_pool(conference, 1).secrets[0])
    good = build_ballot(ctx, p.dealt[1], {"s1": ["s1c2"]}).to_dict()
    tampered = dict(good, signature="00" * 64)
    other = site.set_up(organiser)
    results = {
        "used": refused(build_ballot(ctx, p.dealt[0], {"s1": []}).to_dict()),
        "voided": refused(build_ballot(ctx, p.undealt[0], {"s1": []}).to_dict()),
        "foreign": refused(build_ballot(ctx, foreign, {"s1": []}).to_dict()),
        "malformed": refused({"hello": "world"}),
        "tampered": refused(tampered),
        "wrong_conference": refused(dict(good, conference=other)),
    }
    assert {k: v[1] for k, v in results.items()} == {
        "used": "card_used",
        "voided": "card_voided",
        "foreign": "card_unknown",
        "malformed": "ballot_malformed",
        "tampered": "ballot_invalid",
        "wrong_conference": "wrong_conference",
    }
    assert results["used"][0] == 409 and results["malformed"][0] == 422
    assert len({v[2] for v in results.values()}) == len(results)
    assert (
        listing(site, conference),
        site.api().get(f"{base}/state").json["ballots_cast"],
    ) == before
    close(organiser, conference)
    assert refused(good)[1] == "voting_closed"
    assert listing(site, conference) == before[0]


def test_casting_before_the_opening_is_refused(site: Any, organiser: Any) -> None:
    conference = site.ready(organiser)
    card = Card.from_secret(conference, make_pool(conference, 1).secrets[0])
    from voting.crypto.dkg import Ceremony, simulate_ceremony

    transcript, _ = simulate_ceremony(Ceremony(conference))
    ctx = BallotContext(
        conference,
        "00" * 32,
        BallotDefinition.from_dict(
            {"sections": [{"id": "s1", "candidates": ["s1c1", "s1c2"], "quota": 2}]}
        ),
        transcript.joint_key,
    )
    r = site.app.test_client().post(
        f"/api/conferences/{conference}/ballots", json=build_ballot(ctx, card, {"s1": []}).to_dict()
    )
    assert r.status_code == 409 and r.json["error"]["code"] == "voting_not_open"


def test_acknowledged_ballots_survive_a_restart(
    site: Any, organiser: Any, phones: Any, tmp_path: Path
) -> None:
    conference, p = open_vote(site, organiser, phones, present=17)
    receipts = {
        cast(site, conference, card, {"s1": ["s1c1"]}).json["receipt"] for card in p.dealt[:3]
    }
    from voting.web.extensions import DATABASE

    url = site.app.config["DATABASE_URL"]
    site.app.extensions[DATABASE].dispose()
    fresh = _web_make_app(tmp_path / "instance", url)
    with fresh.app_context():  # the restarted server's stored list
        stored = casting.published(db(), conference)
    assert {b.hash for b in stored} == receipts
    fresh.extensions[DATABASE].dispose()


def _web_make_app(instance: Path, database_url: str) -> Any:
    from voting.web import create_app

    return create_app({"INSTANCE_PATH": instance, "TESTING": True, "DATABASE_URL": database_url})


def test_no_table_links_an_attendee_to_a_card_or_a_ballot(site: Any) -> None:
    """No table holds both an attendee and a card or ballot; cast ballots carry no time, no
    sequence and no row number (WITHOUT ROWID)."""
    for table in Base.metadata.tables.values():
        names = {c.name for c in table.columns}
        if names & {"card", "key"} and table.name in ("cards", "cast_ballots"):
            assert not any("attendee" in n or n.endswith("_at") for n in names), table.name
    cast_table = Base.metadata.tables["cast_ballots"]
    assert {c.name for c in cast_table.columns} == {"conference_id", "hash", "card", "content"}
    assert {c.name for c in Base.metadata.tables["cards"].columns} == {
        "conference_id",
        "key",
        "batch",
        "undealt",
    }
    with site.app.app_context():
        from voting.web.extensions import db

        bind = db().get_bind()
        assert "attendee_id" not in {c["name"] for c in inspect(bind).get_columns("cast_ballots")}
        if bind.dialect.name == "sqlite":  # PostgreSQL has no rowid (its order: test_secrecy)
            sql = (
                db()
                .execute(text("SELECT sql FROM sqlite_master WHERE name = 'cast_ballots'"))
                .scalar_one()
            )
            assert "WITHOUT ROWID" in sql.upper()


def test_the_final_step_announces_and_the_head_decides_a_tie(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference, p = open_vote(site, organiser, phones, step=5, ballot=BALLOT3)
    base = f"/api/conferences/{conference}"
    watcher = projector(site, conference)
    pairs = [["s1c1", "s1c2"], ["s1c2", "s1c3"], ["s1c1", "s1c3"]]
    voters = len(p.dealt) - len(p.dealt) % 3
    for index, card in enumerate(p.dealt[:voters]):
        assert cast(site, conference, card, {"s1": pairs[index % 3]}).status_code == 201
    close(organiser, conference)
    open_box(site, conference, p, [1, 2])
    public = site.api().get(f"{base}/result").json
    assert public["status"] == "awaiting_head"
    selection = public["result"]["selection"]
    assert selection["ties"]["s1"]["places"] == 2 and selection["open_places"] == {"s1": 2}
    rows = public["result"]["sections"][0]["candidates"]
    assert {r["agree"] for r in rows} == {voters * 2 // 3} and rows[0]["base"] == "convened"
    assert (
        site.api("organiser").post(f"{base}/decision", json={"chosen": {"s1": []}}).status_code
        == 403
    )
    head = site.api("head")
    bad = head.post(f"{base}/decision", json={"chosen": {"s1": ["s1c1", "s1c2", "s1c3"]}})
    assert bad.status_code == 422 and bad.json["error"]["code"] == "invalid_decision"
    good = head.post(f"{base}/decision", json={"chosen": {"s1": ["s1c3", "s1c1"]}, "note": "x"})
    assert good.status_code == 200, good.json
    final = site.api().get(f"{base}/result").json
    assert final["status"] == "announced"
    assert sorted(final["result"]["selection"]["chosen"]["s1"]) == ["s1c1", "s1c3"]
    last = organiser.get(f"{base}/events").json["events"][-1]
    # even at an announced step the counts travel only in GET /result, never in a push
    pushed = frames(watcher)
    assert pushed and all("agree" not in str(frame) for frame in pushed)
    assert pushed[-1]["result"] == "announced"
    assert last["kind"] == "head.decided" and last["data"]["among"] == {
        "s1": ["s1c1", "s1c2", "s1c3"]
    }


def test_an_aborted_vote_voids_every_card_and_decrypts_nothing(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference, p = open_vote(site, organiser, phones, present=17)
    base = f"/api/conferences/{conference}"
    cast(site, conference, p.dealt[0], {"s1": ["s1c1"]})
    assert organiser.post(f"{base}/abort", json={"reason": " "}).status_code == 422
    r = organiser.post(f"{base}/abort", json={"reason": "Mất điện, bỏ phiếu lại"})
    assert r.status_code == 200 and r.json["phase"] == "aborted"
    assert r.json["cards"]["voided"] == r.json["cards"]["pool"]
    assert cast(site, conference, p.dealt[1], {"s1": []}).json["error"]["code"] == "vote_aborted"
    replies = open_box(site, conference, p, [1])
    assert replies[0].status_code == 409
    assert site.api("organiser").get(f"{base}/result").json["status"] == "none"


def test_an_over_marked_ballot_is_refused(site: Any, organiser: Any, phones: Any) -> None:
    """A ballot marking 3 where the quota is 2 (its sum proof made for 0..3) fails its proof."""
    import dataclasses

    conference, p = open_vote(site, organiser, phones, present=17, ballot=BALLOT3)
    ctx = context(site, conference)
    section = ctx.definition.sections[0]
    widened = dataclasses.replace(
        ctx,
        definition=BallotDefinition((dataclasses.replace(section, quota=3),)),
    )
    over = build_ballot(widened, p.dealt[0], {"s1": ["s1c1", "s1c2", "s1c3"]})
    r = site.app.test_client().post(f"/api/conferences/{conference}/ballots", json=over.to_dict())
    assert r.status_code == 422 and r.json["error"]["code"] == "ballot_invalid"
    assert "at most 2" in r.json["error"]["message_en"]
    assert listing(site, conference)["count"] == 0
    # the same card can still cast a valid ballot: the refusal burned nothing
    assert cast(site, conference, p.dealt[0], {"s1": ["s1c1", "s1c2"]}).status_code == 201


def test_a_cards_status_is_public_and_follows_its_use(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Does a phone learn before anything is filled that a card is ready, used, voided or not
    of this conference — from public facts only?"""
    conference, p = open_vote(site, organiser, phones, present=17)
    anyone = site.api()

    def status(key: str) -> str:
        body: dict[str, str] = anyone.get(f"/api/conferences/{conference}/cards/{key}/status").json
        return body["status"]

    card = p.dealt[0]
    assert status(card.public_hex) == "ready"
    assert cast(site, conference, card, {"s1": ["s1c1"]}).status_code == 201
    assert status(card.public_hex) == "used"
    assert status(p.undealt[0].public_hex) == "voided"
    assert status("ab" * 32) == "unknown"
    assert status(p.dealt[1].public_hex.upper()) == "ready"


def test_a_phone_refusing_a_list_far_smaller_than_the_room_says_why(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Issue 16, item 4: when a member's phone refuses to open a list of fewer ballots than
    half of those present, is its reason logged with the numbers — and is a refusal whose
    numbers give no such reason refused, changing nothing?"""
    conference, p = open_vote(site, organiser, phones, step=4, present=18)
    base = f"/api/conferences/{conference}"
    assert cast(site, conference, p.dealt[0], {}).status_code == 201
    close(organiser, conference)
    bogus = p.apis[2].post(f"{base}/committee/refusal", json={"ballots": 9, "present": 18})
    assert bogus.status_code == 422 and site.code(bogus) == "refusal_invalid"
    r = p.apis[1].post(f"{base}/committee/refusal", json={"ballots": 1, "present": 18})
    assert r.status_code == 200, r.json
    logged = [
        e for e in organiser.get(f"{base}/events").json["events"] if e["kind"] == "box.refused"
    ]
    assert [(e["actor"], e["data"]) for e in logged] == [
        ("member:1", {"member": 1, "reason": "far_fewer", "ballots": 1, "present": 18})
    ]
    assert site.api().get(f"{base}/state").json["phase"] == "closed"
