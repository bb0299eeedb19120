"""The planning rules: rule sets as data (KH 331 built in), quorum, thresholds, selection,
retirement and eligibility. Pure Python: no Flask, no SQLAlchemy."""

from voting.rules.errors import (
    CountError,
    DecisionError,
    PersonError,
    RulesError,
    RuleSetError,
)
from voting.rules.kh331 import KH331
from voting.rules.retirement import Override, months_left, retirement_month
from voting.rules.ruleset import RuleSet, Step, Threshold, load_rule_set, rule_set_from_mapping
from voting.rules.selection import HeadDecision, Selection, select
from voting.rules.thresholds import Evaluation, evaluate, passes, quorum_met, quorum_shortfall

__all__ = [
    "KH331",
    "CountError",
    "DecisionError",
    "Evaluation",
    "HeadDecision",
    "Override",
    "PersonError",
    "RuleSet",
    "RuleSetError",
    "RulesError",
    "Selection",
    "Step",
    "Threshold",
    "evaluate",
    "load_rule_set",
    "months_left",
    "passes",
    "quorum_met",
    "quorum_shortfall",
    "retirement_month",
    "rule_set_from_mapping",
    "select",
]
