"""Benchmark: the final-step selection over a whole agency's ballot (25 positions × 6)."""

import random

from pytest_benchmark.fixture import BenchmarkFixture

from voting.rules import KH331, select

FINAL = KH331.step("next_term", 5)


def test_select_reference_ballot(benchmark: BenchmarkFixture) -> None:
    """How long does selecting over 25 positions × 6 candidates, 40 convened, take?"""
    rng = random.Random(331)
    cadres = [f"c{i:02d}" for i in range(60)]
    counts = {
        f"p{p:02d}": {c: rng.randint(0, 36) for c in rng.sample(cadres, 6)} for p in range(25)
    }
    quotas = dict.fromkeys(counts, 3)
    result = benchmark(
        select, FINAL, counts, quotas, 36, 40, {c: rng.randint(0, 2) for c in cadres}
    )
    assert all(len(chosen) <= 3 for chosen in result.chosen.values())
