"""The committee's key ceremony: every member ends with a share of one joint key, and every
deviation — a reveal that changed, a bad proof, a forged or missing share, a damaged backup —
is refused with the member at fault named."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

import pysodium
import pytest

from voting import canonical
from voting.crypto.committee_json import CommitteeError
from voting.crypto.decryption import lagrange_at_zero
from voting.crypto.dkg import (
    Ceremony,
    Commitment,
    CommitmentHash,
    Complaint,
    KeyShare,
    Member,
    MemberSecrets,
    SealedShare,
    ShareComplaintError,
    Transcript,
    simulate_ceremony,
)
from voting.crypto.group import Point, Scalar, total

CONFERENCE = "conf-2026-step-1"


def make_members(threshold: int = 2, members: int = 3) -> tuple[Ceremony, list[Member]]:
    ceremony = Ceremony(CONFERENCE, threshold, members)
    return ceremony, [Member(ceremony, index) for index in range(1, members + 1)]


def assemble(ceremony: Ceremony, members: list[Member]) -> Transcript:
    hashes = [member.commitment_hash() for member in members]
    return Transcript.assemble(ceremony, hashes, [member.commitment for member in members])


def shares_to(receiver: int, sealed: list[SealedShare]) -> list[SealedShare]:
    return [envelope for envelope in sealed if envelope.receiver == receiver]


@pytest.mark.parametrize(("threshold", "members"), [(2, 3), (3, 5)])
def test_every_t_members_hold_the_joint_secret(threshold: int, members: int) -> None:
    """Each member's share is in the joint key, and any t shares interpolate to the secret
    behind Y = Σ C_i0 — while no member ever held it."""
    transcript, keys = simulate_ceremony(Ceremony(CONFERENCE, threshold, members))
    joint_key = transcript.joint_key
    assert joint_key == total(r.commitments[0] for r in transcript.reveals)
    for key in keys:
        assert Point.base(key.secret_share) == transcript.public_share(key.member)
    for subset in itertools.combinations(keys, threshold):
        weights = lagrange_at_zero([key.member for key in subset])
        secret = Scalar.of(0)
        for key in subset:
            secret = secret + weights[key.member] * key.secret_share
        assert Point.base(secret) == joint_key
    for subset in itertools.combinations(keys, threshold - 1):
        weights = lagrange_at_zero([key.member for key in subset])
        secret = Scalar.of(0)
        for key in subset:
            secret = secret + weights[key.member] * key.secret_share
        assert Point.base(secret) != joint_key


def test_public_shares_derive_from_the_commitments_alone() -> None:
    """A transcript read back from JSON gives the same joint key and public shares."""
    transcript, keys = simulate_ceremony(Ceremony(CONFERENCE))
    copy = Transcript.from_json(read_back(transcript.to_json()))
    assert copy == transcript and copy.joint_key == transcript.joint_key
    assert [copy.public_share(key.member) for key in keys] == [
        Point.base(key.secret_share) for key in keys
    ]


def test_a_reveal_that_differs_from_its_hash_is_refused() -> None:
    """A member who publishes a hash, then reveals other commitments, is named."""
    ceremony, members = make_members()
    hashes = [member.commitment_hash() for member in members]
    changed = Member(ceremony, 2).commitment
    reveals = [members[0].commitment, changed, members[2].commitment]
    with pytest.raises(CommitteeError, match="member 2's reveal does not match its published hash"):
        Transcript.assemble(ceremony, hashes, reveals)


@pytest.mark.parametrize("shared", ["signing_seed", "box_secret", "coefficients"])
def test_two_seats_with_one_key_are_refused(shared: str) -> None:
    """Issue 16, item 5: is a transcript where two seats share a signing key, a box key or
    the first commitment refused (one person would count as two members), even though each
    proof of possession verifies — and is it refused again when read back from JSON?"""
    ceremony = Ceremony(CONFERENCE, 2, 3)
    first = MemberSecrets.random(2)
    second = replace(MemberSecrets.random(2), **{shared: getattr(first, shared)})
    members = [
        Member(ceremony, 1, first),
        Member(ceremony, 2, second),
        Member(ceremony, 3),
    ]
    for member in members:
        member.commitment.verify()
    what = {"signing_seed": "signing key", "box_secret": "box key", "coefficients": "first"}
    with pytest.raises(CommitteeError, match=f"members 1 and 2 share one {what[shared]}"):
        assemble(ceremony, members)
    honest = assemble(*make_members())
    forged = honest.to_json()
    forged["reveals"][1] = members[1].commitment.to_json()
    forged["reveals"][0] = members[0].commitment.to_json()
    with pytest.raises(CommitteeError, match="members 1 and 2 share one"):
        Transcript.from_json(forged)


def test_reveals_wait_for_every_hash() -> None:
    """The transcript is not assembled while a member's hash is missing or doubled."""
    ceremony, members = make_members()
    reveals = [member.commitment for member in members]
    with pytest.raises(CommitteeError, match=r"no hash yet from members \[3\]"):
        Transcript.assemble(ceremony, [m.commitment_hash() for m in members[:2]], reveals)
    doubled = [m.commitment_hash() for m in [*members, members[0]]]
    with pytest.raises(CommitteeError, match="member 1 sent two of its hash"):
        Transcript.assemble(ceremony, doubled, reveals)


def test_a_bad_proof_of_possession_is_refused() -> None:
    """A changed response is refused even when its hash was published; a proof moved to another
    member or conference fails too."""
    ceremony, members = make_members()
    reveal = members[1].commitment.to_json()
    response = Scalar.from_hex(reveal["proof"]["response"]) + Scalar.of(1)
    reveal["proof"]["response"] = response.hex()
    bad = Commitment.from_json(reveal)
    hashes = [m.commitment_hash() for m in members[::2]] + [
        CommitmentHash(CONFERENCE, 2, bad.digest())
    ]
    reveals = [members[0].commitment, bad, members[2].commitment]
    with pytest.raises(CommitteeError, match="member 2's proof of possession does not verify"):
        Transcript.assemble(ceremony, hashes, reveals)
    moved = members[1].commitment.to_json() | {"member": 3}
    with pytest.raises(CommitteeError, match="member 3's proof of possession does not verify"):
        Commitment.from_json(moved).verify()
    foreign = members[1].commitment.to_json() | {"conference_id": "another"}
    with pytest.raises(CommitteeError, match="proof of possession does not verify"):
        Commitment.from_json(foreign).verify()


def test_a_transcript_with_a_bad_proof_is_refused() -> None:
    """A transcript cannot be built, or read back, around a reveal whose proof fails."""
    transcript, _ = simulate_ceremony(Ceremony(CONFERENCE))
    data = transcript.to_json()
    data["reveals"][0]["signing_key"] = data["reveals"][1]["signing_key"]
    with pytest.raises(CommitteeError, match="member 1's proof of possession does not verify"):
        Transcript.from_json(data)


def honest_and_forged(forge: str) -> tuple[list[SealedShare], Member, Transcript]:
    """Member 1's inbox, with member 2's share replaced according to `forge`."""
    ceremony, members = make_members()
    transcript = assemble(ceremony, members)
    inbox = shares_to(1, [e for member in members for e in member.seal_shares(transcript)])
    good = next(e for e in inbox if e.sender == 2)
    others = [e for e in inbox if e.sender != 2]
    box_key = transcript.reveal(1).box_key
    wrong = members[1].share_for(1) + Scalar.of(1)
    plaintext = {
        "kind": "committee-share-plaintext",
        "conference_id": CONFERENCE,
        "from": 2,
        "to": 1,
        "share": wrong.hex(),
    }
    forged = {
        "mismatch": [
            SealedShare(
                CONFERENCE, 2, 1, pysodium.crypto_box_seal(canonical.dumps(plaintext), box_key)
            )
        ],
        "unreadable": [
            SealedShare(CONFERENCE, 2, 1, good.sealed[:-1] + bytes([good.sealed[-1] ^ 1]))
        ],
        "missing": [],
        "duplicate": [good, good],
    }[forge]
    return others + forged, members[0], transcript


@pytest.mark.parametrize("forge", ["mismatch", "unreadable", "missing", "duplicate"])
def test_a_bad_share_is_caught_and_its_sender_named(forge: str) -> None:
    """A forged, damaged, missing or doubled share becomes a complaint against its sender."""
    inbox, member, transcript = honest_and_forged(forge)
    with pytest.raises(
        ShareComplaintError, match=f"member 1 complains about member 2 \\({forge}\\)"
    ) as caught:
        member.finish(transcript, inbox)
    assert caught.value.complaints == (Complaint(CONFERENCE, 1, 2, forge),)
    assert Complaint.from_json(caught.value.complaints[0].to_json()) == caught.value.complaints[0]
    with pytest.raises(CommitteeError, match="a complaint's reason is one of"):
        Complaint.from_json(caught.value.complaints[0].to_json() | {"reason": "dislike"})


def test_a_share_relabelled_as_from_another_sender_is_unreadable() -> None:
    """The sealed plaintext names its sender, so an envelope passed off as another's fails."""
    ceremony, members = make_members()
    transcript = assemble(ceremony, members)
    inbox = shares_to(1, [e for member in members for e in member.seal_shares(transcript)])
    from_three = next(e for e in inbox if e.sender == 3)
    relabelled = [SealedShare(CONFERENCE, 2, 1, from_three.sealed), from_three]
    with pytest.raises(ShareComplaintError) as caught:
        members[0].finish(transcript, relabelled)
    assert caught.value.complaints == (Complaint(CONFERENCE, 1, 2, "unreadable"),)


def test_a_member_refuses_a_transcript_without_its_own_reveal() -> None:
    """If the published transcript carries a substitute for this member, it stops."""
    ceremony, members = make_members()
    substitute = Member(ceremony, 1)
    transcript = assemble(ceremony, [substitute, *members[1:]])
    with pytest.raises(CommitteeError, match="does not carry member 1's own reveal"):
        members[0].seal_shares(transcript)


def test_a_share_for_someone_else_is_refused() -> None:
    """An envelope addressed to another member is a delivery error, not a complaint."""
    ceremony, members = make_members()
    transcript = assemble(ceremony, members)
    sealed = [e for member in members for e in member.seal_shares(transcript)]
    with pytest.raises(CommitteeError, match="a share for another member reached member 1"):
        members[0].finish(transcript, sealed)


def read_back(message: dict[str, Any]) -> Any:
    return canonical.loads(canonical.dumps(message))


def test_messages_round_trip_through_json() -> None:
    """Every ceremony message reads back from its canonical JSON as itself."""
    ceremony, members = make_members()
    transcript = assemble(ceremony, members)
    envelope = members[0].seal_shares(transcript)[0]
    digest = members[0].commitment_hash()
    assert CommitmentHash.from_json(read_back(digest.to_json())) == digest
    commitment = members[0].commitment
    assert Commitment.from_json(read_back(commitment.to_json())) == commitment
    assert SealedShare.from_json(read_back(envelope.to_json())) == envelope
    assert Transcript.from_json(read_back(transcript.to_json())) == transcript
    assert digest.digest == canonical.sha256_hex(members[0].commitment.to_json())


IDENTITY = "00" * 32


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda m: m | {"kind": "committee-share"}, "not a committee-commitment message"),
        (lambda m: m | {"extra": 1}, "exactly the fields"),
        (lambda m: m | {"member": True}, "member must be an integer from 1 to 3"),
        (lambda m: m | {"member": 4}, "member must be an integer from 1 to 3"),
        (lambda m: m | {"threshold": 4}, "threshold ≤ members"),
        (lambda m: m | {"box_key": m["box_key"].upper()}, "box_key must be 32 bytes"),
        (lambda m: m | {"box_key": m["box_key"][:-2]}, "box_key must be 32 bytes"),
        (lambda m: m | {"commitments": [IDENTITY, m["commitments"][1]]}, "identity"),
        (lambda m: m | {"commitments": ["ff" * 32, m["commitments"][1]]}, "not a valid"),
        (lambda m: m | {"commitments": m["commitments"][:1]}, "exactly 2 points"),
        (
            lambda m: (
                m | {"proof": {"response": "ff" * 32, "commitment": m["proof"]["commitment"]}}
            ),
            "canonical",
        ),
        (lambda m: m | {"proof": {"response": m["proof"]["response"]}}, "proof has exactly"),
    ],
)
def test_a_malformed_commitment_is_refused(change: Any, error: str) -> None:
    """Wrong kind, extra fields, out-of-range numbers, bad hex, identity or invalid points and
    non-canonical scalars never get past from_json."""
    _, members = make_members()
    with pytest.raises(CommitteeError, match=error):
        Commitment.from_json(change(members[0].commitment.to_json()))


def test_ceremony_parameters_are_checked() -> None:
    """t must be 1..n, and members are numbered 1..n."""
    with pytest.raises(CommitteeError, match="threshold ≤ members"):
        Ceremony(CONFERENCE, 4, 3)
    for bad in ("", "x" * 65, "đ" * 33):
        with pytest.raises(CommitteeError, match="1 to 64 bytes of UTF-8"):
            Ceremony(bad)
    assert Ceremony("đ" * 32).conference_id == "đ" * 32
    with pytest.raises(CommitteeError, match=r"member 4 is not one of 1\.\.3"):
        Member(Ceremony(CONFERENCE), 4)


def test_a_backup_restores_the_same_key() -> None:
    """Export then import gives back the same key share, and it still signs."""
    _, keys = simulate_ceremony(Ceremony(CONFERENCE))
    restored = KeyShare.restore(keys[1].backup(), CONFERENCE)
    assert restored == keys[1]
    assert restored.sign(b"m") == keys[1].sign(b"m")


def backup_with(key: KeyShare, **changes: Any) -> bytes:
    return canonical.dumps(key.to_json() | changes)


def test_a_damaged_or_foreign_backup_is_refused() -> None:
    """A changed secret, a swapped key, a non-canonical file or another conference's backup
    is refused with a reason rather than loaded."""
    _, keys = simulate_ceremony(Ceremony(CONFERENCE))
    other_transcript, _ = simulate_ceremony(Ceremony(CONFERENCE))
    _, foreign_keys = simulate_ceremony(Ceremony("conf-other"))
    key = keys[0]
    wrong_secret = (key.secret_share + Scalar.of(1)).hex()
    cases = [
        (key.backup()[:-1], "the backup is damaged"),
        (key.backup() + b" ", "the backup is damaged"),
        (
            backup_with(key, secret_share=wrong_secret),
            "member 1's key share is not in the joint key",
        ),
        (backup_with(key, member=2), "member 2's key share is not in the joint key"),
        (
            backup_with(key, box_secret=keys[1].box_secret.hex()),
            "box key is not the one it published",
        ),
        (backup_with(key, signing_seed=keys[1].signing_seed.hex()), "signing key is not the one"),
        (backup_with(key, transcript=other_transcript.to_json()), "not in the joint key"),
        (
            backup_with(foreign_keys[0], conference_id=CONFERENCE),
            "the backup's transcript is for another conference",
        ),
        (backup_with(key, kind="committee-transcript"), "not a committee-key-backup message"),
    ]
    for data, error in cases:
        with pytest.raises(CommitteeError, match=error):
            KeyShare.restore(data, CONFERENCE)
    with pytest.raises(CommitteeError, match="for another conference, not conf-other"):
        KeyShare.restore(key.backup(), "conf-other")
