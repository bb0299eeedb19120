"""The planning tests reuse the web tests' fixtures and hold each step's vote electronically,
end to end, with the counts a test chooses (`hold`, `marks_for`)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from voting.crypto.ballot import BallotContext, BallotDefinition, build_ballot
from voting.crypto.decryption import partial_decrypt, sign_counts
from voting.crypto.group import Point

_spec = importlib.util.spec_from_file_location(
    "web_conftest", Path(__file__).parents[1] / "web" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_web = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_web)

cheap_password_hashing = _web.cheap_password_hashing
database_url = _web.database_url
app = _web.app
site = _web.site
organiser = _web.organiser
phones = _web.phones

Ballots = list[dict[int, list[int]]]


def marks_for(agrees: dict[int, list[int]], voters: int, quotas: dict[int, int | None]) -> Ballots:
    """`voters` ballots giving candidate k of section s exactly `agrees[s][k - 1]` agree
    marks, each ballot marking at most the section's quota (None: no quota). Marks are dealt
    to the ballots with the fewest so far, so a feasible split is always found."""
    ballots: Ballots = [{} for _ in range(voters)]
    for section, counts in agrees.items():
        quota = quotas[section]
        if quota is not None and sum(counts) > quota * voters:
            raise ValueError(f"section {section}: {sum(counts)} marks exceed {voters} × {quota}")
        for number, count in sorted(enumerate(counts, start=1), key=lambda x: -x[1]):
            if count > voters:
                raise ValueError(f"section {section}: {count} agree from {voters} voters")
            order = sorted(range(voters), key=lambda v: len(ballots[v].get(section, [])))
            for voter in order[:count]:
                marked = ballots[voter].setdefault(section, [])
                if quota is not None and len(marked) >= quota:
                    raise ValueError(f"section {section}: cannot fit the marks under {quota}")
                marked.append(number)
    return ballots


@pytest.fixture
def marks() -> Callable[..., Ballots]:
    """`marks_for`, for the tests of this folder."""
    return marks_for


def _context(site: Any, conference: str) -> BallotContext:
    body = site.api().get(f"/api/conferences/{conference}/opening").json
    return BallotContext(
        conference,
        body["fingerprint"],
        BallotDefinition.from_dict(body["definition"]),
        Point.decode(bytes.fromhex(body["joint_key"])),
    )


@pytest.fixture
def hold(site: Any, organiser: Any, phones: Any) -> Callable[..., dict[str, Any]]:
    """Hold the vote of a conference in set-up (roster and ballot set): check in the first
    `present`, run the ceremony, deal, cast `ballots` (section number → candidate numbers
    marked), close, open with two members, sign the counts; the result as the organiser
    reads it."""

    def run(conference: str, present: int, ballots: Ballots) -> dict[str, Any]:
        from voting.crypto.ballot import Ballot, aggregate

        base = f"/api/conferences/{conference}"
        assert organiser.post(f"{base}/phase", json={"to": "checkin"}).status_code == 200
        for attendee in site.attendee_ids(organiser, conference)[:present]:
            assert organiser.post(f"{base}/attendees/{attendee}/check-in").status_code == 200
        p = phones(site, organiser, conference)
        p.prepare(present)
        r = organiser.post(f"{base}/phase", json={"to": "voting"})
        assert r.status_code == 200, r.json
        context = _context(site, conference)
        client = site.app.test_client()
        for card, marks in zip(p.dealt, ballots, strict=False):
            choices = {f"s{s}": [f"s{s}c{c}" for c in numbers] for s, numbers in marks.items()}
            built = build_ballot(context, card, choices)
            assert client.post(f"{base}/ballots", json=built.to_dict()).status_code == 201
        assert organiser.post(f"{base}/phase", json={"to": "closed"}).status_code == 200
        listed = [
            Ballot.from_dict(i["ballot"]) for i in site.api().get(f"{base}/ballots").json["ballots"]
        ]
        sums = aggregate(context.definition, listed)
        flat = [(c.a, c.b) for s in sums.values() for c in s.values()]
        for j in (1, 2):
            partial = partial_decrypt(p.keys[j], flat)
            posted = p.apis[j].post(f"{base}/committee/partials", json=partial.to_json())
            assert posted.status_code == 200, posted.json
        counts = organiser.get(f"{base}/result").json["result"]
        stored = {
            s["id"]: {c["id"]: c["agree"] for c in s["candidates"]} for s in counts["sections"]
        }
        for j in (1, 2):
            signed = p.apis[j].post(
                f"{base}/committee/count-signatures", json=sign_counts(p.keys[j], stored).to_json()
            )
            assert signed.status_code == 200, signed.json
        result: dict[str, Any] = organiser.get(f"{base}/result").json
        return result

    return run
