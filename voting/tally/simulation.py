"""A simulated conference, start to finish, for `voting demo-record`, tests and benchmarks:
cards dealt, a 2-of-3 key ceremony, random ballots from the Python builder, two members
opening the box, and the signed record with the plain counts it must reproduce — with the event
log the server would have kept, the threshold decisions and, at a final step, the selection.
"""

from __future__ import annotations

import os
import random
import secrets
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

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
from voting.crypto.cards import Card, card_list_hash, make_pool
from voting.crypto.decryption import Opened, combine, partial_decrypt, sign_counts
from voting.crypto.dkg import Ceremony, simulate_ceremony
from voting.crypto.group import Point
from voting.crypto.installation import InstallationKey
from voting.rules import KH331, HeadDecision, RulesError
from voting.tally.bundles import served_bundles
from voting.tally.chain import next_entry
from voting.tally.opening import Box, verify_box
from voting.tally.record import (
    CardCounts,
    Counts,
    counts_by_section,
    key_fingerprint,
    make_record,
    sign_record,
)
from voting.tally.shapes import Position, RecordCandidate, RecordConference, decision_data

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


def demo_positions(definition: BallotDefinition) -> list[Position]:
    """Display data for the simulated ballot: numbered positions and candidates."""
    return [
        Position(
            id=section.id,
            title=f"Chức danh {index}",
            candidates=tuple(
                RecordCandidate(
                    id=candidate,
                    cadre=candidate,
                    full_name=f"Ứng viên {candidate.upper()}",
                    post="Trưởng phòng",
                    unit=f"Phòng {index}",
                )
                for candidate in section.candidates
            ),
        )
        for index, section in enumerate(definition.sections, start=1)
    ]


def opened_context(
    conference_id: str,
    definition: BallotDefinition,
    card_keys: Sequence[str],
    joint_key: Point,
    convened: int,
    present: int,
    step: int = STEP,
    procedure: str = PROCEDURE,
) -> BallotContext:
    """What ballots of a simulated conference (KH 331, next-term `step`, 3 by default) are
    built and verified against once it opens."""
    fingerprint = conference_fingerprint(
        conference_id,
        rule_set=KH331.name,
        rule_set_hash=KH331.hash,
        procedure=procedure,
        step=step,
        definition=definition,
        card_keys=card_keys,
        joint_key=joint_key,
        convened=convened,
        present=present,
    )
    return BallotContext(conference_id, fingerprint, definition, joint_key)


def simulate(
    voters: int,
    candidates: int,
    sections: int,
    quota: int,
    installation: InstallationKey,
    step: int = STEP,
    *,
    procedure: str = PROCEDURE,
    absent: int = 0,
    definition: BallotDefinition | None = None,
    choices: Sequence[Mapping[str, Sequence[str]]] | None = None,
    decision: HeadDecision | None = None,
) -> Simulated:
    """Run a whole conference of `voters` (all present and voting; `absent` more convened) at
    `step` of `procedure` (next-term 3 by default). Tests give their own `definition` (it then
    replaces `candidates`, `sections` and `quota`), each voter's `choices` (instead of random
    ones) and the head's `decision`, to make records of ties, over-cap cadres and decisions —
    or records no server would write."""
    if voters < 1:
        raise SimulationError("at least one voter")
    try:
        rules_step = KH331.step(procedure, step)
    except RulesError as error:
        raise SimulationError(str(error)) from error
    if rules_step.ballot == "none":
        raise SimulationError(f"step {step} holds no candidates ballot")
    if definition is None:
        definition = demo_definition(candidates, sections, quota)
        if rules_step.ballot == "removal":
            definition = BallotDefinition(
                tuple(replace(s, quota=len(s.candidates)) for s in definition.sections)
            )
    now = datetime.now(UTC)
    conference = RecordConference(
        agency="Cơ quan mô phỏng (demo)",
        timezone="Asia/Ho_Chi_Minh",
        id=f"demo-{secrets.token_hex(8)}",
        title="Hội nghị mô phỏng (demo)",
        procedure=procedure,
        step=step,
        step_title=rules_step.title,
        held_on=now.date().isoformat(),
        place="Hội trường mô phỏng",
    )
    pool = make_pool(conference.id, voters)
    transcript, keys = simulate_ceremony(Ceremony(conference.id, threshold=2, members=3))
    convened = voters + absent
    context = opened_context(
        conference.id,
        definition,
        pool.public_keys,
        transcript.joint_key,
        convened,
        voters,
        step,
        procedure,
    )
    fingerprint = context.fingerprint
    rng = random.SystemRandom()
    if choices is None:
        choices = [
            {s.id: rng.sample(s.candidates, rng.randint(0, s.quota)) for s in definition.sections}
            for _ in range(voters)
        ]
    if len(choices) != voters:
        raise SimulationError(f"{len(choices)} voters' choices for {voters} voters")
    marked = choices

    def cast(index: int) -> Ballot:
        card = Card.from_secret(conference.id, pool.secrets[index])
        return build_ballot(context, card, marked[index])

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
        positions=demo_positions(definition),
        card_keys=pool.public_keys,
        voided=(),
        card_counts=CardCounts(dealt=voters, replaced=0, undone=0),
        convened=convened,
        present=voters,
        transcript=transcript,
        fingerprint=fingerprint,
        ballots=ballots,
        checked=checked,
        partials=partials,
        counts=counts,
        count_signatures=[
            sign_counts(key, Opened(fingerprint, checked.list_hash), counts) for key in keys[:2]
        ],
        decision=decision,
        planned={},
        events=_events(
            conference.id,
            fingerprint,
            pool.public_keys,
            convened,
            checked.list_hash,
            now,
            decision,
            transcript.joint_key.hex(),
        ),
        bundles=served_bundles(),
    )
    expected = {
        s.id: {c: sum(c in chosen.get(s.id, ()) for chosen in marked) for c in s.candidates}
        for s in definition.sections
    }
    return Simulated(sign_record(document, installation), expected)


def _events(
    conference: str,
    fingerprint: str,
    card_keys: Sequence[str],
    convened: int,
    list_hash: str,
    now: datetime,
    decision: HeadDecision | None,
    joint_key: str,
) -> list[dict[str, Any]]:
    """The log the server keeps for such a conference: check-ins, the ceremony, the opening,
    the closing with the ballot-list hash, members 1 and 2's shares and signatures."""
    at = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    voters = len(card_keys)
    entries: list[dict[str, Any]] = []

    def log(kind: str, actor: str, data: dict[str, Any]) -> None:
        entries.append(
            next_entry(entries[-1] if entries else None, conference, kind, actor, at, data)
        )

    log("conference.created", "user:demo", {})
    for attendee in range(1, voters + 1):
        log("checkin", "user:demo", {"attendee": attendee})
    log(
        "committee.complete",
        "member:3",
        {"joint_key": joint_key, "joint_fingerprint": key_fingerprint(joint_key)},
    )
    log(
        "phase.changed",
        "user:demo",
        {
            "from": "checkin",
            "to": "voting",
            "convened": convened,
            "present": voters,
            "cards": voters,
            "dealt": voters,
            "replaced": 0,
            "voided": 0,
            "fingerprint": fingerprint,
            "card_list_hash": card_list_hash(card_keys),
        },
    )
    log(
        "phase.changed",
        "user:demo",
        {"from": "voting", "to": "closed", "ballots": voters, "ballot_list_hash": list_hash},
    )
    for member in (1, 2):
        log("box.partial", f"member:{member}", {"member": member})
    log("box.opened", "member:2", {"members": [1, 2], "ballots": voters})
    for member in (1, 2):
        log("box.counts_signed", f"member:{member}", {"member": member})
    if decision is not None:
        log("head.decided", decision.decided_by, {"chosen": decision_data(decision)["chosen"]})
    return entries


def _list_hash(ballots: list[Ballot]) -> str:
    return ballot_list_hash(ballot_hash(ballot) for ballot in ballots)
