"""The second verifier (js/src/verify.js, the code the /verify page runs) and `voting verify`
agree on every record and every tamper of the test suite: the same verdict, the same numbered
check. Any disagreement fails the build."""

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.unit.tally.node_verifier import javascript_checks
from tests.unit.tally.records import Case, cases, tied
from tests.unit.tally.tampers import resign
from voting import canonical
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
    typed = " ".join(key.public_hex[i : i + 8] for i in range(0, 64, 8)).upper()
    assert python_check(record.read_bytes(), typed) == 0
    assert javascript_checks([record], typed) == {str(record): 0}


def test_both_agree_on_random_structural_changes(key: InstallationKey, tmp_path: Path) -> None:
    """Any field of a decided final-step record replaced by a value of another shape, then
    signed again: both verifiers refuse it at the same numbered check (neither crashes)."""
    document = canonical.loads(tied(key))
    places = [path for path in paths(document) if path and len(path) < 5]
    rng = random.Random(18)
    values: list[Any] = [[], {}, "x", 0, -1, True, 2**40, "ab" * 32, [1], {"a": 1}]
    verdicts, files = [], []
    for index in range(150):
        changed = copy.deepcopy(document)
        path = rng.choice(places)
        target = changed
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = rng.choice(values)
        data = resign(changed, key)
        files.append(tmp_path / f"{index}.json")
        files[-1].write_bytes(data)
        verdicts.append((path, python_check(data)))
    by_js = javascript_checks(files)
    differ = [
        f"{path}: Python {python}, JavaScript {by_js[str(file)]}"
        for (path, python), file in zip(verdicts, files, strict=True)
        if by_js[str(file)] != python
    ]
    assert not differ, "\n".join(differ)
    assert len({python for _, python in verdicts}) >= 8


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a JSON value (the first three items of a list)."""
    yield prefix
    if isinstance(value, dict):
        for name, item in value.items():
            yield from paths(item, (*prefix, name))
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            yield from paths(item, (*prefix, index))
