"""The built-in KH 331 rule set, read from `kh331.toml` beside this module."""

import tomllib
from importlib.resources import files

from voting.rules.ruleset import RuleSet, rule_set_from_mapping

KH331: RuleSet = rule_set_from_mapping(
    tomllib.loads(files("voting.rules").joinpath("kh331.toml").read_text("utf-8")),
    origin="kh331.toml",
)
