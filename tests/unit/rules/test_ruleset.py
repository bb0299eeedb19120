"""Rule sets are data: KH 331 as built in, agencies' own files, and their faults."""

import json
import re
import tomllib
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from voting.rules import KH331, RuleSetError, load_rule_set, passes, quorum_met, select

KH331_DATA: dict[str, Any] = tomllib.loads(
    files("voting.rules").joinpath("kh331.toml").read_text("utf-8")
)


def write_json(tmp_path: Path, data: Any, name: str = "rules.json") -> Path:
    """Write `data` as a JSON rule-set file."""
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_kh331_has_both_procedures_as_in_the_plan() -> None:
    """KH 331: 'next_term' has 5 steps, 'annual_review' 4; only the final steps are announced."""
    assert [s.number for s in KH331.procedures["next_term"].steps] == [1, 2, 3, 4, 5]
    assert [s.number for s in KH331.procedures["annual_review"].steps] == [1, 2, 3, 4]
    announced = [
        (p, s.number) for p, proc in KH331.procedures.items() for s in proc.steps if s.announced
    ]
    assert announced == [("next_term", 5), ("annual_review", 4)]
    assert KH331.quorum == Fraction(2, 3)


@pytest.mark.parametrize(
    ("procedure", "number", "ballot", "base", "comparison", "ratio", "fills"),
    [
        ("next_term", 1, "none", None, None, None, False),
        ("next_term", 2, "none", None, None, None, False),
        ("next_term", 3, "candidates", "present", "at_least", Fraction(3, 10), False),
        ("next_term", 4, "candidates", "present", "more_than", Fraction(1, 2), False),
        ("next_term", 5, "candidates", "convened", "more_than", Fraction(1, 2), True),
        ("annual_review", 1, "removal", "convened", "more_than", Fraction(1, 2), False),
        ("annual_review", 2, "candidates", "present", "at_least", Fraction(3, 10), False),
        ("annual_review", 3, "candidates", "present", "more_than", Fraction(1, 2), False),
        ("annual_review", 4, "candidates", "convened", "more_than", Fraction(1, 2), True),
    ],
)
def test_kh331_steps_match_rules_md(
    procedure: str,
    number: int,
    ballot: str,
    base: str | None,
    comparison: str | None,
    ratio: Fraction | None,
    fills: bool,
) -> None:
    """Does every step carry the ballot kind and threshold rules.md gives it?"""
    step = KH331.step(procedure, number)
    assert step.ballot == ballot and step.fills_quota is fills
    if base is None:
        assert step.threshold is None
    else:
        assert step.threshold is not None
        assert (step.threshold.base, step.threshold.comparison) == (base, comparison)
        assert step.threshold.ratio == ratio


def test_key_officials_add_district_heads_only_for_provincial_posts() -> None:
    """Step 3 adds the district and city economic heads for posts the province manages."""
    step = KH331.step("next_term", 3)
    assert "kinh_te_huyen" in step.composition_for("province")
    assert "kinh_te_huyen" not in step.composition_for("agency")
    assert KH331.step("next_term", 4).composition_for("province") == (
        "ban_giam_doc",
        "bch_dang_bo",
        "truong_don_vi",
        "truong_doan_the",
    )


def test_unknown_step_is_a_clear_error() -> None:
    """Asking for a step or procedure that does not exist names what exists."""
    with pytest.raises(RuleSetError, match="has no step 6"):
        KH331.step("next_term", 6)
    with pytest.raises(RuleSetError, match="known: next_term, annual_review"):
        KH331.step("next_year", 1)


def test_json_copy_of_kh331_loads_with_the_same_hash(tmp_path: Path) -> None:
    """The hash is of the content, not of the file format."""
    loaded = load_rule_set(write_json(tmp_path, KH331_DATA))
    assert loaded.hash == KH331.hash and loaded.name == "KH331"


def test_an_agencys_own_rules_apply_without_a_code_change(tmp_path: Path) -> None:
    """A rule set with a 3/4 quorum and a 60%-of-present final step is obeyed as written."""
    data = json.loads(json.dumps(KH331_DATA))
    data["name"] = "QD377-demo"
    data["quorum"] = "3/4"
    data["procedures"][0]["steps"][4]["threshold"] = {
        "base": "present",
        "comparison": "at_least",
        "ratio": "3/5",
    }
    rules = load_rule_set(write_json(tmp_path, data))
    assert rules.hash != KH331.hash
    assert quorum_met(18, 24, rules) and not quorum_met(17, 24, rules)
    final = rules.step("next_term", 5)
    assert passes(final, 6, 10, 20) and not passes(final, 5, 10, 20)
    result = select(final, {"gd": {"a": 6}}, {"gd": 3}, 10, 20)
    assert (result.rule_set, result.rule_set_hash) == ("QD377-demo", rules.hash)


def test_toml_file_loads(tmp_path: Path) -> None:
    """A TOML rule-set file loads the same as the built-in."""
    path = tmp_path / "rules.toml"
    path.write_text(files("voting.rules").joinpath("kh331.toml").read_text("utf-8"), "utf-8")
    assert load_rule_set(path).hash == KH331.hash


def mutate(path: str, value: Any) -> dict[str, Any]:
    """A copy of KH 331's data with the value at dotted `path` replaced (or deleted if None)."""
    data: Any = json.loads(json.dumps(KH331_DATA))
    keys = path.split(".")
    target = data
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target[key]
    last = keys[-1]
    if value is None:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("path", "value", "fragment"),
    [
        ("quorum", "2/0", "quorum: expected a fraction"),
        ("quorum", 0.66, "quorum: expected a fraction"),
        ("quorum", "3/2", "must be in (0, 1]"),
        ("name", None, "name: missing"),
        ("procedures.0.steps.2.threshold.base", "attendees", "threshold.base: expected one of"),
        ("procedures.0.steps.2.composition", ["ban_giam_doc", "nobody"], "unknown key 'nobody'"),
        ("procedures.0.steps.2.number", 7, "steps[2].number: expected 3"),
        ("procedures.0.steps.4.fills_quota", False, "final step must be a ranked"),
        ("positions.giam_doc.category_1", ["thu_truong"], "unknown key 'thu_truong'"),
        ("adjustments.later.min_months", 90, "min_months is above max_months"),
        ("eligibility.transitional_before", "27/12/2021", "expected a date"),
        ("min_ballots_to_open", 0, "min_ballots_to_open: expected an integer ≥ 1"),
    ],
)
def test_malformed_rule_set_names_the_file_and_key(
    tmp_path: Path, path: str, value: Any, fragment: str
) -> None:
    """Is each fault reported with the file name and the key path that is wrong?"""
    file = write_json(tmp_path, mutate(path, value))
    with pytest.raises(RuleSetError, match=re.escape("rules.json")) as caught:
        load_rule_set(file)
    assert fragment in str(caught.value)


def test_unreadable_or_invalid_files_are_clear_errors(tmp_path: Path) -> None:
    """A missing file and a syntax error each say what is wrong."""
    with pytest.raises(RuleSetError, match="cannot read"):
        load_rule_set(tmp_path / "absent.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("name = [", "utf-8")
    with pytest.raises(RuleSetError, match=re.escape("broken.toml: not valid toml")):
        load_rule_set(broken)


def test_kh331_opens_no_box_with_fewer_than_three_ballots(tmp_path: Path) -> None:
    """Issue 16 item 14: the minimum is rule-set data (a design choice, reasoned in the file)."""
    assert KH331.min_ballots_to_open == 3
    higher = load_rule_set(write_json(tmp_path, mutate("min_ballots_to_open", 10)))
    assert higher.min_ballots_to_open == 10 and higher.hash != KH331.hash
    older = load_rule_set(write_json(tmp_path, mutate("min_ballots_to_open", None)))
    assert older.min_ballots_to_open == 3, "a rule set made before the key reads as KH 331's 3"
