"""The voter's page, opened by scanning a voting card (`/vote/<conference>#<code>`; the code in
the fragment never reaches the server). It renders the ballot's names and the words; the script
does the rest. No session is read or written here, so the page sets no cookie (design.md
guarantee 2): the language comes from `?lang=` alone."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, render_template, request

from voting.conference import ballot, conferences
from voting.conference import box as boxes
from voting.planning import standards
from voting.store import Conference, Phase
from voting.translations import LANGUAGES
from voting.web.extensions import db
from voting.web.i18n import DEFAULT, LIVE_STRINGS, strings
from voting.web.pages.guard import html_errors

bp = Blueprint("voter", __name__, url_prefix="/vote")
html_errors(bp)

# What the voter page's script says; it fills {n}, {k}, {of}, {app} and {message} itself.
SCRIPT_STRINGS = (
    "vote.progress",
    "vote.quota",
    "vote.quota.full",
    "vote.next",
    "vote.review",
    "vote.review.none",
    "vote.in_app",
    "vote.check.found",
    "vote.check.missing",
    "vote.refused.card_used",
    "vote.refused.card_voided",
    "vote.refused.card_unknown",
    "vote.refused.wrong_conference",
    "vote.refused.voting_closed",
    "vote.refused.vote_aborted",
    "vote.refused.ballot_box_full",
    "vote.refused.build",
    "vote.refused.other",
    "vote.resending",
    "vote.code.mistyped",
    "code.typo.character",
    "code.typo.length",
    "code.typo.first",
    "code.typo.check",
    "code.typo.near",
    *LIVE_STRINGS,
)
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@bp.before_request
def language_without_session() -> None:
    """Choose the language from the address only: the session would set a cookie."""
    asked = request.args.get("lang")
    g.lang = asked if asked in LANGUAGES else DEFAULT


@bp.get("")
def current() -> tuple[str, int, dict[str, str]]:
    """The conference whose vote is open (or about to open); a card's URL may omit it."""
    live = [c for c in conferences.every(db()) if c.phase in (Phase.VOTING, Phase.CHECKIN)]
    live.sort(key=lambda c: c.phase != Phase.VOTING)
    if not live:
        return render_template("vote_none.html"), 404, NO_STORE
    return _page(live[0])


@bp.get("/<conference_id>")
def show(conference_id: str) -> tuple[str, int, dict[str, str]]:
    """The voter page of one conference."""
    return _page(conferences.get(db(), conference_id))


def _page(conference: Conference) -> tuple[str, int, dict[str, str]]:
    page = render_template(
        "vote.html",
        conference=conference,
        step=conferences.step_of(conference),
        labels=ballot_labels(conference),
        strings=strings(*SCRIPT_STRINGS),
    )
    return page, 200, NO_STORE


def ballot_labels(conference: Conference) -> dict[str, Any]:
    """The ballot's names under the ids the cryptography uses ("s1", "s1c1"), with each
    position's standards: a ballot is public, printed on paper at every conference; the
    opening publishes only the ids."""
    described = ballot.describe(conference)
    # KH 331 B.V.1: the position's standards are made known to those who vote, on the ballot.
    standard = standards.on_ballot(db(), conference)
    return {
        "kind": described.kind,
        "sections": [
            {
                "id": boxes.section_id(section.number),
                "position": section.position,
                "standards": standard.get(section.position, []),
                "candidates": [
                    {
                        "id": boxes.candidate_id(section.number, candidate.number),
                        "full_name": candidate.full_name,
                        "post": candidate.post,
                        "unit": candidate.unit,
                    }
                    for candidate in section.candidates
                ],
            }
            for section in described.sections
        ],
    }
