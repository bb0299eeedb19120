"""`voting verify`: re-check a conference record offline, from its bytes alone.

The checks run in the order a reader would trust them: the file is canonical and signed by the
installation (pinned to a key when given); the embedded rule set hashes to its name's hash; the
committee's transcript proves itself and gives the joint key; the fingerprint is recomputed;
every ballot is verified against it (card on the list, not voided, used once), in hash order;
the list hash and the aggregate are recomputed; every partial decryption is proven and at
least t of them give exactly the recorded counts, which at least t members signed.
The first failure is named and nothing after it is trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from voting import canonical
from voting.crypto.ballot import (
    Ballot,
    BallotContext,
    BallotDefinition,
    conference_fingerprint,
)
from voting.crypto.decryption import (
    CountSignature,
    Opened,
    PartialDecryption,
    combine,
    verify_count_signatures,
)
from voting.crypto.dkg import Transcript
from voting.crypto.installation import InstallationKeyError, verify
from voting.rules import RulesError, rule_set_from_mapping
from voting.tally.ballot_list import check_ballot_list
from voting.tally.chain import check_facts, check_links
from voting.tally.evaluation import cadres_of, decision_of, evaluation, selection
from voting.tally.record import FORMAT, Counts, counts_by_section, signed_message

KEYS = {
    "format",
    "conference",
    "rule_set",
    "ballot",
    "positions",
    "cards",
    "frozen",
    "committee",
    "fingerprint",
    "ballots",
    "ballot_list_hash",
    "aggregate",
    "partials",
    "counts",
    "count_signatures",
    "evaluation",
    "planned",
    "selection",
    "decision",
    "events",
    "bundles",
    "installation",
    "signature",
}


class RecordError(ValueError):
    """The record fails a check; the message names the first one."""


@dataclass(frozen=True)
class Summary:
    """What a verified record says, for a person to read."""

    conference_id: str
    title: str
    rule_set: str
    procedure: str
    step: int
    convened: int
    present: int
    cards: int
    voided: int
    ballots: int
    ballot_list_hash: str
    installation_key: str
    opened_by: tuple[int, ...]
    counts: Counts
    passed: int
    events: int


def verify_record(data: bytes, key: str | None = None) -> Summary:
    """Check every part of a record (bytes as written); raise RecordError at the first fault."""
    try:
        document = canonical.loads(data)
    except canonical.CanonicalError as error:
        raise RecordError(f"the file is not a canonical record: {error}") from error
    if not isinstance(document, dict) or set(document) != KEYS:
        raise RecordError("the file does not have the fields of a conference record")
    if document["format"] != FORMAT:
        raise RecordError(f"unknown record format {document['format']!r}, expected {FORMAT}")
    public_key = _installation(document, key)
    return _Checker(document, public_key).run()


def _installation(document: dict[str, Any], pinned: str | None) -> str:
    installation = document["installation"]
    public_key = installation.get("public_key") if isinstance(installation, dict) else None
    if not isinstance(public_key, str):
        raise RecordError("the record names no installation key")
    if pinned is not None and public_key != pinned.lower():
        raise RecordError(
            f"the record is signed by installation key {public_key}, not the expected {pinned}"
        )
    signature = document["signature"]
    try:
        verify(
            public_key, signed_message(document), signature if isinstance(signature, str) else ""
        )
    except InstallationKeyError as error:
        raise RecordError(f"the installation's signature does not verify: {error}") from error
    return public_key


class _Checker:
    """The checks after the signature, each naming the part of the record it reads."""

    def __init__(self, document: dict[str, Any], public_key: str) -> None:
        self.document = document
        self.public_key = public_key

    def part(self, name: str, parse: Any) -> Any:
        try:
            return parse(self.document[name])
        except (ValueError, KeyError, TypeError) as error:
            raise RecordError(f"{name}: {error}") from error

    def run(self) -> Summary:
        d = self.document
        conference = self.part("conference", _conference)
        rule_set = self.part("rule_set", _rule_set)
        definition = self.part("ballot", BallotDefinition.from_dict)
        step = self.part("conference", lambda c: _step(rule_set, c))
        self.part("positions", lambda p: _positions(p, definition))
        keys, voided = self.part("cards", _cards)
        convened, present = self.part("frozen", _frozen)
        transcript = self.part("committee", Transcript.from_json)
        if transcript.ceremony.conference_id != conference["id"]:
            raise RecordError("committee: the key ceremony is for another conference")
        fingerprint = conference_fingerprint(
            conference["id"],
            rule_set=rule_set.name,
            rule_set_hash=rule_set.hash,
            procedure=conference["procedure"],
            step=conference["step"],
            definition=definition,
            card_keys=keys,
            joint_key=transcript.joint_key,
            convened=convened,
            present=present,
        )
        if d["fingerprint"] != fingerprint:
            raise RecordError("fingerprint: does not match the conference's parameters")
        ballots = self.part("ballots", _ballots)
        context = BallotContext(conference["id"], fingerprint, definition, transcript.joint_key)
        checked = self.part(
            "ballots", lambda _: check_ballot_list(context, ballots, keys, voided, present)
        )
        if list(checked.hashes) != sorted(checked.hashes):
            raise RecordError("ballots: not in ballot-hash order")
        if d["ballot_list_hash"] != checked.list_hash:
            raise RecordError("ballot_list_hash: does not match the ballots")
        aggregate = {
            section: {candidate: c.to_dict() for candidate, c in sums.items()}
            for section, sums in checked.sums.items()
        }
        if d["aggregate"] != aggregate:
            raise RecordError("aggregate: does not match the sum of the ballots")
        partials = self.part(
            "partials", lambda items: [PartialDecryption.from_json(item) for item in _list(items)]
        )
        flat = self.part(
            "partials", lambda _: combine(transcript, checked.aggregates(), partials, len(ballots))
        )
        counts = counts_by_section(definition, flat)
        if d["counts"] != counts:
            raise RecordError("counts: differ from what the committee's decryptions give")
        signatures = self.part(
            "count_signatures",
            lambda items: [CountSignature.from_json(item) for item in _list(items)],
        )
        self.part(
            "count_signatures",
            lambda _: verify_count_signatures(
                transcript, Opened(fingerprint, checked.list_hash), counts, signatures
            ),
        )
        if d["evaluation"] != self.part(
            "evaluation", lambda _: evaluation(step, counts, present, convened)
        ):
            raise RecordError("evaluation: differs from the rules applied to the counts")
        decision = self.part("decision", _decision)
        recomputed = self.part(
            "decision",
            lambda _: selection(
                step,
                definition,
                counts,
                present,
                convened,
                decision,
                self.part("positions", cadres_of),
                self.part("planned", _planned),
            ),
        )
        if d["selection"] != recomputed:
            raise RecordError("selection: differs from the rules applied to the counts")
        entries = self.part("events", lambda e: check_links(e, conference["id"]))
        self.part(
            "events",
            lambda _: check_facts(
                entries,
                fingerprint=fingerprint,
                convened=convened,
                present=present,
                ballots=len(ballots),
                ballot_list_hash=checked.list_hash,
                opened_by=[p.member for p in partials],
                signed_by=[s.member for s in signatures],
                decision=d["decision"],
            ),
        )
        self.part("bundles", _bundles)
        return Summary(
            conference_id=conference["id"],
            title=conference["title"],
            rule_set=f"{rule_set.name} {rule_set.hash}",
            procedure=conference["procedure"],
            step=conference["step"],
            convened=convened,
            present=present,
            cards=len(keys),
            voided=len(voided),
            ballots=len(ballots),
            ballot_list_hash=checked.list_hash,
            installation_key=self.public_key,
            opened_by=tuple(sorted(partial.member for partial in partials)),
            counts=counts,
            passed=sum(row["passed"] for rows in d["evaluation"].values() for row in rows.values()),
            events=len(entries),
        )


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


CONFERENCE = (
    "agency",
    "timezone",
    "id",
    "title",
    "procedure",
    "step_title",
    "held_on",
    "place",
)


def _conference(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != {*CONFERENCE, "step"}:
        raise TypeError(f"expected {', '.join(CONFERENCE)} and step")
    if not all(isinstance(value[k], str) for k in CONFERENCE):
        raise TypeError(f"{', '.join(CONFERENCE)} are strings")
    if not isinstance(value["step"], int) or isinstance(value["step"], bool):
        raise TypeError("step is an integer")
    try:
        ZoneInfo(value["timezone"])
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {value['timezone']!r}") from error
    return value


def _rule_set(value: Any) -> Any:
    if not isinstance(value, dict) or set(value) != {"name", "hash", "content"}:
        raise TypeError("expected name, hash and content")
    try:
        rule_set = rule_set_from_mapping(value["content"], "record rule set")
    except RulesError as error:
        raise ValueError(str(error)) from error
    if (rule_set.name, rule_set.hash) != (value["name"], value["hash"]):
        raise ValueError("the embedded rules do not hash to the recorded name and hash")
    return rule_set


def _step(rule_set: Any, conference: dict[str, Any]) -> Any:
    try:
        step = rule_set.step(conference["procedure"], conference["step"])
    except RulesError as error:
        raise ValueError(str(error)) from error
    if step.threshold is None:
        raise ValueError("the step holds no ballot")
    if conference["step_title"] != step.title:
        raise ValueError("step_title is not the rule set's title of the step")
    return step


def _positions(value: Any, definition: BallotDefinition) -> None:
    """The display data names exactly the ballot's sections and candidates, in order."""
    items = _list(value)
    ids = [(p["id"], [c["id"] for c in _list(p["candidates"])]) for p in items]
    if ids != [(s.id, list(s.candidates)) for s in definition.sections]:
        raise ValueError("the positions do not name the ballot's sections and candidates")
    for position in items:
        if set(position) != {"id", "title", "candidates"} or not isinstance(position["title"], str):
            raise TypeError("a position has exactly id, title and candidates")
        for candidate in position["candidates"]:
            fields = {"id", "cadre", "full_name", "post", "unit"}
            if set(candidate) != fields or not all(isinstance(candidate[f], str) for f in fields):
                raise TypeError(
                    "a candidate has exactly id, cadre, full_name, post and unit (text)"
                )


def _planned(value: Any) -> dict[str, int]:
    """Positions each cadre already holds at the level (the cap's count): cadre → n ≥ 0."""
    if not isinstance(value, dict) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value.values()
    ):
        raise TypeError("expected cadre → whole number of positions held")
    return value


def _decision(value: Any) -> Any:
    fields = {"chosen", "decided_by", "decided_at", "note"}
    if not isinstance(value, dict) or (value and set(value) != fields):
        raise TypeError(f"expected an empty object or {sorted(fields)}")
    return decision_of(value)


def _bundles(value: Any) -> None:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TypeError("expected bundle name → SHA-256")


def _cards(value: Any) -> tuple[list[str], list[str]]:
    counters = ("dealt", "replaced", "undone")
    if not isinstance(value, dict) or set(value) != {"keys", "voided", *counters}:
        raise TypeError("expected keys, voided, dealt, replaced and undone")
    if not all(_count(value[name]) for name in counters):
        raise TypeError("dealt, replaced and undone are whole numbers")
    keys, voided = _list(value["keys"]), _list(value["voided"])
    for items, name in ((keys, "keys"), (voided, "voided")):
        if items != sorted(set(items)):
            raise ValueError(f"{name} are not sorted and distinct")
    if not set(voided) <= set(keys):
        raise ValueError("a voided card is not on the card list")
    return keys, voided


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _frozen(value: Any) -> tuple[int, int]:
    if not isinstance(value, dict) or set(value) != {"convened", "present"}:
        raise TypeError("expected convened and present")
    convened, present = value["convened"], value["present"]
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (convened, present)):
        raise TypeError("convened and present are integers")
    if not 0 <= present <= convened:
        raise ValueError(f"present {present} is not between 0 and convened {convened}")
    return convened, present


def _ballots(value: Any) -> list[Ballot]:
    return [Ballot.from_dict(item) for item in _list(value)]
