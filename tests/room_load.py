"""A room's load, shared by the connection tests and the load benchmarks: a conference opened
for voting on a server's database, the room's followers as raw WebSockets (what each voter
page, desk, kiosk, committee phone and projector keeps open, without a thread each in the
test), and half-sent HTTP requests."""

from __future__ import annotations

import json
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import websocket

from tests.fixtures import PASSWORD, USERS, Phones, Site, committed, make_app
from voting.conference import accounts, roster
from voting.conference.roster import NewAttendee
from voting.crypto.ballot import BallotContext, BallotDefinition
from voting.crypto.group import Point
from voting.web.extensions import DATABASE


def ballot(sections: int, candidates: int) -> dict[str, Any]:
    return {
        "sections": [
            {
                "position": f"Chức danh {s + 1}",
                "quota": 3,
                "candidates": [
                    {"full_name": f"Ứng viên {s + 1}.{c + 1}", "post": "Chuyên viên", "unit": "Sở"}
                    for c in range(candidates)
                ],
            }
            for s in range(sections)
        ]
    }


def open_vote(
    instance: Path, voters: int, sections: int, candidates: int, **config: Any
) -> tuple[str, Any]:
    """In this process, on the server's database (`config` may name it): a conference with
    `voters` convened and present, the committee's ceremony run, `voters` cards dealt, voting
    open. The conference's id, and its ballot context with the dealt cards."""
    app = make_app(instance, **config)
    site = Site(app, instance)
    with committed(app) as session:
        accounts.create(session, USERS["organiser"], "organiser", PASSWORD)
    organiser = site.api("organiser")
    conference = site.conference(organiser)
    with committed(app) as session:
        for n in range(voters):
            roster.add(session, conference, NewAttendee(f"Đại biểu {n + 1:03d}"), "bench")
    base = f"/api/conferences/{conference}"
    assert organiser.put(f"{base}/ballot", json=ballot(sections, candidates)).status_code == 200
    assert organiser.post(f"{base}/phase", json={"to": "checkin"}).status_code == 200
    for attendee in site.attendee_ids(organiser, conference):
        assert organiser.post(f"{base}/attendees/{attendee}/check-in").status_code == 200
    phones = Phones(site, organiser, conference)
    phones.prepare(voters)
    assert organiser.post(f"{base}/phase", json={"to": "voting"}).status_code == 200
    body = site.api().get(f"{base}/opening").json
    context = BallotContext(
        conference,
        body["fingerprint"],
        BallotDefinition.from_dict(body["definition"]),
        Point.decode(bytes.fromhex(body["joint_key"])),
    )
    app.extensions[DATABASE].dispose()
    return conference, (context, phones.dealt)


class Follower:
    """One page following the room: Engine.IO 4 over a WebSocket, namespace /room joined."""

    def __init__(self, port: int, conference: str) -> None:
        self.socket = websocket.create_connection(
            f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket", timeout=30
        )
        assert self.socket.recv().startswith("0")  # the Engine.IO handshake
        self.socket.send("40/room,")
        assert self.socket.recv().startswith("40/room,")
        self.socket.send("42/room," + json.dumps(["join", {"conference": conference}]))

    def state(self, seconds: float) -> dict[str, Any] | None:
        """The next `state` event, or None if none comes within `seconds` (pings answered)."""
        until = time.monotonic() + seconds
        while (left := until - time.monotonic()) > 0:
            self.socket.settimeout(left)
            try:
                frame = self.socket.recv()
            except websocket.WebSocketTimeoutException:
                return None
            if frame == "2":
                self.socket.send("3")
            elif frame.startswith("42/room,"):
                name, data = json.loads(frame[len("42/room,") :])
                if name == "state":
                    return dict(data)
        return None

    def turnout(self, ballots: int, seconds: float) -> bool:
        """Whether a state showing `ballots` cast comes within `seconds`."""
        until = time.monotonic() + seconds
        while (state := self.state(until - time.monotonic())) is not None:
            if state["ballots_cast"] == ballots:
                return True
        return False

    def close(self) -> None:
        self.socket.close()


def half_open(port: int) -> socket.socket:
    """A request whose headers never end, as a slow or vanished phone leaves one."""
    held = socket.create_connection(("127.0.0.1", port), timeout=30)
    held.sendall(b"POST /api/ping HTTP/1.1\r\nHost: voting.test\r\nContent-Type: appl")
    return held


def still_open(held: socket.socket) -> bool:
    """Whether the server still holds the connection (it has neither answered nor closed)."""
    held.setblocking(False)
    try:
        held.recv(1)  # an answer, or the end of the connection
        return False
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        held.setblocking(True)


class RedisServer:
    """A Redis of the test's own (Debian's redis-server) on a free port, which the test may
    stop to see a server lose its message queue."""

    def __init__(self, folder: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(folder)),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)  # nothing to wait on before the port opens
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
