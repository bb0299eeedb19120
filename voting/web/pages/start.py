"""The start page listing the pages, and logging in and out with an account."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.wrappers import Response

from voting.conference import accounts
from voting.conference.errors import ConferenceError
from voting.store import Role
from voting.web.clock import local
from voting.web.config import installation_fingerprint
from voting.web.documents import file_name
from voting.web.errors import status_of
from voting.web.extensions import db
from voting.web.i18n import language, localized, translate, translate_value
from voting.web.pages import forms
from voting.web.pages.guard import html_errors, require_form_csrf
from voting.web.pages.outcome import outcome_key
from voting.web.principals import authenticate, csrf_token, current_principal, log_in, log_out
from voting.web.schema import form

bp = Blueprint("start", __name__)
html_errors(bp)


@bp.app_context_processor
def page_context() -> dict[str, Any]:
    """What every page template uses: the catalogue, the language, the caller, the CSRF token
    of its forms."""
    return {
        "t": translate,
        "tv": translate_value,
        "localized": localized,
        "lang": language(),
        "other_lang": "en" if language() == "vi" else "vi",
        "principal": current_principal(),
        "csrf_token": csrf_token,
        "local_time": local,
        "outcome_key": outcome_key,
        "account_name": account_name,
        "file_name": file_name,
        "installation_key": installation_fingerprint(current_app),
    }


def account_name(actor: str) -> str:
    """How a page names whoever acted: an account by the person's display name, not the event
    log's `user:<login>`; a device or committee member as the log writes it."""
    return accounts.name_of(db(), actor)


@bp.get("/")
def index() -> str:
    """Where each page is and who opens it."""
    return render_template("start.html")


@bp.get("/login")
def login() -> str:
    """The login form."""
    return render_template("login.html", next=_next_page(), failed=False)


@bp.post("/login")
def submit_login() -> Response | tuple[str, int]:
    """Check the password, start the session, go on to the page asked for (or the console)."""
    require_form_csrf()
    try:
        typed = form(forms.Credentials, request.form)
        user = authenticate(typed.username, typed.password)
    except ConferenceError as refused:  # too many attempts, or busy
        return render_template(
            "login.html", next=_next_page(), failed=True, refusal=refused
        ), status_of(refused)
    if user is None:
        return render_template("login.html", next=_next_page(), failed=True), 401
    chosen = language()
    log_in(user)
    session["lang"] = chosen  # a fresh session, but the same reader
    if _next_page():
        return redirect(_next_page())
    if user.role == Role.ORGANISER:
        return redirect(url_for("organiser.index"))
    if user.role == Role.HEAD:
        return redirect(url_for("head.index"))
    return redirect(url_for("leadership.index"))


@bp.post("/logout")
def logout() -> Response:
    """End the session."""
    require_form_csrf()
    log_out()
    return redirect(url_for("start.index"))


def _next_page() -> str:
    """The local page to return to after logging in; anything else is ignored (no open
    redirect)."""
    wanted = request.values.get("next", "")
    return wanted if same_origin_path(wanted) else ""


def same_origin_path(target: str) -> bool:
    """Whether `target` is a path on this server and nothing a browser could read as another
    host: browsers drop tabs and newlines and read `\\` as `/`, so `/\t/host`, `//host`,
    `/\\host` and any scheme are refused."""
    if not target.startswith("/") or any(ch < " " or ch in "\\\x7f" for ch in target):
        return False
    parts = urlsplit(target)
    return not target.startswith("//") and not parts.scheme and not parts.netloc
