"""Ballots verified in the pool of processes: the same answers as in the request's thread (an
honest ballot passes, a tampered one is refused with the same message), nothing verified in the
server's own process, and a pool whose process died replaced without losing the ballot."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from voting.conference import verifier
from voting.crypto.ballot import BallotContext, BallotDefinition, BallotError, build_ballot
from voting.crypto.cards import Card, make_pool
from voting.crypto.group import Point, Scalar
from voting.web.config import verify_processes

CONFERENCE = "conf-verifier"
DEFINITION = BallotDefinition.from_dict(
    {"sections": [{"id": "s1", "candidates": ["a", "b", "c"], "quota": 2}]}
)
CONTEXT = BallotContext(CONFERENCE, "cd" * 32, DEFINITION, Point.base(Scalar.random()))
CARD = Card.from_secret(CONFERENCE, make_pool(CONFERENCE, 1).secrets[0])
BALLOT = build_ballot(CONTEXT, CARD, {"s1": ["a", "c"]})
FORGED = replace(BALLOT, signature=bytes(64))


@pytest.fixture
def in_thread_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every verification made in this process, counted; the pool made anew and its size
    restored after."""
    calls: list[Any] = []
    real = verifier.verify_ballot

    def counted(*args: Any) -> None:
        calls.append(args)
        real(*args)

    monkeypatch.setattr(verifier, "verify_ballot", counted)
    verifier.configure(0)  # no pool, no breaks counted: each test starts afresh
    yield calls
    verifier.configure(0)
    verifier.configure(None)


def refusal(processes: int) -> str:
    verifier.configure(processes)
    with pytest.raises(BallotError) as caught:
        verifier.verify(CONTEXT, FORGED, CARD.public_hex)
    return str(caught.value)


def test_the_pool_answers_as_the_request_thread_does(in_thread_calls: list[Any]) -> None:
    verifier.configure(2)
    verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
    pooled = refusal(2)
    assert in_thread_calls == []  # both verified by the pool's processes
    assert refusal(0) == pooled and "signature" in pooled
    verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
    assert len(in_thread_calls) == 2  # with no pool, here
    with pytest.raises(BallotError, match="card"):
        verifier.verify(CONTEXT, BALLOT, "00" * 32)


def kill_processes(pool: Any) -> None:
    for process in list(pool._processes.values()):
        os.kill(process.pid, signal.SIGKILL)
        process.join()


def test_a_pool_whose_process_died_is_replaced_and_logged(
    in_thread_calls: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    verifier.configure(2)
    verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
    pool = verifier._shared()
    assert pool is not None
    kill_processes(pool)
    verifier.verify(CONTEXT, BALLOT, CARD.public_hex)  # verified here, not lost
    assert len(in_thread_calls) == 1
    assert "verification pool dropped (BrokenProcessPool" in caplog.text
    replacement = verifier._shared()
    assert replacement is not None and replacement is not pool
    with pytest.raises(BallotError, match="signature"):
        verifier.verify(CONTEXT, FORGED, CARD.public_hex)
    assert len(in_thread_calls) == 1


def test_a_pool_shut_down_under_a_request_falls_back(in_thread_calls: list[Any]) -> None:
    verifier.configure(2)
    pool = verifier._shared()
    assert pool is not None
    pool.shutdown()  # what a configure() from another thread or the interpreter's exit does
    verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
    assert len(in_thread_calls) == 1


def test_after_repeated_breaks_the_pool_is_not_used_again(
    in_thread_calls: list[Any], caplog: pytest.LogCaptureFixture
) -> None:
    verifier.configure(2)
    for _ in range(verifier.MAX_BREAKS):
        pool = verifier._shared()
        assert pool is not None
        verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
        kill_processes(pool)
        verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
    assert verifier._shared() is None
    assert "and from now on" in caplog.text
    verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
    assert len(in_thread_calls) == verifier.MAX_BREAKS + 1


CHILDREN = """
import sys
from tests.unit.conference.test_verifier import BALLOT, CARD, CONTEXT
from voting.conference import verifier
verifier.configure(2)
verifier.verify(CONTEXT, BALLOT, CARD.public_hex)
print(*(p.pid for p in verifier._shared()._processes.values()), flush=True)
sys.stdin.read()
"""


def test_the_pools_processes_exit_when_the_server_is_killed() -> None:
    with subprocess.Popen(
        [sys.executable, "-c", CHILDREN],
        cwd=Path(__file__).parents[3],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as server:
        assert server.stdout is not None
        children = [int(pid) for pid in server.stdout.readline().split()]
        assert children and all(alive(pid) for pid in children)
        server.kill()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in children)


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, reaped by nobody but init, counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize(("value", "processes"), [("", None), ("0", 0), ("3", 3), (4, 4)])
def test_the_setting_gives_the_pools_size(value: Any, processes: int | None) -> None:
    assert verify_processes(value) == processes


@pytest.mark.parametrize("value", ["two", "-1", "1.5"])
def test_a_wrong_setting_stops_the_start(value: str) -> None:
    with pytest.raises(ValueError, match="VOTING_VERIFY_PROCESSES"):
        verify_processes(value)
