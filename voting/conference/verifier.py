"""Ballot verification on every core of the machine.

Verifying a ballot is thousands of short libsodium calls driven from Python, so the threads of
one server process barely add up (each call takes the GIL back): a crowd casting at once would
queue behind one core; under gevent (`voting serve`) it would also hold the event loop, and so
every open connection. The server therefore verifies in a pool of processes, one per core it
may use by default, shared out between the server's workers (`VOTING_VERIFY_PROCESSES`; 0
verifies in the request's thread). The request's thread (or greenlet) waits for the answer;
burning the card and storing the ballot stay in the server's process. The pool's processes are
spawned, not forked (the server runs threads, which a fork would copy mid-flight), and exit
when the server's process dies.

Whatever happens to the pool, a ballot is never lost to it: a pool that broke (a process died),
was shut down, or did not answer within `ANSWER_SECONDS` is dropped, logged, and that ballot
verified in the request's thread; after `MAX_BREAKS` breaks the server stops using a pool.
Measurements: docs/benchmarks.md.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures import TimeoutError as AnswerTimeout

from voting.crypto.ballot import Ballot, BallotContext, verify_ballot

log = logging.getLogger(__name__)
ANSWER_SECONDS = 30
MAX_BREAKS = 3

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_breaks = 0


def cores() -> int:
    """The cores this process may run on (affinity and container limits included)."""
    return len(os.sched_getaffinity(0))


_size = cores()


def share(workers: int) -> int:
    """The processes each of `workers` server processes gets: the host's cores shared out, so
    the host runs one verifying process per core whatever the number of workers."""
    return max(1, cores() // max(1, workers))


def configure(processes: int | None, workers: int = 1) -> None:
    """Use `processes` (None: this worker's share of the cores) for the ballots verified from
    now on."""
    global _size, _breaks
    wanted = processes if processes is not None else share(workers)
    with _lock:
        if wanted != _size:
            _size, _breaks = wanted, 0
            _discard()


def verify(context: BallotContext, ballot: Ballot, card_hex: str) -> None:
    """`verify_ballot` for a ballot of `card_hex`, raising its BallotError unchanged."""
    pool = _shared()
    if pool is None:
        _check(context, ballot, card_hex)
        return
    try:
        pool.submit(_check, context, ballot, card_hex).result(timeout=ANSWER_SECONDS)
    except (RuntimeError, AnswerTimeout, CancelledError) as error:  # BrokenProcessPool too
        _dropped(pool, error)
        _check(context, ballot, card_hex)


def _check(context: BallotContext, ballot: Ballot, card_hex: str) -> None:
    """What a pool's process runs (a module-level function: it is sent by name)."""
    verify_ballot(context, ballot, {card_hex})


def _shared() -> ProcessPoolExecutor | None:
    global _pool
    with _lock:
        if _pool is None and _size >= 1 and _breaks < MAX_BREAKS:
            _pool = ProcessPoolExecutor(
                _size, mp_context=multiprocessing.get_context("spawn"), initializer=_child
            )
        return _pool


def _dropped(pool: ProcessPoolExecutor, error: BaseException) -> None:
    global _breaks
    with _lock:
        if _pool is not pool:
            return  # another thread dropped it already
        _breaks += 1
        _discard()
        last = _breaks >= MAX_BREAKS
    log.warning(
        "ballot verification pool dropped (%s: %s); verifying in the request thread%s",
        type(error).__name__,
        error,
        ", and from now on" if last else "",
    )


def _discard() -> None:
    """Let the current pool go (the caller holds the lock); its processes are stopped."""
    global _pool
    if _pool is not None:
        processes = list((getattr(_pool, "_processes", None) or {}).values())
        _pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        _pool = None


def _child() -> None:
    """In each pool process: Ctrl-C is the server's to handle, and the process exits as soon
    as the server's process is gone (killed included), never left running on its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
