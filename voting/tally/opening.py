"""A committee member opens the box: only the aggregate of the whole ballot list it has
verified itself, and only when the count and the list hash match what the room was shown.

Decrypting a single ballot or a subset would reveal how people voted, so there is no other way
to make a partial decryption from ballots.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from voting.crypto.ballot import Ballot, BallotContext, BallotError
from voting.crypto.decryption import PartialDecryption, partial_decrypt
from voting.crypto.dkg import KeyShare
from voting.tally.ballot_list import CheckedList, check_ballot_list


class OpeningError(ValueError):
    """The member refuses to open the box; the message says why."""


def far_fewer(count: int, present: int) -> bool:
    """Whether `count` ballots are far fewer than the `present` attendees — fewer than half: a
    box opened with so few would give away the votes of the few as counts, so a member refuses
    it (js/src/ballot-box.js holds the same rule)."""
    return 2 * count < present


@dataclass(frozen=True)
class Box:
    """What the room was shown at closing, and what the member checks against it."""

    context: BallotContext
    card_keys: Collection[str]
    voided: Collection[str]
    present: int
    ballot_count: int
    list_hash: str


def open_box(box: Box, ballots: Sequence[Ballot], key: KeyShare) -> PartialDecryption:
    """Verify every ballot, recompute the aggregate, check the count and the list hash, and only
    then make this member's partial decryption of the aggregate."""
    checked = verify_box(box, ballots)
    if key.conference_id != box.context.conference_id:
        raise OpeningError("this committee key belongs to another conference")
    if key.transcript.joint_key != box.context.joint_key:
        raise OpeningError("this committee key is not part of the key the ballots were cast to")
    return partial_decrypt(key, checked.aggregates())


def verify_box(box: Box, ballots: Sequence[Ballot]) -> CheckedList:
    """The checked ballot list, if it is the one announced at closing."""
    if len(ballots) != box.ballot_count:
        raise OpeningError(
            f"{len(ballots)} ballots received, {box.ballot_count} announced at closing"
        )
    if far_fewer(len(ballots), box.present):
        raise OpeningError(
            f"{len(ballots)} ballots is far fewer than the {box.present} attendees present: "
            "opening would reveal too much"
        )
    try:
        checked = check_ballot_list(box.context, ballots, box.card_keys, box.voided, box.present)
    except BallotError as error:
        raise OpeningError(f"refusing to open: {error}") from error
    if checked.list_hash != box.list_hash:
        raise OpeningError(
            f"the ballot list hashes to {checked.list_hash[:16]}…, "
            f"not {box.list_hash[:16]}… as announced at closing"
        )
    return checked
