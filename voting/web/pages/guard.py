"""Access to the HTML pages through the one policy (voting.web.policy): a visitor who is not
logged in is sent to the login page, a refusal is an HTML page, and every form post carries the
session's CSRF token in a hidden field."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, redirect, render_template, request, session, url_for

from voting.conference import conferences, devices
from voting.conference.errors import ConferenceError, refused
from voting.store import DeviceKind, DeviceLink, unit
from voting.web.errors import status_of
from voting.web.extensions import db
from voting.web.i18n import localized
from voting.web.policy import POLICY, Action, authorize
from voting.web.principals import current_principal

F = TypeVar("F", bound=Callable[..., Any])
CSRF_FIELD = "csrf_token"


def live_link(token: str, kind: DeviceKind) -> DeviceLink:
    """The live device link of `token` if it is of `kind` (the desk's and the kiosk's pages are
    opened through one), or a refusal: a link of another kind is as unknown as no link."""
    link = devices.by_token(db(), token)
    if link is None or link.kind != kind:
        raise refused("device_unknown.page")
    if link.revoked:
        raise refused("device_revoked.page")
    return link


def require_form_csrf() -> None:
    """Refuse a form post whose hidden CSRF field is not the session's token."""
    expected = session.get("csrf")
    given = request.form.get(CSRF_FIELD, "")
    if not isinstance(expected, str) or not hmac.compare_digest(expected, given):
        raise refused("csrf_failed.page")


def page_requires(action: Action) -> Callable[[F], F]:
    """Authorise a page like `policy.requires` authorises the API: the role first (so nobody
    learns whether a conference exists), then the conference from `conference_id`, then the
    CSRF field on a post."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            principal = current_principal()
            if principal.role not in POLICY[action]:
                if principal.kind == "anonymous":
                    return redirect(url_for("start.login", next=request.full_path.rstrip("?")))
                authorize(principal, action)
            if "conference_id" in kwargs:
                kwargs["conference"] = conferences.get(db(), kwargs.pop("conference_id"))
            authorize(principal, action, kwargs.get("conference"))
            if request.method == "POST":
                require_form_csrf()
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def error_page(error: ConferenceError) -> tuple[str, int]:
    """A refusal or failure as a page in the reader's language."""
    unit.rollback(db())
    page = render_template(
        "error.html", message=localized(error.message, error.message_en), problems=error.problems
    )
    return page, status_of(error)


def show_refusals_on(blueprint: Blueprint, page: Callable[[ConferenceError], str]) -> None:
    """A refused form of the blueprint's is shown again on its page, `page(error)`, with the
    reason, the request's unit of work rolled back; a refused read, or a missing login, right
    or object, is the error page."""

    def refusal(error: ConferenceError) -> tuple[str, int]:
        if request.method != "POST" or status_of(error) in (401, 403, 404):
            return error_page(error)
        unit.rollback(db())
        return page(error), status_of(error)

    blueprint.register_error_handler(ConferenceError, refusal)


def html_errors(blueprint: Blueprint) -> None:
    """Make the blueprint answer its refusals with HTML, not the API's JSON."""
    blueprint.register_error_handler(ConferenceError, error_page)
