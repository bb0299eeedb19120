"""The request bodies in frozen wire formats: the committee's messages
(docs/crypto-committee.md) and the signed ballot (docs/crypto.md). Each is read whole by its
service's reader (`ceremony.read`, `counting.read_partial`, `casting.read_ballot`, …), which
checks shape and encodings with voting.crypto and refuses with the format's own codes; the
schema of each is the format's envelope, as /api/openapi.json publishes it. The other bodies
are in voting.web.api.bodies.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import PlainValidator, WithJsonSchema

from voting.conference import casting, ceremony, counting
from voting.conference.errors import refused
from voting.crypto.ballot import Ballot
from voting.crypto.decryption import CountSignature, PartialDecryption
from voting.crypto.dkg import MAX_MEMBERS, Commitment, CommitmentHash, Complaint, SealedShare
from voting.crypto.rejoin import Rejoin
from voting.web.schema import Wire

HEX = {"type": "string", "pattern": "^([0-9a-f]{2})*$"}
MEMBER = {"type": "integer", "minimum": 1, "maximum": MAX_MEMBERS}
TEXT = {"type": "string", "minLength": 1}


def _hex(size: int, description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": f"^[0-9a-f]{{{2 * size}}}$", "description": description}


def envelope(kind: str | None, description: str, **fields: Any) -> dict[str, Any]:
    """A message carrying exactly its `kind` and `fields`, all required, nothing else."""
    properties = ({"kind": {"const": kind}} if kind else {}) | fields
    return {
        "type": "object",
        "description": description,
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


SHARE = envelope(
    "committee-share",
    "f_sender(receiver), sealed to the receiver's box key",
    conference_id=TEXT,
    **{"from": MEMBER, "to": MEMBER},
    sealed=HEX,
)


class CommitmentHashMessage(Wire[CommitmentHash]):
    root: Annotated[
        CommitmentHash,
        PlainValidator(lambda data: ceremony.read(CommitmentHash, data)),
        WithJsonSchema(
            envelope(
                "committee-commitment-hash",
                "Step 1: the hash of the member's reveal, published first",
                conference_id=TEXT,
                member=MEMBER,
                hash=_hex(32, "SHA-256 of the reveal's canonical JSON"),
            )
        ),
    ]


class CommitmentMessage(Wire[Commitment]):
    root: Annotated[
        Commitment,
        PlainValidator(lambda data: ceremony.read(Commitment, data)),
        WithJsonSchema(
            envelope(
                "committee-commitment",
                "Step 2: the reveal — Feldman commitments, box and signing keys, and a proof "
                "of possession",
                conference_id=TEXT,
                threshold=MEMBER,
                members=MEMBER,
                member=MEMBER,
                commitments={"type": "array", "items": _hex(32, "a point")},
                box_key=_hex(32, "X25519 public key"),
                signing_key=_hex(32, "Ed25519 public key"),
                proof=envelope(
                    None,
                    "Schnorr proof of a_0",
                    commitment=_hex(32, "a point"),
                    response=_hex(32, "a scalar"),
                ),
            )
        ),
    ]


class SharesMessage(Wire[list[SealedShare]]):
    root: Annotated[
        list[SealedShare],
        PlainValidator(ceremony.read_shares),
        WithJsonSchema(
            {
                "type": "object",
                "description": "Step 3: one sealed share for every other member",
                "required": ["shares"],
                "properties": {"shares": {"type": "array", "items": SHARE}},
            }
        ),
    ]


class ComplaintMessage(Wire[Complaint]):
    root: Annotated[
        Complaint,
        PlainValidator(lambda data: ceremony.read(Complaint, data)),
        WithJsonSchema(
            envelope(
                "committee-complaint",
                "A member's complaint against a sender: the round stops",
                conference_id=TEXT,
                accuser=MEMBER,
                accused=MEMBER,
                reason={"enum": list(Complaint.REASONS)},
            )
        ),
    ]


class ConfirmationMessage(Wire[ceremony.Confirmation]):
    root: Annotated[
        ceremony.Confirmation,
        PlainValidator(ceremony.read_confirmation),
        WithJsonSchema(
            {
                "type": "object",
                "description": "Step 4: shares checked, backup saved, Y_j is in Y",
                "required": ["backup_saved", "joint_key", "public_share"],
                "properties": {
                    "backup_saved": {"const": True},
                    "joint_key": _hex(32, "Y"),
                    "public_share": _hex(32, "Y_j the member computed from its share"),
                },
            }
        ),
    ]


class RejoinMessage(Wire[Rejoin]):
    root: Annotated[
        Rejoin,
        PlainValidator(lambda data: ceremony.read(Rejoin, data)),
        WithJsonSchema(
            envelope(
                "committee-rejoin",
                "The backup's signed proof for a replacement token",
                conference_id=TEXT,
                member=MEMBER,
                token=TEXT,
                signature=_hex(64, "Ed25519 signature"),
            )
        ),
    ]


class PartialMessage(Wire[PartialDecryption]):
    root: Annotated[
        PartialDecryption,
        PlainValidator(counting.read_partial),
        WithJsonSchema(
            envelope(
                "committee-partial-decryption",
                "The member's decryption shares of the frozen list's aggregate, in order",
                conference_id=TEXT,
                member=MEMBER,
                shares={
                    "type": "array",
                    "items": envelope(
                        None,
                        "s_j·a with its proof",
                        share=_hex(32, "a point"),
                        proof=envelope(
                            None,
                            "Chaum–Pedersen proof",
                            commitment_g=_hex(32, "a point"),
                            commitment_a=_hex(32, "a point"),
                            response=_hex(32, "a scalar"),
                        ),
                    ),
                },
            )
        ),
    ]


class CountSignatureMessage(Wire[CountSignature]):
    root: Annotated[
        CountSignature,
        PlainValidator(counting.read_count_signature),
        WithJsonSchema(
            envelope(
                "committee-count-signature",
                "The member's signature of the counts",
                conference_id=TEXT,
                member=MEMBER,
                signature=_hex(64, "Ed25519 signature"),
            )
        ),
    ]


def _ballot(data: Any) -> Ballot:
    if data is None:  # not JSON at all; any other value is the ballot reader's to refuse
        raise refused("ballot_malformed.body")
    return casting.read_ballot(data)


class SignedBallot(Wire[Ballot]):
    objects_only: ClassVar[bool] = False
    root: Annotated[
        Ballot,
        PlainValidator(_ballot),
        WithJsonSchema(
            envelope(
                None,
                "A ballot of docs/crypto.md: its shape and encodings checked by the ballot "
                "box (refusal `ballot_malformed`), then its proofs and signature",
                conference=TEXT,
                fingerprint=_hex(32, "the conference's fingerprint"),
                card=_hex(32, "the card's public key"),
                sections={"type": "array", "items": {"type": "object"}},
                signature=_hex(64, "the card's Ed25519 signature"),
            )
        ),
    ]
