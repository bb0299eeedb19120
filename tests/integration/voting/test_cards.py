"""Cards at the desk: batches (desk pool or keys.json), dealt and replacement counters, undo
with a reason, the undealt keys at the opening and the count that must add up."""

from __future__ import annotations

from typing import Any

from voting.crypto.cards import Card, card_list_hash, make_pool


def code(response: Any) -> str:
    value: str = response.json["error"]["code"]
    return value


def test_batches_are_checked_and_keys_json_is_accepted(site: Any, organiser: Any) -> None:
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}/cards"
    desk = site.device(site.issue_device(organiser, conference)["token"])
    keys = list(make_pool(conference, 4).public_keys)
    assert code(desk.post(f"{base}/batches", json={"keys": keys[::-1]})) == "card_keys_unsorted"
    assert code(desk.post(f"{base}/batches", json={"keys": ["AB"]})) == "card_key_invalid"
    wrong = {"conference": conference, "keys": keys, "card_list_hash": "0" * 64}
    assert code(organiser.post(f"{base}/batches", json=wrong)) == "card_list_hash_mismatch"
    foreign = {"conference": "f" * 32, "keys": keys, "card_list_hash": card_list_hash(keys)}
    assert code(organiser.post(f"{base}/batches", json=foreign)) == "card_batch_foreign"
    assert site.api().get(base).json["pool"] == 0
    good = {"conference": conference, "keys": keys, "card_list_hash": card_list_hash(keys)}
    assert organiser.post(f"{base}/batches", json=good).status_code == 201
    assert code(desk.post(f"{base}/batches", json={"keys": keys})) == "card_duplicate"
    more = list(make_pool(conference, 2).public_keys)
    assert desk.post(f"{base}/batches", json={"keys": more}).json["batch"] == 2
    summary = site.api().get(base).json
    assert summary["pool"] == 6 and [b["count"] for b in summary["batches"]] == [4, 2]
    assert site.api().get(f"{base}/keys").json["keys"] == sorted(keys + more)


def test_dealing_replacements_undo_and_the_count_at_the_opening(
    site: Any, organiser: Any, phones: Any
) -> None:
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}"
    desk = site.device(site.issue_device(organiser, conference)["token"])
    p = phones(site, organiser, conference)
    p.ceremony()
    pool = make_pool(conference, 20)
    cards = [Card.from_secret(conference, s) for s in pool.secrets]
    assert (
        desk.post(f"{base}/cards/batches", json={"keys": list(pool.public_keys)}).status_code == 201
    )
    for attendee in site.attendee_ids(organiser, conference)[:17]:
        organiser.post(f"{base}/attendees/{attendee}/check-in")
    for _ in range(17):
        assert desk.post(f"{base}/cards/dealt", json={}).status_code == 200
    assert desk.post(f"{base}/cards/dealt", json={"replacement": True}).json["replaced"] == 1
    assert code(desk.post(f"{base}/cards/undo", json={"reason": " "})) == "reason_required"
    # The desk that undoes a check-in records the card it had shown, in the same flow.
    assert desk.post(f"{base}/cards/undo", json={"reason": "Đổi người"}).json["undone"] == 1
    # 18 left the desk; the desk claims only one card undealt: 19 ≠ 18, refused
    r = desk.put(f"{base}/cards/undealt", json={"keys": [cards[19].public_hex]})
    assert r.status_code == 200
    r = organiser.post(f"{base}/phase", json={"to": "voting"})
    assert r.status_code == 409 and code(r) == "cards_mismatch"
    assert "19" in r.json["error"]["message"] and "18" in r.json["error"]["message"]
    assert organiser.get(f"{base}").json["phase"] == "checkin"
    r = desk.put(f"{base}/cards/undealt", json={"keys": ["0" * 64]})
    assert code(r) == "card_unknown"
    undealt = sorted(c.public_hex for c in cards[18:])
    assert desk.put(f"{base}/cards/undealt", json={"keys": undealt}).status_code == 200
    r = organiser.post(f"{base}/phase", json={"to": "voting"})
    assert r.status_code == 200, r.json
    state = site.api().get(f"{base}/state").json
    assert state["cards"]["voided"] == 2 and state["fingerprint"]
    assert state["cards"]["card_list_hash"] == card_list_hash(pool.public_keys)
    assert sorted(site.api().get(f"{base}/cards/keys").json["voided"]) == undealt
    kinds = [e["kind"] for e in organiser.get(f"{base}/events").json["events"]]
    assert kinds.count("card.replacement") == 1 and kinds.count("card.undone") == 1
    # after the opening the desk can no longer deal or upload
    assert code(desk.post(f"{base}/cards/dealt", json={})) == "wrong_phase"
    assert code(desk.post(f"{base}/cards/batches", json={"keys": [cards[0].public_hex]})) == (
        "wrong_phase"
    )


def test_two_desks_each_return_their_own_undealt_cards(
    site: Any, organiser: Any, phones: Any
) -> None:
    """Does a second desk's list of undealt cards leave the first desk's in place (each upload
    replaces only the undealt keys of its own batch), so the opening voids both?"""
    conference = site.ready(organiser)
    base = f"/api/conferences/{conference}"
    desks = [site.device(site.issue_device(organiser, conference)["token"]) for _ in range(2)]
    phones(site, organiser, conference).ceremony()
    pools = [make_pool(conference, 10), make_pool(conference, 10)]
    for desk, pool in zip(desks, pools, strict=True):
        r = desk.post(f"{base}/cards/batches", json={"keys": list(pool.public_keys)})
        assert r.status_code == 201
    for attendee in site.attendee_ids(organiser, conference)[:17]:
        organiser.post(f"{base}/attendees/{attendee}/check-in")
    dealt = {0: 9, 1: 8}  # 17 cards out: nine from the first desk, eight from the second
    undealt = []
    for index, desk in enumerate(desks):
        for _ in range(dealt[index]):
            assert desk.post(f"{base}/cards/dealt", json={}).status_code == 200
        keys = sorted(pools[index].public_keys)[dealt[index] :]
        undealt += keys
        assert desk.put(f"{base}/cards/undealt", json={"keys": keys}).status_code == 200
    # the first desk sends its list again: still only its own keys are replaced
    first = sorted(pools[0].public_keys)[dealt[0] :]
    assert desks[0].put(f"{base}/cards/undealt", json={"keys": first}).status_code == 200
    assert site.api().get(f"{base}/state").json["cards"]["undealt"] == 3
    r = organiser.post(f"{base}/phase", json={"to": "voting"})
    assert r.status_code == 200, r.json
    assert sorted(site.api().get(f"{base}/cards/keys").json["voided"]) == sorted(undealt)
