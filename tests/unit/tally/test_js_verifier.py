"""The second verifier (js/src/verify.js, the code the /verify page runs) and `voting verify`
agree on every record and every tamper of the test suite: the same verdict, the same numbered
check. Any disagreement fails the build."""

from pathlib import Path

import pytest

from tests.unit.tally.node_verifier import javascript_checks
from tests.unit.tally.records import Case, cases
from voting.crypto.installation import InstallationKey, load_or_create
from voting.tally.verify import RecordError, verify_record


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> InstallationKey:
    return load_or_create(tmp_path_factory.mktemp("instance"))


def python_check(data: bytes, key: str | None = None) -> int:
    try:
        verify_record(data, key)
    except RecordError as error:
        return error.check
    return 0


def test_both_verifiers_name_the_same_check_on_every_case(
    key: InstallationKey, tmp_path: Path
) -> None:
    made: list[Case] = cases(key)
    files = []
    for index, case in enumerate(made):
        files.append(tmp_path / f"{index}.json")
        files[-1].write_bytes(case.data)
    by_js = javascript_checks(files)
    disagreements = []
    for case, file in zip(made, files, strict=True):
        python, javascript = python_check(case.data), by_js[str(file)]
        expected = case.check if case.check >= 0 else python
        if not python == javascript == expected or (case.check == -1 and python == 0):
            disagreements.append(f"{case.name}: Python {python}, JavaScript {javascript}")
    assert not disagreements, "\n".join(disagreements)
    assert sum(case.check == 0 for case in made) >= 8 and len(made) > 60


def test_both_refuse_a_record_of_another_installation(key: InstallationKey, tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    record.write_bytes(cases(key)[0].data)
    other = load_or_create(tmp_path / "other").public_hex
    assert python_check(record.read_bytes(), other) == 2
    assert javascript_checks([record], other) == {str(record): 2}
    assert javascript_checks([record], key.public_hex.upper()) == {str(record): 0}
