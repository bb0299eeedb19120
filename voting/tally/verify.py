"""`voting verify`: re-check a conference record offline, from its bytes alone.

The checks are the numbered ones of docs/record.md, one function each, run in the order a
reader would trust them: the file is canonical and signed by the installation (pinned to a key
when given); the embedded rule set hashes to its name's hash; the attendance and the cards add
up; the committee's transcript proves itself and gives the joint key; the fingerprint is
recomputed; every ballot is verified against it, in hash order; the list hash and the aggregate
are recomputed; the partial decryptions give exactly the recorded counts, which at least t
members signed; the rules' evaluation and selection are recomputed; the event log is intact and
tells this record's story. The first failure is named (with its number) and nothing after it is
trusted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from voting import canonical
from voting.crypto.ballot import (
    Ballot,
    BallotContext,
    BallotDefinition,
    conference_fingerprint,
)
from voting.crypto.cards import card_list_hash
from voting.crypto.decryption import (
    CountSignature,
    Opened,
    PartialDecryption,
    combine,
    verify_count_signatures,
)
from voting.crypto.dkg import Transcript
from voting.crypto.installation import InstallationKeyError, verify
from voting.rules import RulesError, quorum_met, rule_set_from_mapping
from voting.tally.ballot_list import check_ballot_list
from voting.tally.chain import check_facts, check_links
from voting.tally.evaluation import cadres_of, evaluation, evaluation_data, selection
from voting.tally.record import Counts, counts_by_section, signed_message
from voting.tally.shapes import Cards, Frozen, Position, RecordConference, decision_of
from voting.tally.versions import FORMATS

T = TypeVar("T")

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


CHECKS: dict[int, str] = {
    1: "canonical file with the fields of a known format",
    2: "installation signature",
    3: "rule set and step",
    4: "conference, ballot, positions, cards and frozen counts well formed",
    5: "quorum at the opening",
    6: "cards add up",
    7: "committee transcript",
    8: "fingerprint",
    9: "every ballot",
    10: "ballot order, list hash and aggregate",
    11: "partial decryptions give the counts",
    12: "count signatures",
    13: "evaluation",
    14: "decision and selection",
    15: "event chain",
    16: "the event log tells this record's story",
    17: "bundles",
}
"""The numbered checks of docs/record.md ("What a verifier checks"), in the order they run; the
JavaScript verifier (js/src/verify.js) makes the same ones under the same numbers."""


class RecordError(ValueError):
    """The record fails a check; `check` is its number in docs/record.md, the message names the
    first fault."""

    def __init__(self, message: str, check: int) -> None:
        super().__init__(message)
        self.check = check


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
    ballot_hashes: tuple[str, ...]
    ballot_list_hash: str
    fingerprint: str
    installation_key: str
    dealt: int
    replaced: int
    card_list_hash: str
    joint_key: str
    member_keys: tuple[str, ...]
    opened_by: tuple[int, ...]
    counts: Counts
    passed: int
    events: int
    pinned: bool


def verify_record(data: bytes, key: str | None = None) -> Summary:
    """Check every part of a record (bytes as written); raise RecordError at the first fault.
    Without `key` the record is only consistent with itself: anyone can make such a file."""
    document, version = _check_1_file(data)
    public_key = _check_2_installation(document, key)
    return _Checker(document, version, public_key, pinned=key is not None).run()


def receipt_listed(receipt: str, hashes: tuple[str, ...]) -> bool:
    """Whether a voter's receipt (the first hex digits of their ballot's hash, 16 at least, any
    case and spacing) names a ballot of the list; ValueError for text that is no receipt."""
    wanted = "".join(receipt.split()).lower()
    if not re.fullmatch(r"[0-9a-f]{16,64}", wanted):
        raise ValueError(f"{receipt!r} is not a receipt (16 characters 0-9, A-F)")
    return any(hash_.startswith(wanted) for hash_ in hashes)


def _check_1_file(data: bytes) -> tuple[dict[str, Any], int]:
    try:
        document = canonical.loads(data)
    except canonical.CanonicalError as error:
        raise RecordError(f"the file is not a canonical record: {error}", 1) from error
    if not isinstance(document, dict) or set(document) != KEYS:
        raise RecordError("the file does not have the fields of a conference record", 1)
    if document["format"] not in FORMATS:
        raise RecordError(
            f"unknown record format {document['format']!r}, expected one of {', '.join(FORMATS)}",
            1,
        )
    return document, FORMATS[document["format"]]


def _check_2_installation(document: dict[str, Any], pinned: str | None) -> str:
    installation = document["installation"]
    public_key = installation.get("public_key") if isinstance(installation, dict) else None
    if not isinstance(installation, dict) or set(installation) != {"public_key"}:
        raise RecordError("installation: expected exactly {public_key}", 2)
    if not isinstance(public_key, str) or not SHA256.fullmatch(public_key):
        raise RecordError("installation: the public key is not 64 lowercase hex digits", 2)
    # Typed from the printed minutes: spaces (anywhere) and case do not matter.
    if pinned is not None and public_key != "".join(pinned.split()).lower():
        raise RecordError(
            f"the record is signed by installation key {public_key}, not the expected {pinned}",
            2,
        )
    signature = document["signature"]
    if not isinstance(signature, str) or not SIGNATURE.fullmatch(signature):
        raise RecordError("signature: not 128 lowercase hex digits", 2)
    try:
        verify(public_key, signed_message(document), signature)
    except InstallationKeyError as error:
        raise RecordError(f"the installation's signature does not verify: {error}", 2) from error
    return public_key


class _Checker:
    """Checks 3 to 17, one method each, in order; each names the part of the record it reads."""

    def __init__(
        self, document: dict[str, Any], version: int, public_key: str, pinned: bool
    ) -> None:
        self.document = document
        self.version = version
        self.public_key = public_key
        self.pinned = pinned
        self.check = 0

    def fail(self, message: str) -> RecordError:
        return RecordError(message, self.check)

    def part(self, name: str, parse: Callable[[Any], T]) -> T:
        try:
            return parse(self.document[name])
        except (ValueError, KeyError, TypeError) as error:
            raise self.fail(f"{name}: {error}") from error

    def run(self) -> Summary:
        checks = (
            self.check_3_rules,
            self.check_4_well_formed,
            self.check_5_quorum,
            self.check_6_cards,
            self.check_7_committee,
            self.check_8_fingerprint,
            self.check_9_ballots,
            self.check_10_list,
            self.check_11_partials,
            self.check_12_count_signatures,
            self.check_13_evaluation,
            self.check_14_selection,
            self.check_15_chain,
            self.check_16_story,
            self.check_17_bundles,
        )
        for number, check in enumerate(checks, start=3):
            self.check = number
            try:
                check()
            except (LookupError, TypeError, AttributeError, ValueError) as error:
                if isinstance(error, RecordError):
                    raise
                # Malformed data a check did not foresee still fails that check, by number.
                raise self.fail(f"{type(error).__name__}: {error}") from error
        return self.summary()

    def check_3_rules(self) -> None:
        self.conference = self.part("conference", _conference)
        self.rule_set = self.part("rule_set", _rule_set)
        self.step = self.part("conference", lambda _: _step(self.rule_set, self.conference))

    def check_4_well_formed(self) -> None:
        self.definition = self.part("ballot", BallotDefinition.from_dict)
        if self.step.ballot == "removal":
            for section in self.definition.sections:
                if section.quota != len(section.candidates):
                    raise self.fail(
                        f"ballot: section {section.id!r} of a removal ballot has quota "
                        f"{section.quota}, not its {len(section.candidates)} candidates"
                    )
        self.positions = self.part("positions", lambda p: _positions(p, self.definition))
        self.cards = self.part("cards", _cards)
        self.frozen = self.part("frozen", _frozen)

    def check_5_quorum(self) -> None:
        if not self.part(
            "frozen", lambda _: quorum_met(self.frozen.present, self.frozen.convened, self.rule_set)
        ):
            raise self.fail(
                f"frozen: present {self.frozen.present} of convened {self.frozen.convened} is "
                f"below the quorum {self.rule_set.quorum} of the rule set"
            )

    def check_6_cards(self) -> None:
        cards = self.cards
        pool, voided = len(cards.keys), len(cards.voided)
        if pool - voided != cards.dealt + cards.replaced:
            raise self.fail(
                f"cards: {pool} cards − {voided} voided ≠ {cards.dealt} dealt + "
                f"{cards.replaced} replaced"
            )

    def check_7_committee(self) -> None:
        self.transcript = self.part("committee", Transcript.from_json)
        if self.transcript.ceremony.conference_id != self.conference.id:
            raise self.fail("committee: the key ceremony is for another conference")

    def check_8_fingerprint(self) -> None:
        self.fingerprint = self.part("fingerprint", lambda _: self._fingerprint())
        if self.document["fingerprint"] != self.fingerprint:
            raise self.fail("fingerprint: does not match the conference's parameters")

    def _fingerprint(self) -> str:
        return conference_fingerprint(
            self.conference.id,
            rule_set=self.rule_set.name,
            rule_set_hash=self.rule_set.hash,
            procedure=self.conference.procedure,
            step=self.conference.step,
            definition=self.definition,
            card_keys=self.cards.keys,
            joint_key=self.transcript.joint_key,
            convened=self.frozen.convened,
            present=self.frozen.present,
        )

    def check_9_ballots(self) -> None:
        self.ballots = self.part("ballots", _ballots)
        context = BallotContext(
            self.conference.id, self.fingerprint, self.definition, self.transcript.joint_key
        )
        self.checked = self.part(
            "ballots",
            lambda _: check_ballot_list(
                context, self.ballots, self.cards.keys, self.cards.voided, self.frozen.present
            ),
        )

    def check_10_list(self) -> None:
        d = self.document
        if list(self.checked.hashes) != sorted(self.checked.hashes):
            raise self.fail("ballots: not in ballot-hash order")
        if d["ballot_list_hash"] != self.checked.list_hash:
            raise self.fail("ballot_list_hash: does not match the ballots")
        aggregate = {
            section: {candidate: c.to_dict() for candidate, c in sums.items()}
            for section, sums in self.checked.sums.items()
        }
        if not _same(d["aggregate"], aggregate):
            raise self.fail("aggregate: does not match the sum of the ballots")

    def check_11_partials(self) -> None:
        self.partials = self.part(
            "partials", lambda items: [PartialDecryption.from_json(item) for item in _list(items)]
        )
        members = [p.member for p in self.partials]
        if members != sorted(set(members)):
            raise self.fail("partials: not in member order, or a member twice")
        flat = self.part(
            "partials",
            lambda _: combine(
                self.transcript, self.checked.aggregates(), self.partials, len(self.ballots)
            ),
        )
        self.counts = counts_by_section(self.definition, flat)
        if not _same(self.document["counts"], self.counts):
            raise self.fail("counts: differ from what the committee's decryptions give")

    def check_12_count_signatures(self) -> None:
        self.signatures = self.part(
            "count_signatures",
            lambda items: [CountSignature.from_json(item) for item in _list(items)],
        )
        members = [s.member for s in self.signatures]
        if members != sorted(set(members)):
            raise self.fail("count_signatures: not in member order, or a member twice")
        self.part(
            "count_signatures",
            lambda _: verify_count_signatures(
                self.transcript,
                # v1 and v2 records carry counts/v1 signatures, bound to the counts alone
                Opened(self.fingerprint, self.checked.list_hash) if self.version >= 3 else None,
                self.counts,
                self.signatures,
            ),
        )

    def check_13_evaluation(self) -> None:
        self.evaluation = self.part(
            "evaluation",
            lambda _: evaluation(self.step, self.counts, self.frozen.present, self.frozen.convened),
        )
        if not _same(self.document["evaluation"], evaluation_data(self.evaluation)):
            raise self.fail("evaluation: differs from the rules applied to the counts")

    def check_14_selection(self) -> None:
        decision = self.decision = self.part("decision", _decision)
        if decision is not None and not self.step.fills_quota:
            raise self.fail(
                "decision: the head decides only at a step that fills quotas, and step "
                f"{self.step.number} fills none"
            )
        recomputed = self.part(
            "decision",
            lambda _: selection(
                self.step,
                self.definition,
                self.counts,
                self.frozen.present,
                self.frozen.convened,
                decision,
                cadres_of(self.positions),
                self.part("planned", _planned),
                version=self.version,
            ),
        )
        if not _same(self.document["selection"], recomputed):
            raise self.fail("selection: differs from the rules applied to the counts")

    def check_15_chain(self) -> None:
        self.entries = self.part("events", lambda e: check_links(e, self.conference.id))

    def check_16_story(self) -> None:
        cards = self.cards
        opening: dict[str, Any] = {
            "fingerprint": self.fingerprint,
            "convened": self.frozen.convened,
            "present": self.frozen.present,
            "dealt": cards.dealt,
        }
        if self.version >= 2:
            opening |= {
                "cards": len(cards.keys),
                "replaced": cards.replaced,
                "voided": len(cards.voided),
                "card_list_hash": card_list_hash(cards.keys),
            }
        self.part(
            "events",
            lambda _: check_facts(
                self.entries,
                opening=opening,
                ballots=len(self.ballots),
                ballot_list_hash=self.checked.list_hash,
                opened_by=[p.member for p in self.partials],
                signed_by=[s.member for s in self.signatures],
                decision=self.decision,
                joint_key=self.transcript.joint_key.hex() if self.version >= 2 else None,
            ),
        )

    def check_17_bundles(self) -> None:
        self.part("bundles", lambda b: _bundles(b, hex_only=self.version >= 2))

    def summary(self) -> Summary:
        return Summary(
            conference_id=self.conference.id,
            title=self.conference.title,
            rule_set=f"{self.rule_set.name} {self.rule_set.hash}",
            procedure=self.conference.procedure,
            step=self.conference.step,
            convened=self.frozen.convened,
            present=self.frozen.present,
            cards=len(self.cards.keys),
            voided=len(self.cards.voided),
            ballots=len(self.ballots),
            ballot_hashes=self.checked.hashes,
            ballot_list_hash=self.checked.list_hash,
            fingerprint=self.fingerprint,
            installation_key=self.public_key,
            dealt=self.cards.dealt,
            replaced=self.cards.replaced,
            card_list_hash=card_list_hash(self.cards.keys),
            joint_key=self.transcript.joint_key.hex(),
            member_keys=tuple(
                self.transcript.public_share(reveal.member).hex()
                for reveal in self.transcript.reveals
            ),
            opened_by=tuple(partial.member for partial in self.partials),
            counts=self.counts,
            passed=sum(e.passed for rows in self.evaluation.values() for e in rows.values()),
            events=len(self.entries),
            pinned=self.pinned,
        )


def _same(recorded: Any, recomputed: Any) -> bool:
    """Equal as canonical JSON: `true` is not 1 (Python's == would say it is; a verifier in
    another language would not)."""
    return canonical.dumps(recorded) == canonical.dumps(recomputed)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError("expected a list")
    return value


DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SHA256 = re.compile(r"[0-9a-f]{64}")
SIGNATURE = re.compile(r"[0-9a-f]{128}")

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


def _conference(value: Any) -> RecordConference:
    if not isinstance(value, dict) or set(value) != {*CONFERENCE, "step"}:
        raise TypeError(f"expected {', '.join(CONFERENCE)} and step")
    if not all(isinstance(value[k], str) for k in CONFERENCE):
        raise TypeError(f"{', '.join(CONFERENCE)} are strings")
    conference = RecordConference.from_json(value)
    if not isinstance(conference.step, int) or isinstance(conference.step, bool):
        raise TypeError("step is an integer")
    try:
        ZoneInfo(conference.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {conference.timezone!r}") from error
    if not DATE.fullmatch(conference.held_on):
        raise ValueError(f"held_on {conference.held_on!r} is not a date YYYY-MM-DD")
    date.fromisoformat(conference.held_on)
    return conference


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


def _step(rule_set: Any, conference: RecordConference) -> Any:
    try:
        step = rule_set.step(conference.procedure, conference.step)
    except RulesError as error:
        raise ValueError(str(error)) from error
    if step.threshold is None:
        raise ValueError("the step holds no ballot")
    if conference.step_title != step.title:
        raise ValueError("step_title is not the rule set's title of the step")
    return step


def _positions(value: Any, definition: BallotDefinition) -> tuple[Position, ...]:
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
        cadres = [candidate["cadre"] for candidate in position["candidates"]]
        if len(set(cadres)) != len(cadres):
            raise ValueError(f"a cadre stands twice in position {position['id']!r}")
    return tuple(Position.from_json(position) for position in items)


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
    if value and not (
        all(isinstance(value[k], str) for k in ("decided_by", "decided_at", "note"))
        and isinstance(value["chosen"], dict)
        and all(
            isinstance(ids, list) and all(isinstance(i, str) for i in ids)
            for ids in value["chosen"].values()
        )
    ):
        raise TypeError("chosen is position → candidate ids; decided_by, decided_at, note text")
    return decision_of(value)


def _bundles(value: Any, hex_only: bool) -> None:
    """Bundle name → SHA-256; from format v2 the hash is 64 lowercase hex digits."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise TypeError("expected bundle name → SHA-256")
    if hex_only and not all(SHA256.fullmatch(v) for v in value.values()):
        raise ValueError("a bundle's SHA-256 is not 64 lowercase hex digits")


def _cards(value: Any) -> Cards:
    counters = ("dealt", "replaced", "undone")
    if not isinstance(value, dict) or set(value) != {"keys", "voided", *counters}:
        raise TypeError("expected keys, voided, dealt, replaced and undone")
    if not all(_count(value[name]) for name in counters):
        raise TypeError("dealt, replaced and undone are whole numbers")
    keys, voided = _list(value["keys"]), _list(value["voided"])
    for items, name in ((keys, "keys"), (voided, "voided")):
        if items != sorted(set(items)):
            raise ValueError(f"{name} are not sorted and distinct")
    if not all(isinstance(key, str) and SHA256.fullmatch(key) for key in keys):
        raise ValueError("a card key is not 64 lowercase hex digits")
    if not set(voided) <= set(keys):
        raise ValueError("a voided card is not on the card list")
    return Cards.from_json(value)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _frozen(value: Any) -> Frozen:
    if not isinstance(value, dict) or set(value) != {"convened", "present"}:
        raise TypeError("expected convened and present")
    frozen = Frozen.from_json(value)
    convened, present = frozen.convened, frozen.present
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (convened, present)):
        raise TypeError("convened and present are integers")
    if not 0 <= present <= convened:
        raise ValueError(f"present {present} is not between 0 and convened {convened}")
    return frozen


def _ballots(value: Any) -> list[Ballot]:
    return [Ballot.from_dict(item) for item in _list(value)]
