"""Open connections do not starve casts (docs/server.md "Running it"): against `voting serve`
(gunicorn's gevent worker), 150 pages following the room and 120 half-sent requests held
open, a voter still casts, `/state` still answers, and every follower sees the new turnout.
Untimed; the 600-follower target is measured in tests/bench/test_bench_room.py."""

from __future__ import annotations

import json
import socket
import urllib.request
from pathlib import Path

from tests.browser.conftest import GunicornServer, free_port
from tests.room_load import Follower, half_open, open_vote, still_open
from voting.crypto.ballot import build_ballot

FOLLOWERS = 150
HALF_OPEN = 120


def test_idle_followers_and_half_open_requests_leave_casting_free(tmp_path: Path) -> None:
    conference, (context, cards) = open_vote(tmp_path / "instance", 3, 1, 6)
    gunicorn = GunicornServer(tmp_path / "instance", free_port())
    gunicorn.start()
    followers: list[Follower] = []
    held: list[socket.socket] = []
    try:
        followers += [Follower(gunicorn.port, conference) for _ in range(FOLLOWERS)]
        held += [half_open(gunicorn.port) for _ in range(HALF_OPEN)]
        for follower in followers:  # each joined: the state now, nothing cast yet
            assert follower.turnout(0, 10)
        base = f"http://127.0.0.1:{gunicorn.port}/api/conferences/{conference}"
        ballot = build_ballot(context, cards[0], {"s1": ["s1c1", "s1c2"]}).to_dict()
        request = urllib.request.Request(
            f"{base}/ballots",
            data=json.dumps(ballot).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 201
        with urllib.request.urlopen(f"{base}/state", timeout=10) as answer:
            assert json.load(answer)["ballots_cast"] == 1
        # The connections were all held while the cast went through.
        assert all(still_open(connection) for connection in held)
        assert all(follower.turnout(1, 10) for follower in followers)
    finally:
        for follower in followers:
            follower.close()
        for connection in held:
            connection.close()
        gunicorn.stop()
