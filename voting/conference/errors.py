"""Typed errors of the conference services, each with a message in Vietnamese (for the person
in the room) and in English (for logs and the second language of the interface)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from voting.errors import CONFLICT, NOT_FOUND, REFUSALS, UNPROCESSABLE
from voting.rules.errors import DecisionError
from voting.translations import texts


@dataclass(frozen=True)
class Problem:
    """One fault inside a larger input: a file's row and column, or a ballot's section."""

    where: dict[str, Any]
    message: str
    message_en: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.where, "message": self.message, "message_en": self.message_en}


def problem(key: str, where: dict[str, Any], **values: Any) -> Problem:
    """The problem at `where` whose texts are the catalogue's `key`, filled with `where` and
    `values`. A problem is part of a refusal, not one of its own (no code, no status), so its
    texts are the catalogue's, like every other text a page shows."""
    vi, en = texts(key, **where, **values)
    return Problem(where, vi, en)


class ConferenceError(Exception):
    """Base of every refusal; nothing has been changed when one is raised."""

    code = "error"
    # The HTTP status the web layer answers with (voting.web.errors.status_of).
    status = 400

    def __init__(
        self,
        message: str,
        message_en: str,
        *,
        code: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en
        if code is not None:
            self.code = code
        self.problems = problems or []


class InvalidInput(ConferenceError):
    """The request is understood but its content breaks a rule (an empty title, quota 0…)."""

    code = "invalid_input"
    status = UNPROCESSABLE


class NotFound(ConferenceError):
    """The conference, attendee or device does not exist."""

    code = "not_found"
    status = NOT_FOUND


class Conflict(ConferenceError):
    """The request is valid but the conference's state forbids it (wrong phase, no quorum…)."""

    code = "conflict"
    status = CONFLICT


_KINDS: dict[int, type[ConferenceError]] = {
    UNPROCESSABLE: InvalidInput,
    NOT_FOUND: NotFound,
    CONFLICT: Conflict,
}


def refused(name: str, *, problems: list[Problem] | None = None, **values: Any) -> ConferenceError:
    """The registered refusal `name` (voting.errors.REFUSALS) with `values` filled in, as the
    error class of its status, ready to raise."""
    refusal = REFUSALS[name]
    vi, en = refusal.texts(**values)
    error = _KINDS.get(refusal.status, ConferenceError)(
        vi, en, code=refusal.code, problems=problems
    )
    error.status = refusal.status
    return error


def decision_refused(error: DecisionError) -> ConferenceError:
    """`invalid_decision`, saying why in the texts of the reason the rules named."""
    vi, en = texts(error.reason, **error.values)
    return refused("invalid_decision", vi=vi, en=en)
