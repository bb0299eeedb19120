"""Range proofs: honest ones verify; anything false, altered or moved elsewhere is refused."""

from dataclasses import replace

import pytest

from voting.crypto import proofs
from voting.crypto.elgamal import Ciphertext, encrypt
from voting.crypto.group import Point, Scalar, hash_to_scalar
from voting.crypto.proofs import ProofContext, RangeProof

KEY = Point.base(Scalar.random())
CONTEXT = ProofContext(fingerprint=bytes(range(32)), card=bytes(range(32, 64)))


def proven(value: int, maximum: int) -> tuple[Ciphertext, RangeProof]:
    r = Scalar.random()
    ciphertext = encrypt(value, KEY, r)
    return ciphertext, proofs.prove(ciphertext, value, r, maximum, KEY, CONTEXT)


@pytest.mark.parametrize(("value", "maximum"), [(0, 1), (1, 1), (0, 3), (2, 3), (3, 3)])
def test_every_allowed_value_proves_and_verifies(value: int, maximum: int) -> None:
    ciphertext, proof = proven(value, maximum)
    assert len(proof.challenges) == len(proof.responses) == maximum + 1
    assert proofs.verify(ciphertext, maximum, KEY, CONTEXT, proof)


def test_the_challenges_add_up_to_the_hash_of_the_commitments() -> None:
    ciphertext, proof = proven(1, 1)
    commitments = proofs.commitments(ciphertext, KEY, proof)
    expected = proofs.challenge(ciphertext, 1, KEY, CONTEXT, commitments)
    assert proof.challenges[0] + proof.challenges[1] == expected


def test_the_challenge_hashes_the_whole_statement_and_the_commitments() -> None:
    """H(tag, fingerprint, card, Y, a, b, u32(max), A_0, B_0, …): nothing left out."""
    ciphertext, proof = proven(2, 3)
    commitments = proofs.commitments(ciphertext, KEY, proof)
    flat = [point.raw for pair in commitments for point in pair]
    assert proofs.challenge(ciphertext, 3, KEY, CONTEXT, commitments) == hash_to_scalar(
        proofs.TAG,
        CONTEXT.fingerprint,
        CONTEXT.card,
        KEY.raw,
        ciphertext.a.raw,
        ciphertext.b.raw,
        b"\0\0\0\3",
        *flat,
    )


def test_a_value_outside_the_range_cannot_be_proven() -> None:
    r = Scalar.random()
    with pytest.raises(ValueError, match="outside"):
        proofs.prove(encrypt(2, KEY, r), 2, r, 1, KEY, CONTEXT)


@pytest.mark.parametrize(("value", "claimed", "maximum"), [(2, 1, 1), (2, 0, 1), (4, 3, 3)])
def test_a_ciphertext_outside_the_range_fails_whatever_the_prover_claims(
    value: int, claimed: int, maximum: int
) -> None:
    """A slot encrypting 2 (or a sum of 4 under a quota of 3), proven by hand as a lie."""
    r = Scalar.random()
    ciphertext = encrypt(value, KEY, r)
    proof = proofs.prove(ciphertext, claimed, r, maximum, KEY, CONTEXT)
    assert not proofs.verify(ciphertext, maximum, KEY, CONTEXT, proof)


def test_a_proof_is_bound_to_its_conference_card_key_and_ciphertext() -> None:
    ciphertext, proof = proven(1, 1)
    other = encrypt(1, KEY, Scalar.random())
    assert not proofs.verify(ciphertext, 1, KEY, replace(CONTEXT, fingerprint=bytes(32)), proof)
    assert not proofs.verify(ciphertext, 1, KEY, replace(CONTEXT, card=bytes(32)), proof)
    assert not proofs.verify(ciphertext, 1, Point.base(Scalar.random()), CONTEXT, proof)
    assert not proofs.verify(other, 1, KEY, CONTEXT, proof)
    assert not proofs.verify(Ciphertext(ciphertext.a, other.b), 1, KEY, CONTEXT, proof)


def test_a_proof_is_bound_to_its_range() -> None:
    """A 0..3 proof does not pass as a 0..1 proof, nor padded as 0..4."""
    ciphertext, proof = proven(1, 3)
    assert not proofs.verify(ciphertext, 1, KEY, CONTEXT, proof)
    zero = Scalar.of(0)
    padded = RangeProof((*proof.challenges, zero), (*proof.responses, zero))
    assert not proofs.verify(ciphertext, 4, KEY, CONTEXT, padded)


def test_a_shifted_challenge_split_is_refused() -> None:
    """Moving weight between challenges keeps their sum but breaks the branch equations."""
    ciphertext, proof = proven(1, 1)
    delta = Scalar.random()
    c0, c1 = proof.challenges
    shifted = replace(proof, challenges=(c0 + delta, c1 - delta))
    assert not proofs.verify(ciphertext, 1, KEY, CONTEXT, shifted)
    swapped = replace(proof, challenges=(c1, c0), responses=proof.responses[::-1])
    assert not proofs.verify(ciphertext, 1, KEY, CONTEXT, swapped)


def test_an_altered_challenge_or_response_is_refused() -> None:
    ciphertext, proof = proven(0, 1)
    one = Scalar.of(1)
    for index in (0, 1):
        challenges, responses = list(proof.challenges), list(proof.responses)
        challenges[index] = challenges[index] + one
        assert not proofs.verify(
            ciphertext, 1, KEY, CONTEXT, replace(proof, challenges=(*challenges,))
        )
        responses[index] = responses[index] + one
        assert not proofs.verify(
            ciphertext, 1, KEY, CONTEXT, replace(proof, responses=(*responses,))
        )


def test_a_proof_with_missing_branches_is_refused() -> None:
    ciphertext, proof = proven(1, 1)
    short = RangeProof(proof.challenges[:1], proof.responses[:1])
    assert not proofs.verify(ciphertext, 1, KEY, CONTEXT, short)


def test_json_form_round_trips_and_refuses_non_canonical_scalars() -> None:
    _, proof = proven(1, 1)
    data = proof.to_dict()
    assert RangeProof.from_dict(data) == proof
    with pytest.raises(ValueError, match="canonical"):
        RangeProof.from_dict({**data, "responses": [data["responses"][0], "ff" * 32]})
    for bad in ({"challenges": data["challenges"]}, {**data, "responses": "00"}, []):
        with pytest.raises(ValueError):
            RangeProof.from_dict(bad)


def test_a_maximum_below_one_is_a_programming_error() -> None:
    ciphertext, proof = proven(0, 1)
    with pytest.raises(ValueError, match="maximum"):
        proofs.verify(ciphertext, 0, KEY, CONTEXT, proof)
