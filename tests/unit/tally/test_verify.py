"""The offline verifier accepts the records the system makes and names each kind of change."""

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from voting import canonical
from voting.crypto.dkg import Ceremony, Member, MemberSecrets
from voting.crypto.installation import InstallationKey, load_or_create
from voting.tally.chain import entry_hash
from voting.tally.record import signed_message
from voting.tally.simulation import simulate
from voting.tally.verify import RecordError, verify_record

Document = dict[str, Any]


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> InstallationKey:
    return load_or_create(tmp_path_factory.mktemp("instance"))


@pytest.fixture(scope="module")
def made(key: InstallationKey) -> tuple[bytes, Any]:
    result = simulate(voters=6, candidates=6, sections=2, quota=2, installation=key)
    return result.record, result.expected


def resign(document: Document, key: InstallationKey) -> bytes:
    """The changed document, signed again: only the deeper checks can catch the change."""
    document = {k: v for k, v in document.items() if k != "signature"}
    return canonical.dumps({**document, "signature": key.sign(signed_message(document))})


def test_a_made_record_verifies_with_its_counts(made: tuple[bytes, Any], key: Any) -> None:
    record, expected = made
    summary = verify_record(record, key.public_hex)
    assert summary.counts == expected
    assert summary.ballots == 6 and summary.opened_by == (1, 2)


def test_every_single_byte_change_is_caught(made: tuple[bytes, Any]) -> None:
    record = made[0]
    for position in range(0, len(record), max(1, len(record) // 300)):
        changed = bytearray(record)
        changed[position] ^= 0x01
        with pytest.raises(RecordError):
            verify_record(bytes(changed))


def test_a_pinned_key_refuses_another_installation(made: tuple[bytes, Any], tmp_path: Path) -> None:
    other = load_or_create(tmp_path)
    document = canonical.loads(made[0])
    document["installation"] = {"public_key": other.public_hex}
    swapped = resign(document, other)
    verify_record(swapped)  # consistent on its own…
    with pytest.raises(RecordError, match="not the expected"):
        verify_record(swapped, canonical.loads(made[0])["installation"]["public_key"])


def test_a_non_canonical_file_is_refused(made: tuple[bytes, Any]) -> None:
    with pytest.raises(RecordError, match="canonical"):
        verify_record(made[0] + b"\n")


def first_mark(document: Document) -> Document:
    mark: Document = document["ballots"][0]["sections"][0]["marks"][0]
    return mark


def swap_ciphertexts(document: Document) -> None:
    marks = document["ballots"][0]["sections"][0]["marks"]
    marks[0]["ciphertext"], marks[1]["ciphertext"] = marks[1]["ciphertext"], marks[0]["ciphertext"]


def change_response(document: Document) -> None:
    proof = first_mark(document)["proof"]
    proof["responses"][0] = document["ballots"][1]["sections"][0]["marks"][0]["proof"]["responses"][
        0
    ]


def change_challenge(document: Document) -> None:
    proof = first_mark(document)["proof"]
    proof["challenges"][0], proof["challenges"][1] = proof["challenges"][1], proof["challenges"][0]


def change_signature(document: Document) -> None:
    ballot = document["ballots"][0]
    ballot["signature"] = document["ballots"][1]["signature"]


def raise_count(document: Document) -> None:
    section = next(iter(document["counts"]))
    candidate = next(iter(document["counts"][section]))
    document["counts"][section][candidate] += 1


def change_present(document: Document) -> None:
    document["frozen"]["present"] += 1
    document["frozen"]["convened"] += 1


def drop_ballot(document: Document) -> None:
    document["ballots"].pop()


def duplicate_ballot(document: Document) -> None:
    document["ballots"].insert(1, document["ballots"][0])


def reorder_ballots(document: Document) -> None:
    document["ballots"][0], document["ballots"][1] = document["ballots"][1], document["ballots"][0]


def void_a_used_card(document: Document) -> None:
    document["cards"]["voided"] = [document["ballots"][0]["card"]]


def change_partial(document: Document) -> None:
    shares = document["partials"][0]["shares"]
    shares[0]["share"], shares[1]["share"] = shares[1]["share"], shares[0]["share"]


def drop_partial(document: Document) -> None:
    document["partials"].pop()


def change_count_signature(document: Document) -> None:
    signatures = document["count_signatures"]
    signatures[0]["signature"] = signatures[1]["signature"]


def swap_member_key(document: Document) -> None:
    reveals = document["committee"]["reveals"]
    reveals[0]["signing_key"] = reveals[1]["signing_key"]


def change_rules(document: Document) -> None:
    document["rule_set"]["content"]["quorum"] = "1/2"


def change_ballot_definition(document: Document) -> None:
    document["ballot"]["sections"][0]["quota"] = 1


def change_aggregate(document: Document) -> None:
    section = next(iter(document["aggregate"]))
    first, second = list(document["aggregate"][section])[:2]
    sums = document["aggregate"][section]
    sums[first], sums[second] = sums[second], sums[first]


def flip_passed(document: Document) -> None:
    section = next(iter(document["evaluation"]))
    row = next(iter(document["evaluation"][section].values()))
    row["passed"] = not row["passed"]


def change_share(document: Document) -> None:
    section = next(iter(document["evaluation"]))
    row = next(iter(document["evaluation"][section].values()))
    row["share"] = f"{row['agree'] + 1}/{row['base_count']}"


def change_base(document: Document) -> None:
    for rows in document["evaluation"].values():
        for row in rows.values():
            row["base"] = "convened"


def invent_a_selection(document: Document) -> None:
    document["selection"] = {"chosen": {"s1": ["c1"]}}


def invent_a_decision(document: Document) -> None:
    document["decision"] = {
        "chosen": {"s1": ["c1"]},
        "decided_by": "user:head",
        "decided_at": "2026-01-01T00:00:00Z",
        "note": "",
    }


def rechain(document: Document) -> None:
    """Renumber and rehash every event: a chain that holds, so only its content can fail."""
    prev = "0" * 64
    for seq, entry in enumerate(document["events"], start=1):
        entry.update(seq=seq, prev=prev)
        entry["hash"] = prev = entry_hash(entry)


def drop_event(document: Document) -> None:
    del document["events"][3]


def drop_last_event(document: Document) -> None:
    document["events"].pop()


def reorder_events(document: Document) -> None:
    events = document["events"]
    events[2], events[3] = events[3], events[2]


def change_event(document: Document) -> None:
    document["events"][1]["actor"] = "user:someone-else"


def drop_a_share_event_and_rechain(document: Document) -> None:
    document["events"] = [e for e in document["events"] if e["kind"] != "box.partial"]
    rechain(document)


def change_closing_hash_and_rechain(document: Document) -> None:
    for entry in document["events"]:
        if entry["data"].get("to") == "closed":
            entry["data"]["ballot_list_hash"] = "00" * 32
    rechain(document)


def move_an_event_to_another_conference(document: Document) -> None:
    document["events"][0]["conference"] = "another"
    rechain(document)


def rename_a_candidate_id(document: Document) -> None:
    document["positions"][0]["candidates"][0]["id"] = "x1"


def change_step_title(document: Document) -> None:
    document["conference"]["step_title"] = "Bước 5"


def negative_replacements(document: Document) -> None:
    document["cards"]["replaced"] = -1


def test_a_final_step_record_holds_its_selection(key: InstallationKey) -> None:
    document = canonical.loads(simulate(5, 3, 1, 2, key, step=5).record)
    selection = document["selection"]
    assert set(selection) == {"chosen", "ties", "over_cap", "open_places", "contested", "complete"}
    passed = [c for c, row in document["evaluation"]["s1"].items() if row["passed"]]
    assert all(row["base"] == "convened" for row in document["evaluation"]["s1"].values())
    assert set(selection["chosen"]["s1"]) <= set(passed)
    verify_record(canonical.dumps(document))
    selection["open_places"] = {"s1": 9}
    with pytest.raises(RecordError, match="selection"):
        verify_record(resign(document, key))


def test_the_record_carries_what_the_minutes_print(made: tuple[bytes, Any]) -> None:
    document = canonical.loads(made[0])
    assert document["conference"]["step_title"].startswith("Bước 3")
    assert document["selection"] == {} and document["decision"] == {}
    assert [p["id"] for p in document["positions"]] == ["s1", "s2"]
    assert document["cards"] | {"keys": [], "voided": []} == {
        "keys": [],
        "voided": [],
        "dealt": 6,
        "replaced": 0,
        "undone": 0,
    }
    kinds = [e["kind"] for e in document["events"]]
    assert kinds.count("checkin") == 6 and "box.opened" in kinds
    row = document["evaluation"]["s1"]["c1"]
    assert row["base"] == "present" and row["base_count"] == 6
    assert Fraction(row["share"]) == Fraction(row["agree"], 6)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (swap_ciphertexts, "ballot 0"),
        (change_response, "does not verify"),
        (change_challenge, "does not verify"),
        (change_signature, "signature"),
        (raise_count, "counts"),
        (change_present, "fingerprint"),
        (drop_ballot, "ballot_list_hash"),
        (duplicate_ballot, "already cast"),
        (reorder_ballots, "hash order"),
        (void_a_used_card, "voided"),
        (change_partial, "partials"),
        (drop_partial, "must open the box"),
        (change_count_signature, "count_signatures"),
        (swap_member_key, "committee"),
        (change_rules, "rule_set"),
        (change_ballot_definition, "fingerprint"),
        (change_aggregate, "aggregate"),
        (flip_passed, "evaluation"),
        (change_share, "evaluation"),
        (change_base, "evaluation"),
        (invent_a_selection, "selection"),
        (invent_a_decision, "decision"),
        (drop_event, "chain breaks at event 4"),
        (drop_last_event, "no box.counts_signed event of member"),
        (reorder_events, "chain breaks at event 3"),
        (change_event, "chain breaks at event 2"),
        (drop_a_share_event_and_rechain, "no box.partial event"),
        (change_closing_hash_and_rechain, "closing event"),
        (move_an_event_to_another_conference, "another conference"),
        (rename_a_candidate_id, "positions"),
        (change_step_title, "step_title"),
        (negative_replacements, "cards"),
    ],
)
def test_each_kind_of_change_is_named(
    made: tuple[bytes, Any],
    key: InstallationKey,
    change: Callable[[Document], None],
    where: str,
) -> None:
    document = canonical.loads(made[0])
    change(document)
    with pytest.raises(RecordError, match=where):
        verify_record(resign(document, key), key.public_hex)


def test_a_ballot_of_another_conference_is_refused(key: InstallationKey) -> None:
    one = canonical.loads(simulate(3, 2, 1, 1, key).record)
    other = canonical.loads(simulate(3, 2, 1, 1, key).record)
    one["ballots"][0] = other["ballots"][0]
    one["ballots"].sort(key=canonical.sha256_hex)
    with pytest.raises(RecordError, match="for conference"):
        verify_record(resign(one, key))


def test_a_record_whose_seats_share_a_signing_key_is_refused(
    made: tuple[bytes, Any], key: InstallationKey
) -> None:
    """Issue 16, item 5: does `voting verify` refuse a record (signed by the installation)
    whose committee gives two seats one signing key, each proof of possession valid?"""
    document = canonical.loads(made[0])
    ceremony = Ceremony(document["conference"]["id"], 2, 3)
    first = MemberSecrets.random(2)
    twin = replace(MemberSecrets.random(2), signing_seed=first.signing_seed)
    members = [Member(ceremony, 1, first), Member(ceremony, 2, twin), Member(ceremony, 3)]
    document["committee"]["reveals"] = [m.commitment.to_json() for m in members]
    with pytest.raises(RecordError, match="committee: members 1 and 2 share one signing key"):
        verify_record(resign(document, key), key.public_hex)
