"""docs/record.md's numbered checks are the verifier's: the same numbers as
`voting.tally.verify.CHECKS`, each naming tests that exist, and every tamper of the test suite
listed under the check that catches it."""

import re
from pathlib import Path

from tests.unit.tally.tampers import TAMPERS
from voting.tally.verify import CHECKS

ROOT = Path(__file__).parents[3]
DOC = (ROOT / "docs" / "record.md").read_text("utf-8")


def numbered_checks() -> dict[int, str]:
    section = DOC.split("## What a verifier checks", 1)[1].split("\n## ", 1)[0]
    items = re.split(r"\n(?=\d+\. )", section)
    return {int(item.split(".", 1)[0]): item for item in items if re.match(r"\d+\. ", item)}


def test_the_doc_numbers_the_verifiers_checks() -> None:
    assert sorted(numbered_checks()) == sorted(CHECKS) == list(range(1, len(CHECKS) + 1))


def test_every_check_names_tests_that_exist() -> None:
    sources = "\n".join(p.read_text("utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    for number, text in numbered_checks().items():
        tests = re.findall(r"`(test_\w+)`", text)
        tampers = re.findall(r"\b([a-z]+(?:_[a-z0-9]+)+)\b", text)
        named = [t for t in tampers if any(t == change.__name__ for change, _, _ in TAMPERS)]
        assert tests or named, f"check {number} names no test"
        for test in tests:
            assert f"def {test}(" in sources, f"check {number}: no test {test}"


def test_every_tamper_is_listed_under_its_check() -> None:
    checks = numbered_checks()
    for change, number, _ in TAMPERS:
        assert change.__name__ in checks[number], f"{change.__name__} not under check {number}"
