"""The conference record: one canonical JSON document that holds everything needed to re-check
a count offline, signed by the installation's Ed25519 key. Its format is `docs/record.md`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from voting import canonical
from voting.crypto.ballot import Ballot, BallotDefinition, ballot_hash
from voting.crypto.decryption import CountSignature, PartialDecryption
from voting.crypto.dkg import Transcript
from voting.crypto.framing import frame
from voting.crypto.installation import InstallationKey
from voting.rules import HeadDecision, RuleSet
from voting.tally.ballot_list import CheckedList
from voting.tally.evaluation import cadres_of, evaluation, evaluation_data, selection
from voting.tally.shapes import Cards, Frozen, Position, RecordConference, decision_data
from voting.tally.versions import FORMAT

SIGNATURE_TAG = "voting/record/signature/v1"

Counts = dict[str, dict[str, int]]


@dataclass(frozen=True)
class CardCounts:
    """The desk's counters: cards dealt, dealt as replacements, and dealt then undone."""

    dealt: int
    replaced: int
    undone: int


def counts_by_section(definition: BallotDefinition, flat: Sequence[int]) -> Counts:
    """Section id → candidate id → count, from counts in ballot order."""
    values = iter(flat)
    return {
        section.id: {candidate: next(values) for candidate in section.candidates}
        for section in definition.sections
    }


def make_record(
    *,
    conference: RecordConference,
    rule_set: RuleSet,
    definition: BallotDefinition,
    positions: Sequence[Position],
    card_keys: Sequence[str],
    voided: Sequence[str],
    card_counts: CardCounts,
    convened: int,
    present: int,
    transcript: Transcript,
    fingerprint: str,
    ballots: Sequence[Ballot],
    checked: CheckedList,
    partials: Sequence[PartialDecryption],
    counts: Counts,
    count_signatures: Sequence[CountSignature],
    decision: HeadDecision | None,
    planned: Mapping[str, int],
    events: Sequence[dict[str, Any]],
    bundles: dict[str, str],
) -> dict[str, Any]:
    """The unsigned record; ballots are put in hash order (never the order they arrived in).
    The threshold decisions and the selection are computed here from the counts with the
    embedded rules, exactly as the verifier recomputes them; the conference's `step_title` is
    the title those rules give its step (the verifier refuses any other)."""
    ordered = sorted(ballots, key=ballot_hash)
    step = rule_set.step(conference.procedure, conference.step)
    return {
        "format": FORMAT,
        "conference": conference.to_json(),
        "rule_set": {"name": rule_set.name, "hash": rule_set.hash, "content": rule_set.content},
        "ballot": definition.to_dict(),
        "positions": [position.to_json() for position in positions],
        "cards": Cards(
            keys=tuple(sorted(card_keys)),
            voided=tuple(sorted(voided)),
            dealt=card_counts.dealt,
            replaced=card_counts.replaced,
            undone=card_counts.undone,
        ).to_json(),
        "frozen": Frozen(convened, present).to_json(),
        "committee": transcript.to_json(),
        "fingerprint": fingerprint,
        "ballots": [ballot.to_dict() for ballot in ordered],
        "ballot_list_hash": checked.list_hash,
        "aggregate": {
            section: {candidate: c.to_dict() for candidate, c in sums.items()}
            for section, sums in checked.sums.items()
        },
        "partials": [partial.to_json() for partial in sorted(partials, key=lambda p: p.member)],
        "counts": counts,
        "count_signatures": [
            item.to_json() for item in sorted(count_signatures, key=lambda s: s.member)
        ],
        "evaluation": evaluation_data(evaluation(step, counts, present, convened)),
        "planned": dict(planned),
        "selection": selection(
            step,
            definition,
            counts,
            present,
            convened,
            decision,
            cadres_of(positions),
            planned,
        ),
        "decision": decision_data(decision),
        "events": list(events),
        "bundles": dict(bundles),
    }


def key_fingerprint(public_hex: str) -> str:
    """The installation key's fingerprint as printed on every document and shown in the
    interface: the first 16 hex digits of SHA-256 of the key's 32 bytes, in groups of four."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def signed_message(document: dict[str, Any]) -> bytes:
    """What the installation signs: the tag and the canonical record without `signature`."""
    unsigned = {key: value for key, value in document.items() if key != "signature"}
    return frame(SIGNATURE_TAG.encode(), canonical.dumps(unsigned))


def sign_record(document: dict[str, Any], key: InstallationKey) -> bytes:
    """The record's file: canonical JSON with the installation's public key and signature
    (no trailing newline: the file is exactly the signed bytes' JSON)."""
    with_key = {**document, "installation": {"public_key": key.public_hex}}
    return canonical.dumps({**with_key, "signature": key.sign(signed_message(with_key))})
