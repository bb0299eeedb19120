"""docs/rule-set.schema.json describes the rule sets the program reads: every built-in rule set
validates against it, and the changes the program refuses for their shape the schema refuses
too — so a third-party verifier can check a record's embedded rules from the docs alone."""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from voting.rules import RulesError, load_rule_set, rule_set_from_mapping

ROOT = Path(__file__).parents[3]
SCHEMA = json.loads((ROOT / "docs" / "rule-set.schema.json").read_text("utf-8"))
BUILT_IN = sorted((ROOT / "voting" / "rules").glob("*.toml"))


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", BUILT_IN, ids=[p.name for p in BUILT_IN])
def test_every_built_in_rule_set_validates(path: Path) -> None:
    jsonschema.validate(dict(load_rule_set(path).content), SCHEMA)


def step(content: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = content["procedures"][0]["steps"][2]
    return found


CHANGES: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("quorum not a fraction", lambda c: c.update(quorum="two thirds")),
    ("no procedures", lambda c: c.pop("procedures")),
    ("cap as text", lambda c: c.update(max_positions_per_cadre="3")),
    ("cap zero", lambda c: c.update(max_positions_per_cadre=0)),
    ("unknown ballot kind", lambda c: step(c).update(ballot="paper")),
    ("unknown base", lambda c: step(c)["threshold"].update(base="members")),
    ("fills_quota as a number", lambda c: step(c).update(fills_quota=1)),
    ("empty title", lambda c: c.update(title="  ")),
    ("a post without a title", lambda c: c["posts"][0].pop("title")),
    ("no retirement for women", lambda c: c["retirement"].pop("F")),
    ("a date as text", lambda c: c["eligibility"].update(transitional_before="27/12/2021")),
]


@pytest.mark.parametrize(("name", "change"), CHANGES, ids=[name for name, _ in CHANGES])
def test_what_the_program_refuses_the_schema_refuses(
    name: str, change: Callable[[dict[str, Any]], None]
) -> None:
    content = copy.deepcopy(dict(load_rule_set(BUILT_IN[0]).content))
    change(content)
    with pytest.raises(RulesError):
        rule_set_from_mapping(content)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(content, SCHEMA)
