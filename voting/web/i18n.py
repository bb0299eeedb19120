"""The words on the pages: Vietnamese first, English second (domain/ui-terms.md).

The catalogue, key → (Vietnamese, English), is read from the gettext files in
`voting/translations/` (`voting.translations`). `?lang=en` or `?lang=vi` switches and the choice
is kept in the session, so the organiser's console and the desk stay in the chosen language.
"""

from __future__ import annotations

from typing import Any

from flask import g, request, session

from voting.translations import CATALOGUE, LANGUAGES

DEFAULT = "vi"

# What every live page's script says about the quorum and the phase.
LIVE_STRINGS = (
    "quorum.met",
    "quorum.not_met",
    "quorum.more",
    "live.offline",
    "phase.setup",
    "phase.checkin",
    "phase.voting",
    "phase.closed",
    "phase.opened",
    "phase.aborted",
)


# What every page that shows a result (result-view.js) says about it.
RESULT_STRINGS = (
    "full_name",
    "result",
    "result.agree",
    "result.base.present",
    "result.base.convened",
    "result.passed",
    "result.failed",
    "result.tie",
    "result.chosen",
    "result.over_cap",
    "result.by_head",
    "result.outcome",
    "result.base_line",
    "result.awaiting_head",
    "result.decided_on",
)


# The keys a page picks by a value known only at run time (a phase, a status, a role…), each
# value written out: the catalogue test (tests/unit/test_messages.py) checks every key exists and
# every value of the domain's enum has one, so no page finds a missing text in front of a person.
KEYS_BY_VALUE: dict[str, dict[str, str]] = {
    "phase": {
        "setup": "phase.setup",
        "checkin": "phase.checkin",
        "voting": "phase.voting",
        "closed": "phase.closed",
        "opened": "phase.opened",
        "aborted": "phase.aborted",
    },
    "phase_to": {
        "setup": "organiser.phase_to.setup",
        "checkin": "organiser.phase_to.checkin",
        "voting": "organiser.phase_to.voting",
        "closed": "organiser.phase_to.closed",
    },
    "process_status": {
        "running": "planning.status.running",
        "submitted": "planning.status.submitted",
        "approved": "planning.status.approved",
    },
    "step_status": {
        "waiting": "planning.step.waiting",
        "current": "planning.step.current",
        "done": "planning.step.done",
    },
    "tier": {"province": "tier.province", "agency": "tier.agency"},
    "appointment_status": {
        "running": "appointments.status.running",
        "appointed": "appointments.status.appointed",
        "withdrawn": "appointments.status.withdrawn",
    },
    "base": {"present": "result.base.present", "convened": "result.base.convened"},
    "source": {
        "registry": "source.registry",
        "external": "source.external",
        "manual": "source.manual",
    },
    "role": {
        "organiser": "accounts.role.organiser",
        "leadership": "accounts.role.leadership",
        "head": "accounts.role.head",
    },
    "registry": {
        "people": "registry.people",
        "externals": "registry.externals",
        "planning": "registry.planning",
        "terms": "registry.terms",
        "holidays": "registry.holidays",
        "documents": "registry.documents",
    },
    "leadership_result": {
        "sealed": "leadership.result.sealed",
        "announced": "leadership.result.announced",
        "awaiting_head": "leadership.result.awaiting_head",
    },
    "verify_check": {
        "1": "verify.check.1",
        "2": "verify.check.2",
        "3": "verify.check.3",
        "4": "verify.check.4",
        "5": "verify.check.5",
        "6": "verify.check.6",
        "7": "verify.check.7",
        "8": "verify.check.8",
        "9": "verify.check.9",
        "10": "verify.check.10",
        "11": "verify.check.11",
        "12": "verify.check.12",
        "13": "verify.check.13",
        "14": "verify.check.14",
        "15": "verify.check.15",
        "16": "verify.check.16",
        "17": "verify.check.17",
    },
}


def key_of(family: str, value: object) -> str:
    """The catalogue key for `value` in `family` (KEYS_BY_VALUE)."""
    return KEYS_BY_VALUE[family][str(value)]


def choose_language() -> str:
    """The language of this request: `?lang=` (then remembered in the session), else the
    session's choice, else Vietnamese."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked
        return asked
    remembered = session.get("lang")
    return remembered if remembered in LANGUAGES else DEFAULT


def language() -> str:
    """The language chosen for this request."""
    if "lang" not in g:
        g.lang = choose_language()
    chosen: str = g.lang
    return chosen


def translate(key: str, **values: Any) -> str:
    """The text of `key` in the request's language, with `{name}` placeholders filled."""
    vi, en = CATALOGUE[key]
    text = en if language() == "en" else vi
    return text.format(**values) if values else text


def localized(vi: str, en: str) -> str:
    """One of two texts given in both languages (the domain's errors carry both)."""
    return en if language() == "en" else vi


def translate_value(family: str, value: object, **values: Any) -> str:
    """The text for a value known only at run time (`phase`, `conference.phase`)."""
    return translate(key_of(family, value), **values)


def strings(*keys: str) -> dict[str, str]:
    """Texts for a page script, unfilled: the script fills `{n}` itself."""
    return {key: translate(key) for key in keys}
