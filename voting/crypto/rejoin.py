"""A committee member taking its seat again on a new phone (the old one lost or broken).

The organiser's replacement token only says which seat; the new phone proves it holds that
seat's key by signing the token with the Ed25519 key of its backup — the one the member
published in the ceremony. So a token alone binds nothing, and a wrong backup file is refused
before the phone takes part. Format: docs/crypto-committee.md "Rejoining".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pysodium

from voting.crypto import committee_json as wire
from voting.crypto.committee_json import CommitteeError
from voting.crypto.dkg import MAX_MEMBERS, KeyShare, Transcript
from voting.crypto.framing import frame, u32

REJOIN_TAG = "voting/committee/rejoin/v1"


@dataclass(frozen=True)
class Rejoin:
    """Member j's signature, with its published signing key, over the replacement token."""

    conference_id: str
    member: int
    token: str
    signature: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": "committee-rejoin",
            "conference_id": self.conference_id,
            "member": self.member,
            "token": self.token,
            "signature": self.signature.hex(),
        }

    @classmethod
    def from_json(cls, value: object) -> Rejoin:
        names = {"conference_id", "member", "token", "signature"}
        message = wire.fields(value, "committee-rejoin", names)
        return cls(
            wire.text(message, "conference_id"),
            wire.integer(message, "member", 1, MAX_MEMBERS),
            wire.text(message, "token"),
            wire.raw(message, "signature", pysodium.crypto_sign_BYTES),
        )


def rejoin_message(conference_id: str, member: int, token: str) -> bytes:
    """What is signed: the framed tag, conference id, member and token."""
    return frame(REJOIN_TAG.encode(), conference_id.encode(), u32(member), token.encode())


def sign_rejoin(key: KeyShare, token: str) -> Rejoin:
    """The proof a restored backup gives for the replacement `token`."""
    signature = key.sign(rejoin_message(key.conference_id, key.member, token))
    return Rejoin(key.conference_id, key.member, token, signature)


def verify_rejoin(transcript: Transcript, rejoin: Rejoin) -> None:
    """Check the proof was made with the signing key member j published in this ceremony."""
    ceremony = transcript.ceremony
    if rejoin.conference_id != ceremony.conference_id:
        raise CommitteeError("the rejoin proof is for another conference")
    signing_key = transcript.reveal(rejoin.member).signing_key  # refuses an unknown member
    message = rejoin_message(rejoin.conference_id, rejoin.member, rejoin.token)
    try:
        pysodium.crypto_sign_verify_detached(rejoin.signature, message, signing_key)
    except ValueError as error:
        raise CommitteeError(
            f"the rejoin proof is not signed with member {rejoin.member}'s key"
        ) from error
