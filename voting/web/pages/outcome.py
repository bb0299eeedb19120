"""What a result says of each candidate, for the pages that draw it on the server (the console,
leadership's page): the same words as js/src/pages/result-view.js draws on the projector and the
committee's phones — after the head's decision who was chosen and that the head chose, before it
that a tie or a cadre over three positions waits for the head."""

from __future__ import annotations

from voting.conference.results import CandidateResult, SelectionResult


def outcome_key(candidate: CandidateResult, selection: SelectionResult | None) -> str:
    """The catalogue key of `candidate`'s outcome in a result whose selection is `selection`."""
    if not candidate.passed:
        return "result.failed"
    if selection is None:
        return "result.passed"
    cid = candidate.id
    decision = selection.decision
    if decision and any(cid in ids for ids in decision.chosen.values()):
        return "result.by_head"
    if any(cid in ids for ids in selection.chosen.values()):
        return "result.chosen"
    if not decision and any(cid in tie.among for tie in selection.ties.values()):
        return "result.tie"
    if not decision and cid in selection.over_cap:
        return "result.over_cap"
    return "result.passed"
