"""The offline verifier accepts the records the system makes and names each kind of change."""

from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.unit.tally.tampers import TAMPERS, Change, event, rechain, resign
from voting import canonical
from voting.crypto.ballot import BallotDefinition, Section
from voting.crypto.dkg import Ceremony, Member, MemberSecrets
from voting.crypto.installation import InstallationKey, load_or_create
from voting.rules import KH331
from voting.tally.evaluation import selection
from voting.tally.simulation import simulate
from voting.tally.verify import RecordError, verify_record

VECTORS = Path(__file__).parents[2] / "vectors" / "records"


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> InstallationKey:
    return load_or_create(tmp_path_factory.mktemp("instance"))


@pytest.fixture(scope="module")
def made(key: InstallationKey) -> tuple[bytes, Any]:
    result = simulate(voters=6, candidates=6, sections=2, quota=2, installation=key)
    return result.record, result.expected


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
    ("change", "check", "where"), TAMPERS, ids=[change.__name__ for change, _, _ in TAMPERS]
)
def test_each_kind_of_change_is_named(
    made: tuple[bytes, Any],
    key: InstallationKey,
    change: Change,
    check: int,
    where: str,
) -> None:
    document = canonical.loads(made[0])
    change(document)
    with pytest.raises(RecordError, match=where) as caught:
        verify_record(resign(document, key), key.public_hex)
    assert caught.value.check == check


def test_a_ballot_of_another_conference_is_refused(key: InstallationKey) -> None:
    one = canonical.loads(simulate(3, 2, 1, 1, key).record)
    other = canonical.loads(simulate(3, 2, 1, 1, key).record)
    one["ballots"][0] = other["ballots"][0]
    one["ballots"].sort(key=canonical.sha256_hex)
    with pytest.raises(RecordError, match="for conference"):
        verify_record(resign(one, key))


def test_a_conference_below_its_quorum_is_refused(key: InstallationKey) -> None:
    """Two present of six convened: the fingerprint, the ballots and the log all agree, but the
    conference should never have opened (check 5)."""
    record = simulate(2, 2, 1, 1, key, absent=4).record
    with pytest.raises(RecordError, match="quorum") as caught:
        verify_record(record, key.public_hex)
    assert caught.value.check == 5
    assert verify_record(simulate(4, 2, 1, 1, key, absent=2).record).convened == 6


def test_a_removal_ballot_marks_every_candidate(key: InstallationKey) -> None:
    """A removal ballot's section lets each candidate be marked: its quota is its candidates."""
    made = simulate(3, 3, 1, 1, key, procedure="annual_review", step=1).record
    assert canonical.loads(made)["ballot"]["sections"][0]["quota"] == 3
    assert verify_record(made).ballots == 3
    short = BallotDefinition((Section("s1", ("c1", "c2"), 1),))
    record = simulate(3, 2, 1, 1, key, procedure="annual_review", step=1, definition=short).record
    with pytest.raises(RecordError, match="removal ballot") as caught:
        verify_record(record)
    assert caught.value.check == 4


@pytest.mark.parametrize("name", ["v1-step3.json", "v1-step5.json"])
def test_a_record_of_format_v1_verifies_under_its_own_rules(name: str) -> None:
    """Records written before format v2 (made by `voting demo-record` then: their opening event
    names no card counters) still verify."""
    record = (VECTORS / name).read_bytes()
    document = canonical.loads(record)
    assert document["format"] == "voting-record/v1"
    assert "card_list_hash" not in event(document, "phase.changed", "voting")
    assert verify_record(record, document["installation"]["public_key"]).ballots > 0


def test_each_version_is_checked_by_its_own_rules(made: tuple[bytes, Any], key: Any) -> None:
    """An opening event without the card counters is a v1 record's; in v2 or v3 it fails check
    16. Relabelled v1, the record's v3 count signatures fail v1's message (check 12)."""
    document = canonical.loads(made[0])
    del event(document, "phase.changed", "voting")["card_list_hash"]
    rechain(document)
    with pytest.raises(RecordError, match="card_list_hash") as caught:
        verify_record(resign(document, key))
    assert caught.value.check == 16
    document["format"] = "voting-record/v1"
    with pytest.raises(RecordError, match="signature of the counts") as caught:
        verify_record(resign(document, key))
    assert caught.value.check == 12
    document["format"] = "voting-record/v4"
    with pytest.raises(RecordError, match="unknown record format") as caught:
        verify_record(resign(document, key))
    assert caught.value.check == 1


def test_every_over_cap_position_is_kept() -> None:
    """One candidate id in four positions, over the 3-positions cap in each: format v2 keeps
    the four positions; v1 kept the last one only."""
    definition = BallotDefinition(tuple(Section(f"s{n}", ("c1", "c2"), 1) for n in range(1, 5)))
    counts = {f"s{n}": {"c1": 5, "c2": 4} for n in range(1, 5)}
    cadres = {f"s{n}": {"c1": "c1", "c2": "c2"} for n in range(1, 5)}
    step = KH331.final_step("next_term")
    kept = selection(step, definition, counts, 5, 5, None, cadres, {})
    assert kept["over_cap"] == {"c1": ["s1", "s2", "s3", "s4"]}
    assert kept["contested"] == ["s1", "s2", "s3", "s4"]
    old = selection(step, definition, counts, 5, 5, None, cadres, {}, version=1)
    assert old["over_cap"] == {"c1": ["s4"]}


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
