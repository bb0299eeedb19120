"""A step's conference result as the process reads it: the conference's own typed result
(`results.BoxResult`, section and candidate ids) once its box is opened, and each counted
candidate as the process keeps it (`counted`). `steps` turns it into the step's result by
cadre."""

from __future__ import annotations

from voting.conference.results import BoxResult, CandidateResult, Result
from voting.planning.state import CountedCandidate


def opened(view: Result) -> BoxResult | None:
    """The result of a conference's result view once its box is opened (sealed or announced);
    None before."""
    if view.status not in ("sealed", "announced"):
        return None
    return view.result


def counted(candidate: CandidateResult) -> CountedCandidate:
    """A candidate's count as the process keeps it: the cadre, not the candidate id."""
    return CountedCandidate(
        cadre=candidate.cadre,
        number=candidate.number,
        full_name=candidate.full_name,
        post=candidate.post,
        unit=candidate.unit,
        agree=candidate.agree,
        base_count=candidate.base_count,
        percent=candidate.percent,
        passed=candidate.passed,
    )
