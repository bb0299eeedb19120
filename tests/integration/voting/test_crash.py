"""Design.md guarantee 6: a server killed mid-vote (SIGKILL to gunicorn's whole process group)
and started again on the same database still has every ballot it acknowledged, and the cards of
those ballots stay burned."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.browser.conftest import GunicornServer, free_port
from tests.integration.voting.test_flow import context, listing, open_vote
from voting.crypto.ballot import build_ballot


def post(base: str, path: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def get(base: str, path: str) -> dict[str, Any]:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        answer: dict[str, Any] = json.loads(response.read())
        return answer


def test_acknowledged_ballots_survive_a_killed_server(
    site: Any, organiser: Any, phones: Any, tmp_path: Path
) -> None:
    conference, p = open_vote(site, organiser, phones, step=4)
    opened = context(site, conference)
    section = opened.definition.sections[0]
    ballots = [
        build_ballot(opened, card, {section.id: list(section.candidates[: i % 2 + 1])})
        for i, card in enumerate(p.dealt[:6])
    ]
    server = GunicornServer(tmp_path / "instance", free_port(), site.app.config["DATABASE_URL"])
    base, path = f"http://127.0.0.1:{server.port}", f"/api/conferences/{conference}/ballots"
    server.start()
    try:
        receipts = []
        for ballot in ballots[:4]:
            status, answer = post(base, path, ballot.to_dict())
            assert status == 201, answer
            receipts.append(answer["receipt"])
        server.stop()  # SIGKILL: no shutdown, no flush but what each commit already did
        server.start()
        published = listing(site, conference)
        assert sorted(item["hash"] for item in published["ballots"]) == sorted(receipts)
        status, answer = post(base, path, ballots[0].to_dict())
        assert status == 409 and answer["error"]["code"] == "card_used"
        for ballot in ballots[4:]:
            status, answer = post(base, path, ballot.to_dict())
            assert status == 201, answer
        assert listing(site, conference)["count"] == 6
    finally:
        server.stop()
