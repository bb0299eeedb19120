"""Ballots: definitions, the conference fingerprint, building, verification (every kind of
tampering is named), hashes and the aggregate."""

import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from voting import canonical
from voting.crypto import proofs
from voting.crypto.ballot import (
    Ballot,
    BallotContext,
    BallotDefinition,
    BallotError,
    Mark,
    SectionVote,
    aggregate,
    ballot_hash,
    ballot_list_hash,
    build_ballot,
    conference_fingerprint,
    signed_message,
    verify_ballot,
)
from voting.crypto.cards import Card, make_pool
from voting.crypto.elgamal import Ciphertext, add_all, encrypt
from voting.crypto.group import Point, Scalar

CONFERENCE = "2026-next-term-step-3"
DEFINITION = BallotDefinition.from_dict(
    {
        "sections": [
            {"id": "p1", "candidates": ["a", "b", "c"], "quota": 2},
            {"id": "p2", "candidates": ["d", "e"], "quota": 1},
        ]
    }
)
SECRET = Scalar.random()
KEY = Point.base(SECRET)
POOL = make_pool(CONFERENCE, 3)
CARD, OTHER_CARD, _ = (Card.from_secret(CONFERENCE, secret) for secret in POOL.secrets)
KEYS = frozenset(POOL.public_keys)
PARAMETERS: dict[str, Any] = {
    "rule_set": "KH 331",
    "rule_set_hash": "ab" * 32,
    "procedure": "next_term",
    "step": 3,
    "definition": DEFINITION,
    "card_keys": POOL.public_keys,
    "joint_key": KEY,
    "convened": 40,
    "present": 36,
}
FINGERPRINT = conference_fingerprint(CONFERENCE, **PARAMETERS)
CONTEXT = BallotContext(CONFERENCE, FINGERPRINT, DEFINITION, KEY)
CHOICES = {"p1": ["a", "c"], "p2": ["e"]}


def resigned(ballot: Ballot, signer: Card = CARD, **changes: Any) -> Ballot:
    """The ballot with `changes`, signed again: what a card holder could send."""
    unsigned = replace(ballot, **changes)
    return replace(unsigned, signature=signer.sign(signed_message(unsigned)))


def with_mark(ballot: Ballot, section: int, index: int, **changes: Any) -> Ballot:
    """The ballot, re-signed, with one mark changed."""
    votes = list(ballot.sections)
    marks = list(votes[section].marks)
    marks[index] = replace(marks[index], **changes)
    votes[section] = replace(votes[section], marks=tuple(marks))
    return resigned(ballot, sections=tuple(votes))


def refused(ballot: Ballot, message: str, context: BallotContext = CONTEXT) -> None:
    with pytest.raises(BallotError, match=message):
        verify_ballot(context, ballot, KEYS)


def decrypt(ciphertext: Ciphertext, maximum: int) -> int:
    target = ciphertext.b - ciphertext.a * SECRET
    return next(m for m in range(maximum + 1) if Point.base(Scalar.of(m)) == target)


BALLOT = build_ballot(CONTEXT, CARD, CHOICES)


# The definition


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"sections": []}, "non-empty list of sections"),
        ({"sections": [{"id": "p", "candidates": ["a"]}]}, "exactly"),
        ({"sections": [{"id": "", "candidates": ["a"], "quota": 1}]}, "non-empty string"),
        ({"sections": [{"id": "p", "candidates": [], "quota": 1}]}, "non-empty list"),
        ({"sections": [{"id": "p", "candidates": ["a", "a"], "quota": 1}]}, "'a' appears twice"),
        ({"sections": [{"id": "p", "candidates": ["a", 3], "quota": 1}]}, "non-empty strings"),
        ({"sections": [{"id": "p", "candidates": ["a"], "quota": 0}]}, "at least 1"),
        ({"sections": [{"id": "p", "candidates": ["a"], "quota": True}]}, "at least 1"),
        ({"sections": [{"id": "p", "candidates": ["a"], "quota": 1}] * 2}, "'p' appears twice"),
        ([], "exactly sections"),
    ],
)
def test_malformed_definitions_are_refused(data: Any, message: str) -> None:
    with pytest.raises(BallotError, match=message):
        BallotDefinition.from_dict(data)


def test_definition_round_trips() -> None:
    assert BallotDefinition.from_dict(DEFINITION.to_dict()) == DEFINITION


# The fingerprint


def test_fingerprint_is_the_sha256_of_the_canonical_parameters() -> None:
    expected = {
        "tag": "voting/conference-fingerprint/v1",
        "conference": CONFERENCE,
        "rule_set": "KH 331",
        "rule_set_hash": "ab" * 32,
        "procedure": "next_term",
        "step": 3,
        "ballot": DEFINITION.to_dict(),
        "cards": sorted(POOL.public_keys),
        "joint_key": KEY.hex(),
        "convened": 40,
        "present": 36,
    }
    assert hashlib.sha256(canonical.dumps(expected)).hexdigest() == FINGERPRINT


@pytest.mark.parametrize(
    "change",
    [
        {"rule_set": "KH 332"},
        {"rule_set_hash": "cd" * 32},
        {"procedure": "annual_review"},
        {"step": 4},
        {
            "definition": BallotDefinition.from_dict(
                {"sections": [DEFINITION.sections[0].to_dict()]}
            )
        },
        {"card_keys": POOL.public_keys[:2]},
        {"joint_key": Point.base(Scalar.random())},
        {"convened": 41},
        {"present": 35},
    ],
)
def test_every_parameter_changes_the_fingerprint(change: dict[str, Any]) -> None:
    assert conference_fingerprint(CONFERENCE, **{**PARAMETERS, **change}) != FINGERPRINT
    assert conference_fingerprint("another", **PARAMETERS) != FINGERPRINT


def test_fingerprint_ignores_the_order_cards_were_listed_in() -> None:
    shuffled = {**PARAMETERS, "card_keys": reversed(POOL.public_keys)}
    assert conference_fingerprint(CONFERENCE, **shuffled) == FINGERPRINT


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"card_keys": [*POOL.public_keys, POOL.public_keys[0]]}, "appears twice"),
        ({"card_keys": [POOL.public_keys[0].upper()]}, "lowercase hex"),
        ({"joint_key": Point.identity()}, "identity"),
    ],
)
def test_fingerprint_refuses_bad_parameters(change: dict[str, Any], message: str) -> None:
    with pytest.raises(BallotError, match=message):
        conference_fingerprint(CONFERENCE, **{**PARAMETERS, **change})


def test_a_context_needs_a_fingerprint_and_a_real_joint_key() -> None:
    with pytest.raises(BallotError, match="fingerprint"):
        BallotContext(CONFERENCE, FINGERPRINT.upper(), DEFINITION, KEY)
    with pytest.raises(BallotError, match="identity"):
        BallotContext(CONFERENCE, FINGERPRINT, DEFINITION, Point.identity())


# Building


@pytest.mark.parametrize("choices", [{}, {"p1": []}, CHOICES, {"p1": {"a", "b"}, "p2": ["d"]}])
def test_honest_ballots_verify_and_decrypt_to_their_choices(choices: dict[str, Any]) -> None:
    ballot = build_ballot(CONTEXT, CARD, choices)
    verify_ballot(CONTEXT, ballot, KEYS)
    for section, vote in zip(DEFINITION.sections, ballot.sections, strict=True):
        counts = [decrypt(mark.ciphertext, 1) for mark in vote.marks]
        assert counts == [int(c in choices.get(section.id, ())) for c in section.candidates]


def test_a_ballot_survives_its_json_form() -> None:
    data = canonical.loads(canonical.dumps(BALLOT.to_dict()))
    assert Ballot.from_dict(data) == BALLOT
    assert BALLOT.to_dict()["card"] == CARD.public_hex


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({"p1": ["a", "b", "c"]}, "3 candidates are marked, but at most 2"),
        ({"p2": ["d", "e"]}, "at most 1"),
        ({"p3": ["a"]}, "no section 'p3'"),
        ({"p2": ["a"]}, "section 'p2' has no candidate 'a'"),
        ({"p1": ["a", "a"]}, "'a' is marked twice"),
    ],
)
def test_bad_choices_are_refused_before_anything_is_built(
    choices: dict[str, list[str]], message: str
) -> None:
    with pytest.raises(BallotError, match=message):
        build_ballot(CONTEXT, CARD, choices)


def test_a_card_of_another_conference_cannot_build() -> None:
    foreign = Card.from_secret("another-conference", POOL.secrets[0])
    with pytest.raises(BallotError, match="belongs to conference 'another-conference'"):
        build_ballot(CONTEXT, foreign, CHOICES)


def test_encryption_randomness_is_fresh_for_every_ballot() -> None:
    again = build_ballot(CONTEXT, CARD, CHOICES)
    assert again.sections[0].marks[0].ciphertext != BALLOT.sections[0].marks[0].ciphertext


# Verification: the binding to the conference and the card


def test_a_ballot_of_another_conference_is_refused() -> None:
    refused(
        BALLOT,
        "is for conference '2026-next-term-step-3', not 'other'",
        replace(CONTEXT, conference_id="other"),
    )


def test_a_ballot_made_for_other_parameters_is_refused() -> None:
    other = conference_fingerprint(CONFERENCE, **{**PARAMETERS, "present": 35})
    refused(BALLOT, "fingerprint", replace(CONTEXT, fingerprint=other))


def test_proofs_made_for_another_fingerprint_fail_even_when_relabelled() -> None:
    other = conference_fingerprint(CONFERENCE, **{**PARAMETERS, "present": 35})
    early = build_ballot(replace(CONTEXT, fingerprint=other), CARD, CHOICES)
    refused(resigned(early, fingerprint=FINGERPRINT), "section 'p1', candidate 'a'")


def test_a_card_not_on_the_list_is_refused() -> None:
    stranger = Card.from_secret(CONFERENCE, bytes(16))
    refused(build_ballot(CONTEXT, stranger, CHOICES), "is not on this conference's card list")


def test_a_changed_signature_is_refused() -> None:
    signature = bytes([BALLOT.signature[0] ^ 1]) + BALLOT.signature[1:]
    refused(replace(BALLOT, signature=signature), "signature")


def test_another_cards_key_on_the_ballot_is_refused() -> None:
    refused(replace(BALLOT, card=OTHER_CARD.public_key), "signature")


def test_proofs_made_for_another_card_fail_even_when_that_card_signs() -> None:
    stolen = resigned(BALLOT, OTHER_CARD, card=OTHER_CARD.public_key)
    refused(stolen, "section 'p1', candidate 'a'")


# Verification: the ciphertexts and proofs


def test_any_change_to_a_ciphertext_breaks_the_signature() -> None:
    mark = BALLOT.sections[1].marks[0]
    changed = Ciphertext(mark.ciphertext.a, mark.ciphertext.b + Point.base(Scalar.of(1)))
    votes = (
        BALLOT.sections[0],
        replace(
            BALLOT.sections[1],
            marks=(replace(mark, ciphertext=changed), BALLOT.sections[1].marks[1]),
        ),
    )
    refused(replace(BALLOT, sections=votes), "signature")


def test_a_changed_ciphertext_fails_its_proof_even_when_resigned() -> None:
    mark = BALLOT.sections[1].marks[1]
    changed = Ciphertext(mark.ciphertext.a, mark.ciphertext.b + Point.base(Scalar.of(1)))
    refused(with_mark(BALLOT, 1, 1, ciphertext=changed), "section 'p2', candidate 'e': .* 0 or 1")


def test_a_changed_response_or_challenge_is_refused() -> None:
    proof = BALLOT.sections[0].marks[2].proof
    one = Scalar.of(1)
    bad_response = replace(proof, responses=(proof.responses[0] + one, proof.responses[1]))
    refused(with_mark(BALLOT, 0, 2, proof=bad_response), "section 'p1', candidate 'c'")
    bad_challenge = replace(proof, challenges=(proof.challenges[0], proof.challenges[1] + one))
    refused(with_mark(BALLOT, 0, 2, proof=bad_challenge), "section 'p1', candidate 'c'")


def test_a_changed_sum_proof_is_refused() -> None:
    vote = BALLOT.sections[0]
    proof = vote.sum_proof
    bad = replace(proof, responses=(*proof.responses[:-1], proof.responses[-1] + Scalar.of(1)))
    votes = (replace(vote, sum_proof=bad), BALLOT.sections[1])
    refused(resigned(BALLOT, sections=votes), "section 'p1': the proof that at most 2")


def test_a_slot_encrypting_two_is_refused() -> None:
    binding = CONTEXT.proof_context(CARD.public_key)
    r = Scalar.random()
    two = encrypt(2, KEY, r)
    lie = proofs.prove(two, 1, r, 1, KEY, binding)
    refused(with_mark(BALLOT, 1, 0, ciphertext=two, proof=lie), "section 'p2', candidate 'd'")


def test_a_section_over_its_quota_built_by_hand_is_refused() -> None:
    """Both candidates of p2 (quota 1) marked: each mark proves 0 or 1, the sum cannot."""
    binding = CONTEXT.proof_context(CARD.public_key)
    marks, randomness = [], []
    for candidate in ("d", "e"):
        r = Scalar.random()
        ciphertext = encrypt(1, KEY, r)
        marks.append(Mark(candidate, ciphertext, proofs.prove(ciphertext, 1, r, 1, KEY, binding)))
        randomness.append(r)
    total = add_all(mark.ciphertext for mark in marks)
    lie = proofs.prove(total, 1, randomness[0] + randomness[1], 1, KEY, binding)
    votes = (BALLOT.sections[0], SectionVote("p2", tuple(marks), lie))
    refused(resigned(BALLOT, sections=votes), "section 'p2': the proof that at most 1")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda v: v[:1], "has 1 sections; this conference's ballot has 2"),
        (lambda v: v[::-1], "section 1 is 'p2', expected 'p1'"),
        (lambda v: (replace(v[0], marks=v[0].marks[::-1]), v[1]), "lists candidates c, b, a"),
        (lambda v: (replace(v[0], marks=v[0].marks[:2]), v[1]), "lists candidates a, b,"),
    ],
)
def test_a_ballot_of_another_layout_is_refused(
    change: Callable[[tuple[SectionVote, ...]], tuple[SectionVote, ...]], message: str
) -> None:
    refused(resigned(BALLOT, sections=change(BALLOT.sections)), message)


# Parsing ballots from outside


def _set(path: list[Any], value: Any) -> dict[str, Any]:
    data = BALLOT.to_dict()
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


MARK = ["sections", 0, "marks", 1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_set([*MARK, "ciphertext", "a"], "00" * 32), r"marks\[1\].ciphertext: the identity"),
        (_set([*MARK, "ciphertext", "b"], "ff" * 32), r"marks\[1\].ciphertext: not a valid"),
        (_set([*MARK, "ciphertext", "b"], BALLOT.to_dict()["card"].upper()), "lowercase"),
        (_set([*MARK, "proof", "responses", 0], "ff" * 32), "not a canonical"),
        (_set([*MARK, "proof", "challenges"], "00"), r"marks\[1\].proof"),
        (_set([*MARK, "candidate"], 7), "candidate: expected a string"),
        (_set(["sections", 1, "sum_proof", "responses", 1], "ee" * 32), r"sections\[1\].sum_proof"),
        (_set(["sections", 1, "id"], None), r"sections\[1\].id"),
        (_set(["signature"], "00" * 63), "ballot.signature"),
        (_set(["card"], "00" * 33), "ballot.card"),
        (_set(["fingerprint"], "x" * 64), "ballot.fingerprint"),
        (_set(["conference"], 12), "ballot.conference"),
        (_set(["sections"], {}), "ballot.sections: expected a list"),
        (_set(["extra"], 1), "exactly card, conference"),
    ],
)
def test_malformed_ballots_are_refused_with_where(data: dict[str, Any], message: str) -> None:
    with pytest.raises(BallotError, match=message):
        Ballot.from_dict(data)


# Hashes and the aggregate


def test_ballot_hash_covers_the_whole_canonical_ballot() -> None:
    assert ballot_hash(BALLOT) == hashlib.sha256(canonical.dumps(BALLOT.to_dict())).hexdigest()
    assert ballot_hash(resigned(BALLOT, OTHER_CARD)) != ballot_hash(BALLOT)


def test_ballot_list_hash_is_the_sha256_of_the_sorted_hashes() -> None:
    hashes = ["ff" * 32, "00" * 32, "aa" * 32]
    expected = hashlib.sha256(canonical.dumps(sorted(hashes))).hexdigest()
    assert ballot_list_hash(hashes) == ballot_list_hash(reversed(hashes)) == expected
    assert ballot_list_hash([]) == hashlib.sha256(b"[]").hexdigest()
    assert ballot_list_hash(hashes[:2]) != expected
    with pytest.raises(BallotError, match="a ballot hash"):
        ballot_list_hash(["AA" * 32])


def test_the_aggregate_decrypts_to_the_counts() -> None:
    choices = [CHOICES, {"p1": ["a"]}, {}, {"p1": ["a", "b"], "p2": ["d"]}]
    ballots = [build_ballot(CONTEXT, CARD, c) for c in choices]
    counts = {
        section: {candidate: decrypt(ct, len(ballots)) for candidate, ct in row.items()}
        for section, row in aggregate(DEFINITION, ballots).items()
    }
    assert counts == {"p1": {"a": 3, "b": 1, "c": 1}, "p2": {"d": 1, "e": 1}}


def test_the_aggregate_of_no_ballots_is_all_identity() -> None:
    sums = aggregate(DEFINITION, [])
    assert all(ct == Ciphertext.identity() for row in sums.values() for ct in row.values())
    assert list(sums) == ["p1", "p2"] and list(sums["p1"]) == ["a", "b", "c"]


def test_the_aggregate_refuses_a_ballot_of_another_layout() -> None:
    with pytest.raises(BallotError, match="sections"):
        aggregate(DEFINITION, [replace(BALLOT, sections=BALLOT.sections[:1])])
