"""Two server processes behind one message queue serve one conference (docs/server.md "One
laptop, or one server with several processes"): a ballot cast on one reaches the pages
following the room on the other; a process that loses the queue keeps accepting ballots and
says so in its log. On PostgreSQL when the suite runs against it (scripts/test), else SQLite."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

from tests.browser.conftest import GunicornServer, free_port
from tests.room_load import Follower, RedisServer, open_vote
from voting.crypto.ballot import build_ballot


def cast(port: int, conference: str, ballot: dict[str, Any]) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/conferences/{conference}/ballots",
        data=json.dumps(ballot).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return int(answer.status)


def test_a_cast_on_one_process_reaches_the_room_on_the_other(
    tmp_path: Path, database_url: str | None
) -> None:
    instance = tmp_path / "instance"
    config = {"DATABASE_URL": database_url} if database_url else {}
    conference, (context, cards) = open_vote(instance, 3, 1, 6, **config)
    url = database_url or f"sqlite:///{instance / 'voting.db'}"
    queue = RedisServer(tmp_path / "redis")
    log = tmp_path / "first.log"
    servers = [GunicornServer(instance, free_port(), url, log if n == 0 else None) for n in (0, 1)]
    follower = None
    try:
        for server in servers:
            server.environment["VOTING_MESSAGE_QUEUE"] = queue.url
            server.start()
        follower = Follower(servers[1].port, conference)
        assert follower.turnout(0, 10)
        ballots = [build_ballot(context, card, {"s1": ["s1c1"]}).to_dict() for card in cards]
        assert cast(servers[0].port, conference, ballots[0]) == 201
        assert follower.turnout(1, 10)  # through Redis, from the other process
        # The queue gone: the first process still accepts, and logs it.
        queue.stop()
        assert cast(servers[0].port, conference, ballots[1]) == 201
        with urllib.request.urlopen(
            f"http://127.0.0.1:{servers[0].port}/api/conferences/{conference}/state", timeout=10
        ) as answer:
            assert json.load(answer)["ballots_cast"] == 2
        deadline = time.monotonic() + 10  # the turnout push comes after its window
        while "Cannot publish to redis" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)  # a log file gives no event to wait on
        assert "Cannot publish to redis" in log.read_text()
    finally:
        if follower is not None:
            follower.close()
        for server in servers:
            server.stop()
        queue.stop()
