"""The shared test vectors (tests/vectors/*.json, made by scripts/make-vectors): Python
reproduces every output from the inputs, byte for byte, as the JavaScript side must."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from voting import canonical
from voting.crypto import proofs
from voting.crypto.ballot import (
    Ballot,
    BallotContext,
    BallotDefinition,
    BallotError,
    aggregate,
    ballot_hash,
    ballot_list_hash,
    build_ballot,
    conference_fingerprint,
    signed_message,
    verify_ballot,
)
from voting.crypto.cards import (
    ALPHABET,
    Card,
    CardError,
    card_list_hash,
    card_url,
    code,
    display_code,
    parse_code,
    signing_seed,
)
from voting.crypto.elgamal import Ciphertext, encrypt
from voting.crypto.group import GroupError, Point, Scalar, hash_to_scalar
from voting.crypto.proofs import ProofContext, RangeProof

VECTORS = Path(__file__).resolve().parents[2] / "vectors"


def load(name: str) -> Any:
    return json.loads((VECTORS / f"{name}.json").read_text("utf-8"))


def draws(hexes: list[str]) -> Callable[[], Scalar]:
    """An rng that gives exactly the recorded scalars, in order, and then fails."""
    return iter([Scalar.from_hex(h) for h in hexes]).__next__


GROUP, CARDS, PROOFS, BALLOT = load("group"), load("cards"), load("proofs"), load("ballot")


def test_hash_to_scalar() -> None:
    for case in GROUP["hash_to_scalar"]:
        parts = [bytes.fromhex(p) for p in case["parts"]]
        assert hash_to_scalar(case["tag"], *parts).hex() == case["scalar"]


def test_small_multiples_of_the_base_point() -> None:
    for case in GROUP["small_multiples"]:
        assert Scalar.of(case["j"]).hex() == case["scalar"]
        assert Point.base(Scalar.of(case["j"])).hex() == case["point"]


def test_invalid_encodings_are_refused() -> None:
    for case in GROUP["invalid_points"]:
        with pytest.raises(GroupError):
            Point.from_hex(case["hex"])
    for case in GROUP["invalid_scalars"]:
        with pytest.raises(GroupError):
            Scalar.from_hex(case["hex"])


def test_cards() -> None:
    assert CARDS["alphabet"] == ALPHABET
    conference = CARDS["conference"]
    for case in CARDS["cards"]:
        secret = bytes.fromhex(case["secret"])
        assert code(secret) == case["code"]
        assert display_code(secret) == case["display"]
        assert card_url("http://192.168.1.10:8000/vote", secret) == case["url"]
        assert signing_seed(conference, secret).hex() == case["seed"]
        assert Card.from_secret(conference, secret).public_hex == case["public_key"]
        assert parse_code(case["display"]) == secret
    for case in CARDS["accepted"]:
        assert parse_code(case["input"]).hex() == case["secret"]
    for case in CARDS["refused"]:
        with pytest.raises(CardError):
            parse_code(case["input"])
    keys = CARDS["card_list"]["public_keys"]
    assert keys == sorted(case["public_key"] for case in CARDS["cards"])
    assert card_list_hash(keys) == CARDS["card_list"]["hash"]


@pytest.mark.parametrize("case", PROOFS["cases"], ids=[c["label"] for c in PROOFS["cases"]])
def test_range_proofs(case: dict[str, Any]) -> None:
    assert PROOFS["tag"] == proofs.TAG
    given = case["inputs"]
    key = Point.from_hex(given["joint_key"])
    context = ProofContext(bytes.fromhex(given["fingerprint"]), bytes.fromhex(given["card"]))
    r = Scalar.from_hex(given["randomness"])
    ciphertext = encrypt(given["value"], key, r)
    assert ciphertext.to_dict() == case["ciphertext"]
    proof = proofs.prove(
        ciphertext, given["value"], r, given["maximum"], key, context, draws(given["nonces"])
    )
    assert proof.to_dict() == case["proof"]
    _check_intermediates(ciphertext, given["maximum"], key, context, proof, case)
    assert proofs.verify(ciphertext, given["maximum"], key, context, proof)


def _check_intermediates(
    ciphertext: Ciphertext,
    maximum: int,
    key: Point,
    context: ProofContext,
    proof: RangeProof,
    expected: dict[str, Any],
) -> None:
    commitments = proofs.commitments(ciphertext, key, proof)
    assert [{"A": a.hex(), "B": b.hex()} for a, b in commitments] == expected["commitments"]
    challenge = proofs.challenge(ciphertext, maximum, key, context, commitments)
    assert challenge.hex() == expected["challenge"]


def _context() -> BallotContext:
    given = BALLOT["inputs"]
    definition = BallotDefinition.from_dict(given["definition"])
    key = Point.from_hex(given["joint_key"])
    assert Point.base(Scalar.from_hex(given["joint_secret"])) == key
    parameters = {
        name: given[name]
        for name in ("rule_set", "rule_set_hash", "procedure", "step", "convened", "present")
    }
    fingerprint = conference_fingerprint(
        given["conference"],
        definition=definition,
        card_keys=given["card_keys"],
        joint_key=key,
        **parameters,
    )
    assert canonical.loads(BALLOT["fingerprint_json"].encode())["cards"] == given["card_keys"]
    assert canonical.sha256_hex(json.loads(BALLOT["fingerprint_json"])) == fingerprint
    assert fingerprint == BALLOT["fingerprint"]
    return BallotContext(given["conference"], fingerprint, definition, key)


def test_ballots_are_reproduced_byte_for_byte() -> None:
    context = _context()
    given = BALLOT["inputs"]
    ballots = []
    for case in BALLOT["ballots"]:
        card = Card.from_secret(given["conference"], bytes.fromhex(case["card_secret"]))
        rng = draws(case["randomness"])
        ballot = build_ballot(context, card, case["choices"], rng)
        with pytest.raises(StopIteration):
            rng()
        assert ballot.to_dict() == case["ballot"]
        assert signed_message(ballot).hex() == case["signed_message"]
        assert ballot_hash(ballot) == case["ballot_hash"]
        assert Ballot.from_dict(case["ballot"]) == ballot
        verify_ballot(context, ballot, set(given["card_keys"]))
        binding = context.proof_context(card.public_key)
        for section, vote, expected in zip(
            context.definition.sections, ballot.sections, case["sections"], strict=True
        ):
            for mark, mark_expected in zip(vote.marks, expected["marks"], strict=True):
                r = Scalar.from_hex(mark_expected["randomness"])
                assert encrypt(mark_expected["value"], context.joint_key, r) == mark.ciphertext
                _check_intermediates(
                    mark.ciphertext, 1, context.joint_key, binding, mark.proof, mark_expected
                )
            total = expected["sum"]
            assert vote.total().to_dict() == total["ciphertext"]
            r = Scalar.from_hex(total["randomness"])
            assert encrypt(total["value"], context.joint_key, r) == vote.total()
            _check_intermediates(
                vote.total(), section.quota, context.joint_key, binding, vote.sum_proof, total
            )
        ballots.append(ballot)
    hashes = [ballot_hash(ballot) for ballot in ballots]
    assert BALLOT["ballot_list"] == {"hashes": sorted(hashes), "hash": ballot_list_hash(hashes)}
    sums = aggregate(context.definition, ballots)
    assert {s: {c: ct.to_dict() for c, ct in row.items()} for s, row in sums.items()} == BALLOT[
        "aggregate"
    ]
    y = Scalar.from_hex(given["joint_secret"])
    for section, row in sums.items():
        for candidate, ciphertext in row.items():
            count = BALLOT["counts"][section][candidate]
            assert ciphertext.b - ciphertext.a * y == Point.base(Scalar.of(count))


@pytest.mark.parametrize("case", BALLOT["refused"], ids=[c["why"] for c in BALLOT["refused"]])
def test_refused_ballots(case: dict[str, Any]) -> None:
    context = _context()
    with pytest.raises(BallotError, match=case["error"]):
        verify_ballot(context, Ballot.from_dict(case["ballot"]), set(BALLOT["inputs"]["card_keys"]))
