"""The QĐ 377-QĐ/TW rule set shipped beside KH 331: it loads, says what it is, and (as its
comment says) carries KH 331's procedures, thresholds and eligibility data over unchanged."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

import pytest

from voting.rules import KH331, RuleSetError, load_rule_set


def qd377_path() -> Path:
    with as_file(files("voting.rules").joinpath("qd377.toml")) as path:
        return Path(path)


def test_the_qd377_rule_set_loads_and_names_its_source() -> None:
    rules = load_rule_set(qd377_path())
    assert rules.name == "QD377"
    assert "377-QĐ/TW" in rules.title and "377-QĐ/TW ngày 08/10/2025" in rules.source
    assert rules.hash != KH331.hash and len(rules.hash) == 64
    text = qd377_path().read_text("utf-8")
    assert "Carried over UNCHANGED from voting/rules/kh331.toml" in text


def test_everything_but_its_identity_is_carried_over_from_kh331() -> None:
    rules = load_rule_set(qd377_path())
    identity = {"name", "title", "source"}
    mine = {k: v for k, v in rules.content.items() if k not in identity}
    theirs = {k: v for k, v in KH331.content.items() if k not in identity}
    assert mine == theirs
    for key, procedure in rules.procedures.items():
        for step, original in zip(procedure.steps, KH331.procedures[key].steps, strict=True):
            assert step.threshold == original.threshold and step.announced == original.announced
    assert rules.quorum == KH331.quorum


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'threshold = { base = "convened", comparison = "more_than", ratio = "1/2" }\n'
            "announced = true",
            'threshold = { base = "convened", comparison = "more_than", ratio = "2/2" }\n'
            "announced = true",
            "more than all of the base: nobody could pass",
        ),
        ('quorum = "2/3"', 'quorum = "4/3"', "must be in (0, 1]"),
        ('ratio = "3/10"', 'ratio = "0/10"', "must be in (0, 1]"),
        ('name = "QD377"', "name = ", "not valid toml"),
    ],
)
def test_impossible_or_broken_rule_sets_are_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = qd377_path().read_text("utf-8")
    assert old in text
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(RuleSetError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_rule_set(broken)
