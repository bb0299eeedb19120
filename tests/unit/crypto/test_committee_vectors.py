"""Python reproduces tests/vectors/committee.json exactly: every commitment, proof, share, key,
partial decryption, Lagrange coefficient, count and signature (the JavaScript side checks the
same file). Sealed shares are randomised, so they are checked by opening them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pysodium
import pytest

from voting import canonical
from voting.crypto.decryption import (
    Opened,
    PartialDecryption,
    combine,
    counts_message,
    decryption_challenge,
    lagrange_at_zero,
    partial_decrypt,
    sign_counts,
    verify_count_signatures,
)
from voting.crypto.dkg import (
    Ceremony,
    KeyShare,
    Member,
    MemberSecrets,
    SealedShare,
    Transcript,
)
from voting.crypto.framing import frame, u32
from voting.crypto.group import Point, Scalar
from voting.crypto.rejoin import Rejoin, sign_rejoin, verify_rejoin

VECTORS = json.loads(
    (Path(__file__).parents[2] / "vectors" / "committee.json").read_text(encoding="utf-8")
)
CEREMONY = Ceremony(**VECTORS["ceremony"])


def secrets(vector: dict[str, Any]) -> MemberSecrets:
    return MemberSecrets(
        tuple(Scalar.from_hex(a) for a in vector["coefficients"]),
        Scalar.from_hex(vector["possession_nonce"]),
        bytes.fromhex(vector["box_secret"]),
        bytes.fromhex(vector["signing_seed"]),
    )


def text(message: dict[str, Any]) -> str:
    return canonical.dumps(message).decode()


@pytest.fixture(scope="module")
def ceremony() -> tuple[list[Member], Transcript, list[KeyShare]]:
    """The ceremony rebuilt from the vectors' randomness and their sealed shares."""
    members = [Member(CEREMONY, v["member"], secrets(v)) for v in VECTORS["members"]]
    hashes = [member.commitment_hash() for member in members]
    transcript = Transcript.assemble(CEREMONY, hashes, [member.commitment for member in members])
    sealed = [
        SealedShare.from_json(json.loads(share["sealed_message"]))
        for vector in VECTORS["members"]
        for share in vector["shares"]
    ]
    keys = [
        member.finish(transcript, [e for e in sealed if e.receiver == member.index])
        for member in members
    ]
    return members, transcript, keys


def test_commitments_and_proofs_of_possession(
    ceremony: tuple[list[Member], Transcript, list[KeyShare]],
) -> None:
    """Keys, Feldman commitments, the proof's commitment, challenge and response, the reveal
    message and its hash message are the vectors' bytes."""
    members, transcript, _ = ceremony
    for member, vector in zip(members, VECTORS["members"], strict=True):
        commitment = member.commitment
        assert commitment.box_key.hex() == vector["box_key"]
        assert commitment.signing_key.hex() == vector["signing_key"]
        assert [c.hex() for c in commitment.commitments] == vector["commitments"]
        proof = vector["possession"]
        assert commitment.proof_commitment.hex() == proof["commitment"]
        assert commitment.challenge().hex() == proof["challenge"]
        assert commitment.proof_response.hex() == proof["response"]
        assert text(commitment.to_json()) == vector["commitment_message"]
        assert text(member.commitment_hash().to_json()) == vector["commitment_hash_message"]
    assert text(transcript.to_json()) == VECTORS["transcript_message"]


def test_shares_keys_and_backups(
    ceremony: tuple[list[Member], Transcript, list[KeyShare]],
) -> None:
    """Each share f_i(j) and its sealed plaintext, the joint key, each Y_j and s_j, and each
    member's backup document are the vectors' bytes."""
    members, transcript, keys = ceremony
    box_secrets = {v["member"]: bytes.fromhex(v["box_secret"]) for v in VECTORS["members"]}
    for member, key, vector in zip(members, keys, VECTORS["members"], strict=True):
        mine = {share["to"]: share for share in vector["shares"]}
        for envelope in member.seal_shares(transcript):
            expected = mine[envelope.receiver]
            assert member.share_for(envelope.receiver).hex() == expected["share"]
            for sealed in (
                envelope.sealed,
                bytes.fromhex(json.loads(expected["sealed_message"])["sealed"]),
            ):
                receiver_key = transcript.reveal(envelope.receiver).box_key
                opened = pysodium.crypto_box_seal_open(
                    sealed, receiver_key, box_secrets[envelope.receiver]
                )
                assert opened.decode() == expected["plaintext"]
        assert key.secret_share.hex() == vector["secret_share"]
        assert transcript.public_share(member.index).hex() == vector["public_share"]
        assert key.backup().decode() == vector["backup"]
        assert KeyShare.restore(vector["backup"].encode(), CEREMONY.conference_id) == key
    assert transcript.joint_key.hex() == VECTORS["joint_key"]


def test_partials_lagrange_and_counts(
    ceremony: tuple[list[Member], Transcript, list[KeyShare]],
) -> None:
    """Ciphertexts, each member's decryption shares and proofs, the Lagrange coefficients of
    every pair and the counts they decode are the vectors' values."""
    _, transcript, keys = ceremony
    vectors = VECTORS["decryption"]
    ciphertexts = []
    for item in vectors["ciphertexts"]:
        r = Scalar.from_hex(item["randomness"])
        a, b = Point.base(r), Point.base(Scalar.of(item["count"])) + transcript.joint_key * r
        assert (a.hex(), b.hex()) == (item["a"], item["b"])
        ciphertexts.append((a, b))
    partials = {}
    for key, vector in zip(keys, vectors["partials"], strict=True):
        nonces = [Scalar.from_hex(k) for k in vector["nonces"]]
        partial = partial_decrypt(key, ciphertexts, nonces)
        assert text(partial.to_json()) == vector["message"]
        assert PartialDecryption.from_json(json.loads(vector["message"])) == partial
        challenges = [
            decryption_challenge(
                key.conference_id,
                key.member,
                transcript.public_share(key.member),
                a,
                s.share,
                s.commitment_g,
                s.commitment_a,
            ).hex()
            for (a, _), s in zip(ciphertexts, partial.shares, strict=True)
        ]
        assert challenges == vector["challenges"]
        partials[key.member] = partial
    for opening in vectors["openings"]:
        weights = lagrange_at_zero(opening["members"])
        assert {str(j): w.hex() for j, w in weights.items()} == opening["lagrange"]
        chosen = [partials[j] for j in opening["members"]]
        assert combine(transcript, ciphertexts, chosen, vectors["ballots"]) == opening["counts"]
        assert opening["counts"] == [item["count"] for item in vectors["ciphertexts"]]


def test_count_signatures(ceremony: tuple[list[Member], Transcript, list[KeyShare]]) -> None:
    """The signed bytes (built from the documented framing: tag, conference id, member index,
    fingerprint, list hash, counts) and each member's Ed25519 signature are the vectors'
    bytes."""
    _, transcript, keys = ceremony
    vectors = VECTORS["count_signatures"]
    opened = Opened(vectors["fingerprint"], vectors["list_hash"])
    for key, expected in zip(keys, vectors["signed_bytes"], strict=True):
        documented = frame(
            b"voting/committee/counts/v2",
            CEREMONY.conference_id.encode(),
            u32(key.member),
            bytes.fromhex(vectors["fingerprint"]),
            bytes.fromhex(vectors["list_hash"]),
            canonical.dumps(vectors["counts"]),
        )
        assert counts_message(CEREMONY.conference_id, key.member, opened, vectors["counts"]) == (
            documented
        )
        assert documented.hex() == expected
    signatures = [sign_counts(key, opened, vectors["counts"]) for key in keys]
    assert [text(s.to_json()) for s in signatures] == vectors["signatures"]
    verify_count_signatures(transcript, opened, vectors["counts"], signatures)


def test_rejoin_proofs(ceremony: tuple[list[Member], Transcript, list[KeyShare]]) -> None:
    """The bytes a restored backup signs, built from the documented framing, and each member's
    proof are the vectors' bytes; each verifies against the member's published key."""
    _, transcript, keys = ceremony
    vectors = VECTORS["rejoin"]
    token = vectors["token"]
    for key, signed, message in zip(
        keys, vectors["signed_bytes"], vectors["messages"], strict=True
    ):
        expected = framed(
            b"voting/committee/rejoin/v1",
            CEREMONY.conference_id.encode(),
            key.member.to_bytes(4, "big"),
            token.encode(),
        )
        assert expected.hex() == signed
        assert text(sign_rejoin(key, token).to_json()) == message
        verify_rejoin(transcript, Rejoin.from_json(json.loads(message)))


def framed(*parts: bytes) -> bytes:
    """docs/crypto-committee.md, "Framing": each part behind its length, 4 bytes big-endian."""
    return b"".join(len(part).to_bytes(4, "big") + part for part in parts)


def reduced_hash(data: bytes) -> str:
    """BLAKE2b-512 reduced modulo the group order, as hex."""
    digest = pysodium.crypto_generichash(data, outlen=64)
    return bytes(pysodium.crypto_core_ristretto255_scalar_reduce(digest)).hex()


def test_challenges_hash_the_documented_inputs() -> None:
    """Each challenge is the reduced hash of the framed input the document spells out, built
    here from the tags and field order alone."""
    conference = CEREMONY.conference_id.encode()
    sizes = (CEREMONY.threshold, CEREMONY.members)
    for vector in VECTORS["members"]:
        proof = vector["possession"]
        expected = framed(
            b"voting/committee/possession/v1",
            conference,
            *(number.to_bytes(4, "big") for number in (vector["member"], *sizes)),
            bytes.fromhex(vector["box_key"]),
            bytes.fromhex(vector["signing_key"]),
            *(bytes.fromhex(c) for c in vector["commitments"]),
            bytes.fromhex(proof["commitment"]),
        )
        assert expected.hex() == proof["challenge_input"]
        assert reduced_hash(expected) == proof["challenge"]
    public_shares = {v["member"]: v["public_share"] for v in VECTORS["members"]}
    ciphertexts = VECTORS["decryption"]["ciphertexts"]
    for vector in VECTORS["decryption"]["partials"]:
        message = json.loads(vector["message"])
        for position, item in enumerate(message["shares"]):
            expected = framed(
                b"voting/committee/decryption/v1",
                conference,
                vector["member"].to_bytes(4, "big"),
                bytes.fromhex(public_shares[vector["member"]]),
                bytes.fromhex(ciphertexts[position]["a"]),
                bytes.fromhex(item["share"]),
                bytes.fromhex(item["proof"]["commitment_g"]),
                bytes.fromhex(item["proof"]["commitment_a"]),
            )
            assert expected.hex() == vector["challenge_inputs"][position]
            assert reduced_hash(expected) == vector["challenges"][position]
