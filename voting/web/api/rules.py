"""The built-in rule set's procedures and steps, for the set-up form."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app

from voting.web.api import replies
from voting.web.config import rule_set
from voting.web.policy import Action, requires
from voting.web.replies import answers

bp = Blueprint("rules", __name__, url_prefix="/api")


@bp.get("/rules")
@requires(Action.RULES_READ)
@answers(replies.RuleSet)
def show() -> dict[str, Any]:
    """The rule set a new conference is made from: procedures, steps, tiers."""
    rules = rule_set(current_app)
    return {
        "name": rules.name,
        "title": rules.title,
        "hash": rules.hash,
        "tiers": {key: tier.title for key, tier in rules.tiers.items()},
        "groups": dict(rules.groups),
        "procedures": [
            {
                "key": procedure.key,
                "title": procedure.title,
                "title_en": procedure.title_en,
                "steps": [
                    {
                        "number": step.number,
                        "title": step.title,
                        "title_en": step.title_en,
                        "ballot": step.ballot,
                        "composition": list(step.composition),
                        "extra_composition": {
                            tier: list(groups) for tier, groups in step.extra_composition.items()
                        },
                        "threshold": step.threshold.describe() if step.threshold else None,
                        "announced": step.announced,
                    }
                    for step in procedure.steps
                ],
            }
            for procedure in rules.procedures.values()
        ],
    }
