"""The ballot list as a whole: every ballot verified, each card used once, no more ballots than
present, then its hash and its aggregate.

The committee's phones, the server and the offline verifier all go through `check_ballot_list`,
so nobody decrypts an aggregate that includes a ballot they have not verified themselves.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from voting.crypto.ballot import (
    Ballot,
    BallotContext,
    BallotError,
    aggregate,
    ballot_hash,
    ballot_list_hash,
    verify_ballot,
)
from voting.crypto.decryption import Aggregate
from voting.crypto.elgamal import Ciphertext


@dataclass(frozen=True)
class CheckedList:
    """A verified ballot list: its hashes in list order, the list hash and the aggregate."""

    hashes: tuple[str, ...]
    list_hash: str
    sums: dict[str, dict[str, Ciphertext]]

    def aggregates(self) -> list[Aggregate]:
        """Every candidate's aggregate as (a, b), in ballot order: what the committee opens."""
        return [(c.a, c.b) for section in self.sums.values() for c in section.values()]


def check_ballot_list(
    context: BallotContext,
    ballots: Sequence[Ballot],
    card_keys: Collection[str],
    voided: Collection[str],
    present: int,
) -> CheckedList:
    """Raise BallotError naming the first ballot (by position) that fails, a card used twice,
    or more ballots than attendees present. Ballots are verified on every core: libsodium
    releases the GIL, so threads run the proofs in parallel."""
    usable = frozenset(card_keys) - frozenset(voided)
    seen: dict[bytes, int] = {}
    for position, ballot in enumerate(ballots):
        if ballot.card in seen:
            raise BallotError(
                f"ballot {position}: card {ballot.card.hex()[:16]}… already cast ballot "
                f"{seen[ballot.card]}"
            )
        seen[ballot.card] = position
        if ballot.card.hex() in voided:
            raise BallotError(f"ballot {position}: card {ballot.card.hex()[:16]}… was voided")
    if len(ballots) > present:
        raise BallotError(f"{len(ballots)} ballots but only {present} attendees present")

    def check(position: int) -> None:
        try:
            verify_ballot(context, ballots[position], usable)
        except BallotError as error:
            raise BallotError(f"ballot {position}: {error}") from error

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(check, range(len(ballots))))
    hashes = tuple(ballot_hash(ballot) for ballot in ballots)
    return CheckedList(hashes, ballot_list_hash(hashes), aggregate(context.definition, ballots))
