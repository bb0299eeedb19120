"""Ballot verification on every core of the machine.

Verifying a ballot is thousands of short libsodium calls driven from Python, so the threads of
one server process barely add up (each call takes the GIL back): a crowd casting at once would
queue behind one core. The server therefore verifies in a pool of processes, one per core by
default (`VOTING_VERIFY_PROCESSES`; 0 or 1 verifies in the request's thread). The request's
thread waits for the answer; burning the card and storing the ballot stay in the server's
process. The pool starts on the first ballot; its processes are spawned, not forked (the
server runs threads, which a fork would copy mid-flight). A pool whose process died is
replaced, and that ballot verified in the request's thread. Measurements: docs/benchmarks.md.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from voting.crypto.ballot import Ballot, BallotContext, verify_ballot

_lock = threading.Lock()
_size = os.cpu_count() or 1
_pool: ProcessPoolExecutor | None = None


def configure(processes: int | None) -> None:
    """Use `processes` (None: one per core) for the ballots verified from now on."""
    global _size
    wanted = processes if processes is not None else os.cpu_count() or 1
    with _lock:
        if wanted != _size:
            _size = wanted
            _discard()


def verify(context: BallotContext, ballot: Ballot, card_hex: str) -> None:
    """`verify_ballot` for a ballot of `card_hex`, raising its BallotError unchanged."""
    pool = _shared()
    if pool is None:
        _check(context, ballot, card_hex)
        return
    try:
        pool.submit(_check, context, ballot, card_hex).result()
    except BrokenProcessPool:
        with _lock:
            if _pool is pool:
                _discard()
        _check(context, ballot, card_hex)


def _check(context: BallotContext, ballot: Ballot, card_hex: str) -> None:
    """What a pool's process runs (a module-level function: it is sent by name)."""
    verify_ballot(context, ballot, {card_hex})


def _shared() -> ProcessPoolExecutor | None:
    global _pool
    with _lock:
        if _pool is None and _size > 1:
            _pool = ProcessPoolExecutor(_size, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _discard() -> None:
    """Let the current pool go (the caller holds the lock); its processes finish and exit."""
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=False)
        _pool = None
