"""The start page listing the pages, and logging in and out with an account."""

from __future__ import annotations

from typing import Any

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
from voting.planning.dossier import account_name
from voting.store import Role
from voting.web.clock import local
from voting.web.config import installation_fingerprint
from voting.web.documents import file_name
from voting.web.extensions import db
from voting.web.i18n import language, localized, translate
from voting.web.pages.guard import html_errors, require_form_csrf
from voting.web.pages.outcome import outcome_key
from voting.web.principals import csrf_token, current_principal, log_in, log_out

bp = Blueprint("start", __name__)
html_errors(bp)


@bp.app_context_processor
def page_context() -> dict[str, Any]:
    """What every page template uses: the catalogue, the language, the caller, the CSRF token
    of its forms."""
    return {
        "t": translate,
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
    user = accounts.authenticate(
        db(), request.form.get("username", ""), request.form.get("password", "")
    )
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
    return wanted if wanted.startswith("/") and not wanted.startswith("//") else ""
