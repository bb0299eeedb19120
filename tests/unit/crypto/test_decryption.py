"""Opening the box: any t members decrypt the counts, fewer cannot, a wrong partial is named,
and the counts they sign verify only as signed."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest

from voting import canonical
from voting.crypto.committee_json import CommitteeError
from voting.crypto.decryption import (
    Aggregate,
    CountSignature,
    DecryptionError,
    DecryptionShare,
    Opened,
    PartialDecryption,
    combine,
    counts_message,
    decryption_challenge,
    lagrange_at_zero,
    partial_decrypt,
    sign_counts,
    verify_count_signatures,
    verify_partial,
)
from voting.crypto.dkg import Ceremony, KeyShare, Transcript, simulate_ceremony
from voting.crypto.group import Point, Scalar

CONFERENCE = "conf-2026-step-2"
G = Point.base(Scalar.of(1))


def encrypt(count: int, joint_key: Point) -> Aggregate:
    """(r·G, m·G + r·Y): what the sum of the ballots' ciphertexts for one candidate is."""
    r = Scalar.random()
    return Point.base(r), Point.base(Scalar.of(count)) + joint_key * r


def committee(threshold: int = 2, members: int = 3) -> tuple[Transcript, list[KeyShare]]:
    return simulate_ceremony(Ceremony(CONFERENCE, threshold, members))


def partials_of(keys: Sequence[KeyShare], box: Sequence[Aggregate]) -> list[PartialDecryption]:
    return [partial_decrypt(key, box) for key in keys]


@pytest.mark.parametrize(("threshold", "members"), [(2, 3), (3, 5)])
def test_any_t_members_open_the_box_and_fewer_cannot(threshold: int, members: int) -> None:
    """Every subset of size t decrypts the counts; every subset of size t − 1 is refused."""
    transcript, keys = committee(threshold, members)
    counts = [0, 1, 7, 12]
    box = [encrypt(count, transcript.joint_key) for count in counts]
    partials = partials_of(keys, box)
    for subset in itertools.combinations(partials, threshold):
        assert combine(transcript, box, subset, ballots=12) == counts
    for subset in itertools.combinations(partials, threshold - 1):
        with pytest.raises(DecryptionError, match=f"{threshold} members must open the box"):
            combine(transcript, box, subset, ballots=12)


def test_more_than_t_partials_also_combine() -> None:
    """All n partials give the same counts as any t of them."""
    transcript, keys = committee()
    box = [encrypt(3, transcript.joint_key)]
    assert combine(transcript, box, partials_of(keys, box), ballots=3) == [3]


def test_zero_counts_and_an_empty_box_decode() -> None:
    """A candidate nobody marked decodes to 0, and so does a box holding no ballot at all."""
    transcript, keys = committee()
    box = [encrypt(0, transcript.joint_key), encrypt(0, transcript.joint_key)]
    assert combine(transcript, box, partials_of(keys[:2], box), ballots=5) == [0, 0]
    empty = [(Point.identity(), Point.identity())]
    assert combine(transcript, empty, partials_of(keys[1:], empty), ballots=0) == [0]


def test_a_count_above_the_number_of_ballots_is_an_error() -> None:
    """A count outside 0..N means the aggregate or the ballot count is wrong: refuse it."""
    transcript, keys = committee()
    box = [encrypt(1, transcript.joint_key), encrypt(6, transcript.joint_key)]
    with pytest.raises(DecryptionError, match=r"ciphertext 1 does not hold a count in 0\.\.5"):
        combine(transcript, box, partials_of(keys[:2], box), ballots=5)
    with pytest.raises(DecryptionError, match="number of ballots cannot be negative"):
        combine(transcript, box, partials_of(keys[:2], box), ballots=-1)


def test_a_member_cannot_count_twice() -> None:
    """The same member's partial twice is refused, not counted as two members."""
    transcript, keys = committee()
    box = [encrypt(2, transcript.joint_key)]
    partial = partial_decrypt(keys[0], box)
    with pytest.raises(DecryptionError, match="member 1 gave two partial decryptions"):
        combine(transcript, box, [partial, partial_decrypt(keys[0], box)], ballots=2)


def tampered(partial: PartialDecryption, field: str) -> PartialDecryption:
    """`partial` with one field of its second share changed, in its JSON form."""
    data = partial.to_json()
    item = data["shares"][1]
    if field == "share":
        item["share"] = (Point.from_hex(item["share"]) + G).hex()
    elif field == "response":
        item["proof"]["response"] = (
            Scalar.from_hex(item["proof"]["response"]) + Scalar.of(1)
        ).hex()
    else:
        item["proof"][field] = (Point.from_hex(item["proof"][field]) + G).hex()
    return PartialDecryption.from_json(data)


@pytest.mark.parametrize("field", ["share", "response", "commitment_g", "commitment_a"])
def test_a_partial_with_a_bad_proof_is_refused_and_named(field: str) -> None:
    """Changing the decryption share or any part of its proof is caught, naming the member."""
    transcript, keys = committee()
    box = [encrypt(1, transcript.joint_key), encrypt(2, transcript.joint_key)]
    bad = tampered(partial_decrypt(keys[2], box), field)
    with pytest.raises(DecryptionError, match="member 3's decryption of ciphertext 1 does not"):
        combine(transcript, box, [partial_decrypt(keys[0], box), bad], ballots=2)


def proven_share(
    transcript: Transcript, member: int, a: Point, share: Point, secret: Scalar
) -> DecryptionShare:
    """A decryption share with a proof made honestly from `secret`, whatever `share` is."""
    nonce = Scalar.random()
    commitment_g, commitment_a = Point.base(nonce), a * nonce
    public_share = transcript.public_share(member)
    challenge = decryption_challenge(
        CONFERENCE, member, public_share, a, share, commitment_g, commitment_a
    )
    return DecryptionShare(share, commitment_g, commitment_a, nonce + challenge * secret)


@pytest.mark.parametrize("lie", ["wrong share, real key", "share and proof from another key"])
def test_each_half_of_the_proof_is_needed(lie: str) -> None:
    """A member proving its real key cannot pass off a share other than s_j·a (the k·a half
    fails); a share and proof made with any key but s_j fail too (the k·G half fails)."""
    transcript, keys = committee()
    box = [encrypt(1, transcript.joint_key)]
    key, (a, _) = keys[1], box[0]
    if lie == "wrong share, real key":
        forged = proven_share(transcript, 2, a, a * key.secret_share + G, key.secret_share)
    else:
        other = Scalar.random()
        forged = proven_share(transcript, 2, a, a * other, other)
    with pytest.raises(DecryptionError, match="member 2's decryption of ciphertext 0 does not"):
        verify_partial(transcript, box, PartialDecryption(CONFERENCE, key.member, (forged,)))


def test_a_partial_for_other_ciphertexts_or_another_member_is_refused() -> None:
    """A proof is bound to its ciphertext, its member and its conference."""
    transcript, keys = committee()
    box = [encrypt(1, transcript.joint_key)]
    partial = partial_decrypt(keys[0], box)
    with pytest.raises(DecryptionError, match="member 1's decryption of ciphertext 0"):
        verify_partial(transcript, [encrypt(1, transcript.joint_key)], partial)
    relabelled = PartialDecryption(CONFERENCE, 2, partial.shares)
    with pytest.raises(DecryptionError, match="member 2's decryption of ciphertext 0"):
        verify_partial(transcript, box, relabelled)
    foreign = PartialDecryption("conf-other", 1, partial.shares)
    with pytest.raises(DecryptionError, match="for another conference"):
        verify_partial(transcript, box, foreign)
    with pytest.raises(DecryptionError, match="does not cover each ciphertext"):
        verify_partial(transcript, [*box, *box], partial)


def test_a_partial_reads_back_from_json_and_refuses_malformed_input() -> None:
    """The canonical JSON form round-trips; a wrong kind or an identity proof point is refused."""
    transcript, keys = committee()
    box = [encrypt(1, transcript.joint_key)]
    partial = partial_decrypt(keys[0], box)
    data = canonical.loads(canonical.dumps(partial.to_json()))
    assert PartialDecryption.from_json(data) == partial
    with pytest.raises(CommitteeError, match="not a committee-partial-decryption message"):
        PartialDecryption.from_json(data | {"kind": "committee-share"})
    data["shares"][0]["proof"]["commitment_g"] = "00" * 32
    with pytest.raises(CommitteeError, match="identity point is not allowed"):
        PartialDecryption.from_json(data)


def test_lagrange_coefficients_interpolate_a_constant() -> None:
    """For any set of members the coefficients sum to 1 (the constant polynomial 1 at zero)."""
    for members in [(1, 2), (1, 3), (2, 3), (1, 4, 5), (2, 3, 4, 5)]:
        weights = lagrange_at_zero(members)
        summed = Scalar.of(0)
        for weight in weights.values():
            summed = summed + weight
        assert summed == Scalar.of(1)


OPENED = Opened("ab" * 32, "cd" * 32)


def test_signed_counts_verify_and_a_changed_count_fails() -> None:
    """The opening members' signatures check against the keys they published; changing a
    count, dropping below t signers, repeating one or moving to another conference fails."""
    transcript, keys = committee()
    counts = {"section-1": {"candidate-a": 3, "candidate-b": 0}}
    signatures = [sign_counts(key, OPENED, counts) for key in keys[:2]]
    verify_count_signatures(transcript, OPENED, counts, signatures)
    read_back = [
        CountSignature.from_json(canonical.loads(canonical.dumps(s.to_json()))) for s in signatures
    ]
    verify_count_signatures(transcript, OPENED, counts, read_back)
    changed = {"section-1": {"candidate-a": 2, "candidate-b": 0}}
    with pytest.raises(DecryptionError, match="member 1's signature of the counts fails"):
        verify_count_signatures(transcript, OPENED, changed, signatures)
    with pytest.raises(DecryptionError, match="2 members must sign the counts"):
        verify_count_signatures(transcript, OPENED, counts, signatures[:1])
    with pytest.raises(DecryptionError, match="member 1's signature is repeated or foreign"):
        verify_count_signatures(transcript, OPENED, counts, [signatures[0], signatures[0]])
    moved = CountSignature(CONFERENCE, 3, signatures[1].signature)
    with pytest.raises(DecryptionError, match="member 3's signature of the counts fails"):
        verify_count_signatures(transcript, OPENED, counts, [signatures[0], moved])
    foreign = CountSignature("conf-other", 2, signatures[1].signature)
    with pytest.raises(DecryptionError, match="member 2's signature is repeated or foreign"):
        verify_count_signatures(transcript, OPENED, counts, [signatures[0], foreign])


def test_count_signatures_are_bound_to_the_member_fingerprint_and_list() -> None:
    """Issue 16, item 5: does a signature fail for another ballot list, another conference
    fingerprint, or when one member's signature is presented as another's (even where the
    keys would allow it)? Is a malformed fingerprint or hash refused?"""
    transcript, keys = committee()
    counts = {"section-1": {"candidate-a": 1}}
    signatures = [sign_counts(key, OPENED, counts) for key in keys[:2]]
    for other in (Opened("ab" * 32, "ef" * 32), Opened("ef" * 32, "cd" * 32)):
        with pytest.raises(DecryptionError, match="member 1's signature of the counts fails"):
            verify_count_signatures(transcript, other, counts, signatures)
    messages = {counts_message(CONFERENCE, member, OPENED, counts) for member in (1, 2, 3)}
    assert len(messages) == 3
    for bad in ("AB" * 32, "ab" * 31, "zz" * 32):
        with pytest.raises(DecryptionError, match="64 lowercase hex"):
            Opened(bad, "cd" * 32)
