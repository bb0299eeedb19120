"""The planning tests use the shared fixtures (tests/fixtures.py: app, site, organiser, phones)
and hold whole electronic votes of existing conferences with chosen marks (`hold`,
`marks_for`).

    result = hold(conference, present=20, ballots=[{1: [1, 2]}, {1: [2]}, {}])
    result = hold.votes(conference, present=20, counts={1: [5, 3, 3]})

A ballot maps a section number (from 1) to the candidate numbers (from 1) marked agree; a section
left out is blank. On a removal ballot the same shape means "agree to removal"."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pytest

from voting.crypto.ballot import Ballot, BallotContext, BallotDefinition, aggregate, build_ballot
from voting.crypto.decryption import partial_decrypt, sign_counts
from voting.crypto.group import Point

Marks = dict[int, list[int]]
"""One ballot: section number → the candidate numbers marked agree (a section left out is
blank)."""
Ballots = list[Marks]


def marks_for(
    counts: Mapping[int, Sequence[int]],
    voters: int,
    quota: int | Mapping[int, int | None] | None = None,
) -> Ballots:
    """`voters` ballots giving candidate i of section s exactly `counts[s][i - 1]` agrees, with
    no ballot marking more than the section's quota (None: no quota, as on a removal ballot; an
    int applies to every section, a mapping per section). Each section is filled cyclically
    (candidate after candidate, voter after voter), so every ballot marks ⌊S/V⌋ or ⌈S/V⌉ in a
    section of S agrees: possible exactly when no count exceeds `voters` and S ≤ voters × quota.
    Raise ValueError otherwise, or when a quota mapping leaves a section out."""
    if voters < 0:
        raise ValueError(f"voters must be at least 0, not {voters}")
    ballots: Ballots = [{} for _ in range(voters)]
    for section, wanted in sorted(counts.items()):
        if isinstance(quota, Mapping) and section not in quota:
            raise ValueError(f"section {section}: no quota given (None for a removal ballot)")
        limit = quota[section] if isinstance(quota, Mapping) else quota
        if any(count < 0 or count > voters for count in wanted):
            raise ValueError(
                f"section {section}: each count must be from 0 to {voters} voters, not {wanted}"
            )
        total = sum(wanted)
        if limit is not None and total > voters * limit:
            raise ValueError(
                f"section {section}: {total} agrees cannot come from {voters} ballots "
                f"of at most {limit} marks"
            )
        voter = 0
        for candidate, count in enumerate(wanted, start=1):
            for _ in range(count):
                ballots[voter % voters].setdefault(section, []).append(candidate)
                voter += 1
    for ballot in ballots:
        for marked in ballot.values():
            marked.sort()
    return ballots


def tally(ballots: Sequence[Mapping[int, Sequence[int]]]) -> dict[int, dict[int, int]]:
    """Section → candidate → agrees of a list of ballots (candidates never marked left out)."""
    out: dict[int, dict[int, int]] = {}
    for ballot in ballots:
        for section, marked in ballot.items():
            for candidate in marked:
                out.setdefault(section, {}).setdefault(candidate, 0)
                out[section][candidate] += 1
    return out


def counts_of(result: Mapping[str, Any]) -> dict[int, list[int]]:
    """Section number → the agrees of its candidates in candidate-number order, from a result
    body (`hold`'s return, or its "result")."""
    document = result.get("result", result)
    return {
        section["number"]: [
            row["agree"] for row in sorted(section["candidates"], key=lambda r: r["number"])
        ]
        for section in document["sections"]
    }


class Hold:
    """Hold the whole electronic vote of a conference in set-up (roster and ballot set):
    check-in of the roster's first `present`, the committee ceremony, `present` cards dealt
    (plus two undealt), voting opened, the ballots cast, voting closed, the box opened and the
    counts signed by the committee's first `threshold` members (so the record is written).
    Returns the organiser's `GET /api/conferences/<id>/result` body. `last` keeps the `Phones`
    of the latest vote (its `keys`, `apis`, `dealt` cards) for tests that go on from there."""

    def __init__(self, site: Any, organiser: Any, phones: Callable[..., Any]) -> None:
        self.site, self.organiser, self.phones = site, organiser, phones
        self.last: Any = None

    def __call__(
        self,
        conference: str,
        present: int,
        ballots: Sequence[Mapping[int, Sequence[int]]],
        *,
        sign: bool = True,
    ) -> dict[str, Any]:
        if len(ballots) > present:
            raise ValueError(f"{len(ballots)} ballots but only {present} cards are dealt")
        base = f"/api/conferences/{conference}"
        org = self.organiser
        self._ok(org.post(f"{base}/phase", json={"to": "checkin"}))
        attendees = self.site.attendee_ids(org, conference)
        if present > len(attendees):
            raise ValueError(f"{present} present but the roster has {len(attendees)}")
        for attendee in attendees[:present]:
            self._ok(org.post(f"{base}/attendees/{attendee}/check-in"))
        p = self.phones(self.site, org, conference)
        self.last = p
        p.prepare(present)
        self._ok(org.post(f"{base}/phase", json={"to": "voting"}))
        context = self._context(conference)
        client = self.site.app.test_client()
        for card, marks in zip(p.dealt, ballots, strict=False):
            choices = _choices(context.definition, marks)
            ballot = build_ballot(context, card, choices)
            self._ok(client.post(f"{base}/ballots", json=ballot.to_dict()), 201)
        self._ok(org.post(f"{base}/phase", json={"to": "closed"}))
        members = sorted(p.keys)[: self.site.api().get(f"{base}/committee").json["threshold"]]
        listed = self.site.api().get(f"{base}/ballots").json["ballots"]
        sums = aggregate(context.definition, [Ballot.from_dict(i["ballot"]) for i in listed])
        flat = [(c.a, c.b) for s in sums.values() for c in s.values()]
        for j in members:
            partial = partial_decrypt(p.keys[j], flat)
            self._ok(p.apis[j].post(f"{base}/committee/partials", json=partial.to_json()))
        body = self._ok(org.get(f"{base}/result"))
        assert "result" in body, body
        if sign:
            counts = {
                s["id"]: {c["id"]: c["agree"] for c in s["candidates"]}
                for s in body["result"]["sections"]
            }
            for j in members:
                opened = self.site.opened(conference)
                signature = sign_counts(p.keys[j], opened, counts).to_json()
                self._ok(p.apis[j].post(f"{base}/committee/count-signatures", json=signature))
            body = self._ok(org.get(f"{base}/result"))
            assert body["record_written"], body
        return body

    def votes(
        self,
        conference: str,
        present: int,
        counts: Mapping[int, Sequence[int]],
        voters: int | None = None,
        *,
        sign: bool = True,
    ) -> dict[str, Any]:
        """Hold the vote with `voters` ballots (all `present` by default) made by `marks_for`
        from the chosen per-candidate agrees, under the conference's own quotas."""
        ballot = self._ok(self.organiser.get(f"/api/conferences/{conference}/ballot"))
        quotas = {s["number"]: s.get("quota") for s in ballot["sections"]}
        ballots = marks_for(counts, present if voters is None else voters, quotas)
        return self(conference, present, ballots, sign=sign)

    def _context(self, conference: str) -> BallotContext:
        body = self._ok(self.site.api().get(f"/api/conferences/{conference}/opening"))
        return BallotContext(
            conference,
            body["fingerprint"],
            BallotDefinition.from_dict(body["definition"]),
            Point.decode(bytes.fromhex(body["joint_key"])),
        )

    @staticmethod
    def _ok(response: Any, status: int = 200) -> dict[str, Any]:
        assert response.status_code == status, (response.status_code, response.json)
        body: dict[str, Any] = response.json
        return body


def _choices(
    definition: BallotDefinition, marks: Mapping[int, Sequence[int]]
) -> dict[str, list[str]]:
    """Section and candidate numbers → the ids the cryptography uses ("s1", "s1c2")."""
    sections = {section.id: section for section in definition.sections}
    choices: dict[str, list[str]] = {}
    for number, marked in marks.items():
        section = sections.get(f"s{number}")
        if section is None:
            raise ValueError(f"the ballot has no section {number}")
        ids = [f"s{number}c{candidate}" for candidate in marked]
        unknown = [c for c in ids if c not in section.candidates]
        if unknown or len(set(ids)) != len(ids):
            raise ValueError(f"section {number}: bad candidates {list(marked)}")
        choices[section.id] = ids
    return choices


@pytest.fixture
def marks() -> Callable[..., Ballots]:
    """`marks_for`, for the tests of this folder."""
    return marks_for


@pytest.fixture
def hold(site: Any, organiser: Any, phones: Any) -> Hold:
    """`hold(conference, present, ballots, sign=True)` → the organiser's result body; also
    `hold.votes(conference, present, counts, voters=None)` and `hold.last` (the Phones)."""
    return Hold(site, organiser, phones)
