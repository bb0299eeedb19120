"""The built-in rule set's procedures and steps, for the set-up form."""

from __future__ import annotations

from flask import Blueprint, current_app

from voting.web.api import replies
from voting.web.config import rule_set
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("rules", __name__, url_prefix="/api")


@bp.get("/rules")
@requires(Action.RULES_READ)
@answers(replies.RuleSet)
def show() -> replies.RuleSet:
    """The rule set a new conference is made from: procedures, steps, tiers."""
    return replies.RuleSet.of(rule_set(current_app))
