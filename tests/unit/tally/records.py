"""Records for both verifiers: made whole by the simulation (a sealed step, a final step with a
boundary tie decided by the head, a cadre over the positions cap in four positions, a removal
ballot, v1 records) and changed by every tamper of `tampers.py`, each with the number of the
check that must refuse it (0: it verifies)."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.unit.tally.tampers import TAMPERS, Document, event, rechain, resign
from voting import canonical
from voting.crypto.ballot import BallotDefinition, Section
from voting.crypto.installation import InstallationKey
from voting.rules import HeadDecision
from voting.tally.simulation import simulate

VECTORS = Path(__file__).parents[2] / "vectors" / "records"
DECIDED = HeadDecision({"s1": ["c2", "c1"]}, "user:head", "2026-12-04T09:00:00Z", "bốc thăm")


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    check: int


def tied(key: InstallationKey, decision: HeadDecision | None = DECIDED) -> bytes:
    """Final step, one position of quota 2: c1, c2 and c3 each with 3 of 5 — a boundary tie."""
    definition = BallotDefinition((Section("s1", ("c1", "c2", "c3", "c4"), 2),))
    choices = [{"s1": m} for m in (["c1", "c2"], ["c1", "c3"], ["c2", "c3"], ["c2", "c3"], ["c1"])]
    made = simulate(5, 0, 0, 0, key, 5, definition=definition, choices=choices, decision=decision)
    return made.record


def over_cap(key: InstallationKey, decision: HeadDecision | None = None) -> bytes:
    """Final step, one candidate id (one cadre) first in four positions: over the cap of 3."""
    definition = BallotDefinition(tuple(Section(f"s{n}", ("c1", "c2"), 1) for n in range(1, 5)))
    choices = [{f"s{n}": ["c1"] for n in range(1, 5)}] * 3
    return simulate(
        3, 0, 0, 0, key, 5, definition=definition, choices=choices, decision=decision
    ).record


def changed(data: bytes, key: InstallationKey, change: Callable[[Document], None]) -> bytes:
    document = canonical.loads(data)
    change(document)
    return resign(document, key)


def relabel_v1(document: Document) -> None:
    document["format"] = "voting-record/v1"


def choose_a_candidate_who_did_not_pass(document: Document) -> None:
    document["decision"]["chosen"] = {"s1": ["c4"]}
    event(document, "head.decided")["chosen"] = {"s1": ["c4"]}
    rechain(document)


def cases(key: InstallationKey) -> list[Case]:
    base = simulate(voters=6, candidates=6, sections=2, quota=2, installation=key).record
    decided_tie = tied(key)
    capped = over_cap(key)
    short = BallotDefinition((Section("s1", ("c1", "c2"), 1),))
    made = [
        Case("sealed step", base, 0),
        Case("final step, random", simulate(5, 3, 1, 2, key, step=5).record, 0),
        Case("boundary tie, undecided", tied(key, None), 0),
        Case("boundary tie, decided", decided_tie, 0),
        Case("over cap in four positions", capped, 0),
        Case(
            "over cap, decided",
            over_cap(
                key,
                HeadDecision(
                    {"s1": ["c1"], "s2": ["c1"], "s3": ["c1"], "s4": []}, "user:head", "t", ""
                ),
            ),
            0,
        ),
        Case(
            "removal ballot", simulate(3, 3, 1, 1, key, procedure="annual_review", step=1).record, 0
        ),
        Case("below quorum", simulate(2, 2, 1, 1, key, absent=4).record, 5),
        Case(
            "removal ballot with a short quota",
            simulate(3, 2, 1, 1, key, procedure="annual_review", step=1, definition=short).record,
            4,
        ),
        # a v3 record relabelled v1: its count signatures are over the v3 message (check 12)
        Case("over cap written as v1", changed(capped, key, relabel_v1), 12),
        Case(
            "a decided candidate who did not pass",
            changed(decided_tie, key, choose_a_candidate_who_did_not_pass),
            14,
        ),
        Case("not canonical", base + b"\n", 1),
        *(Case(f"v1 {p.name}", p.read_bytes(), 0) for p in sorted(VECTORS.glob("v1-*.json"))),
    ]
    for change, check, _ in TAMPERS:
        made.append(Case(change.__name__, changed(base, key, change), check))
    for position in range(7, len(base), len(base) // 40):
        flipped = bytearray(base)
        flipped[position] ^= 0x01
        made.append(Case(f"byte {position} flipped", bytes(flipped), -1))
    return made
