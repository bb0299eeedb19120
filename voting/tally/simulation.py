"""A simulated conference, start to finish, for `voting demo-record`, tests and benchmarks:
cards dealt, a 2-of-3 key ceremony, random ballots from the Python builder, two members
opening the box, and the signed record with the plain counts it must reproduce.
"""

from __future__ import annotations

import os
import random
import secrets
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from voting.crypto.ballot import (
    Ballot,
    BallotContext,
    BallotDefinition,
    Section,
    ballot_hash,
    ballot_list_hash,
    build_ballot,
    conference_fingerprint,
)
from voting.crypto.cards import Card, make_pool
from voting.crypto.decryption import combine, partial_decrypt, sign_counts
from voting.crypto.dkg import Ceremony, simulate_ceremony
from voting.crypto.group import Point
from voting.crypto.installation import InstallationKey
from voting.rules import KH331
from voting.tally.opening import Box, verify_box
from voting.tally.record import Conference, Counts, counts_by_section, make_record, sign_record

PROCEDURE, STEP = "next_term", 3


class SimulationError(ValueError):
    """The simulation's sizes are impossible."""


@dataclass(frozen=True)
class Simulated:
    """The signed record's bytes and the counts it must hold."""

    record: bytes
    expected: Counts


def demo_definition(candidates: int, sections: int, quota: int) -> BallotDefinition:
    """`candidates` split as evenly as possible over `sections` (the first ones take the
    remainder); each section's quota is `quota`, capped at its number of candidates."""
    if sections < 1 or candidates < sections:
        raise SimulationError("need at least one section and one candidate per section")
    if quota < 1:
        raise SimulationError("the quota is at least 1")
    size, extra = divmod(candidates, sections)
    result, number = [], 1
    for index in range(sections):
        count = size + (index < extra)
        names = tuple(f"c{n}" for n in range(number, number + count))
        number += count
        result.append(Section(f"s{index + 1}", names, min(quota, count)))
    return BallotDefinition(tuple(result))


def opened_context(
    conference_id: str,
    definition: BallotDefinition,
    card_keys: Sequence[str],
    joint_key: Point,
    convened: int,
    present: int,
) -> BallotContext:
    """What ballots of a simulated conference (KH 331, next-term step 3) are built and
    verified against once it opens."""
    fingerprint = conference_fingerprint(
        conference_id,
        rule_set=KH331.name,
        rule_set_hash=KH331.hash,
        procedure=PROCEDURE,
        step=STEP,
        definition=definition,
        card_keys=card_keys,
        joint_key=joint_key,
        convened=convened,
        present=present,
    )
    return BallotContext(conference_id, fingerprint, definition, joint_key)


def simulate(
    voters: int, candidates: int, sections: int, quota: int, installation: InstallationKey
) -> Simulated:
    """Run a whole conference of `voters` (all convened, present and voting)."""
    if voters < 1:
        raise SimulationError("at least one voter")
    definition = demo_definition(candidates, sections, quota)
    conference = Conference(
        id=f"demo-{secrets.token_hex(8)}",
        title="Hội nghị mô phỏng (demo)",
        procedure=PROCEDURE,
        step=STEP,
    )
    pool = make_pool(conference.id, voters)
    transcript, keys = simulate_ceremony(Ceremony(conference.id, threshold=2, members=3))
    context = opened_context(
        conference.id, definition, pool.public_keys, transcript.joint_key, voters, voters
    )
    fingerprint = context.fingerprint
    rng = random.SystemRandom()
    choices = [
        {s.id: rng.sample(s.candidates, rng.randint(0, s.quota)) for s in definition.sections}
        for _ in range(voters)
    ]

    def cast(index: int) -> Ballot:
        card = Card.from_secret(conference.id, pool.secrets[index])
        return build_ballot(context, card, choices[index])

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as threads:
        ballots = list(threads.map(cast, range(voters)))
    checked = verify_box(
        Box(context, pool.public_keys, (), voters, voters, _list_hash(ballots)), ballots
    )
    # One process plays every member here, so the list is verified once for members 1 and 2.
    partials = [partial_decrypt(key, checked.aggregates()) for key in keys[:2]]
    counts = counts_by_section(
        definition, combine(transcript, checked.aggregates(), partials, voters)
    )
    document = make_record(
        conference=conference,
        rule_set=KH331,
        definition=definition,
        card_keys=pool.public_keys,
        voided=(),
        convened=voters,
        present=voters,
        transcript=transcript,
        fingerprint=fingerprint,
        ballots=ballots,
        checked=checked,
        partials=partials,
        counts=counts,
        count_signatures=[sign_counts(key, counts) for key in keys[:2]],
    )
    expected = {
        s.id: {c: sum(c in chosen[s.id] for chosen in choices) for c in s.candidates}
        for s in definition.sections
    }
    return Simulated(sign_record(document, installation), expected)


def _list_hash(ballots: list[Ballot]) -> str:
    return ballot_list_hash(ballot_hash(ballot) for ballot in ballots)
