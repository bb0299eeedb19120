"""Benchmark: `voting verify` of a 200-ballot record on the reference ballot (25 sections × 6
candidates, quota 3) against the bare libsodium cost of its ballots' proofs and signatures
(target ≤ 1.5×; the verifier may use every core, the baseline runs on one)."""

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tests.bench.baseline import baseline
from voting import canonical
from voting.crypto.ballot import Ballot, BallotDefinition
from voting.crypto.installation import load_or_create
from voting.tally.simulation import simulate
from voting.tally.verify import verify_record

pytestmark = pytest.mark.bench


@pytest.fixture(scope="module")
def voters(request: pytest.FixtureRequest) -> int:
    """200 when timing; the test suite (benchmarks disabled) runs the same code on 10."""
    return 10 if request.config.getoption("benchmark_disable") else 200


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory, voters: int) -> bytes:
    key = load_or_create(tmp_path_factory.mktemp("instance"))
    return simulate(voters, 150, 25, 3, key).record


def test_verify_record_of_200_reference_ballots(
    benchmark: BenchmarkFixture, record: bytes, voters: int
) -> None:
    summary = benchmark.pedantic(verify_record, args=(record,), rounds=3, iterations=1)
    assert summary.ballots == voters


def test_bare_libsodium_baseline_of_200_ballots(
    benchmark: BenchmarkFixture, record: bytes, voters: int
) -> None:
    document = canonical.loads(record)
    definition = BallotDefinition.from_dict(document["ballot"])
    runs = [baseline(definition, Ballot.from_dict(item)) for item in document["ballots"]]
    assert len(runs) == voters

    def run_all() -> None:
        for run in runs:
            run()

    benchmark.pedantic(run_all, rounds=3, iterations=1)
