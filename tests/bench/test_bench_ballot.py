"""Benchmark: verifying a reference ballot (25 sections × 6 candidates, quota 3), parsing
included, against the bare libsodium cost of its proofs and signature, measured in the same run
(target ≤ 1.5×); and building one."""

import json
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pysodium
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.baseline import baseline, necessary_operations
from voting import canonical
from voting.crypto.ballot import (
    Ballot,
    BallotDefinition,
    build_ballot,
    verify_ballot,
)
from voting.crypto.cards import Card, make_pool
from voting.crypto.group import Point, Scalar
from voting.tally.simulation import opened_context

pytestmark = pytest.mark.bench

CONFERENCE = "benchmark-reference-conference"
SECTIONS, CANDIDATES, QUOTA = 25, 6, 3
DEFINITION = BallotDefinition.from_dict(
    {
        "sections": [
            {
                "id": f"p{s:02d}",
                "candidates": [f"c{s:02d}{c}" for c in range(CANDIDATES)],
                "quota": QUOTA,
            }
            for s in range(SECTIONS)
        ]
    }
)
POOL = make_pool(CONFERENCE, 40)
KEYS = frozenset(POOL.public_keys)
JOINT_KEY = Point.base(Scalar.random())
CONTEXT = opened_context(CONFERENCE, DEFINITION, POOL.public_keys, JOINT_KEY, 40, 40)
_rng = random.Random(331)
BALLOT = build_ballot(
    CONTEXT,
    Card.from_secret(CONFERENCE, POOL.secrets[0]),
    {s.id: _rng.sample(s.candidates, _rng.randint(0, QUOTA)) for s in DEFINITION.sections},
)


WIRE = canonical.dumps(BALLOT.to_dict())


def verify() -> None:
    """What the server does with a cast ballot: parse its JSON, then verify it."""
    verify_ballot(CONTEXT, Ballot.from_dict(json.loads(WIRE)), KEYS)


def test_build_reference_ballot(benchmark: BenchmarkFixture) -> None:
    card = Card.from_secret(CONFERENCE, POOL.secrets[1])
    choices = {s.id: list(s.candidates[:QUOTA]) for s in DEFINITION.sections}
    benchmark(build_ballot, CONTEXT, card, choices)


def test_verify_reference_ballot(benchmark: BenchmarkFixture) -> None:
    benchmark(verify)


def test_bare_libsodium_baseline(benchmark: BenchmarkFixture) -> None:
    benchmark(baseline(DEFINITION, BALLOT))


@pytest.mark.timing
def test_verification_costs_at_most_one_and_a_half_baselines() -> None:
    """The best of interleaved rounds, so that a busy machine slows both alike. A timing:
    run by scripts/bench, never by the test suite."""
    bare = baseline(DEFINITION, BALLOT)
    best = {"verify": float("inf"), "baseline": float("inf")}
    for _ in range(7):
        for name, run in (("verify", verify), ("baseline", bare)):
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    assert best["verify"] <= 1.5 * best["baseline"], best


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Counts the libsodium group and signature calls made while the test runs."""
    calls: Counter[str] = Counter()
    names = {
        "crypto_scalarmult_ristretto255_base": "base",
        "crypto_scalarmult_ristretto255": "multiply",
        "crypto_core_ristretto255_add": "add",
        "crypto_core_ristretto255_sub": "add",
        "crypto_sign_verify_detached": "verify",
    }
    for function, kind in names.items():
        original = getattr(pysodium, function)

        def wrapper(
            *args: object, _original: Callable[..., object] = original, _kind: str = kind
        ) -> object:
            calls[_kind] += 1
            return _original(*args)

        monkeypatch.setattr(pysodium, function, wrapper)
    yield calls


def test_the_baseline_is_what_verification_does(counted: Counter[str]) -> None:
    """Verification makes exactly the necessary libsodium calls, so the baseline is fair."""
    verify()
    assert counted == necessary_operations(DEFINITION)
