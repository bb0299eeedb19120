"""The organiser's accounts page: create leadership and head accounts (and other organisers),
see them all, set the name documents print, reset a forgotten password, disable an account
that should no longer log in. The same services as `voting admin`."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from voting.conference import accounts
from voting.conference.errors import ConferenceError, refused
from voting.store import Role, unit
from voting.web.errors import status_of
from voting.web.extensions import db
from voting.web.i18n import localized, translate
from voting.web.pages import forms
from voting.web.pages.guard import error_page, page_requires
from voting.web.policy import Action
from voting.web.principals import current_principal
from voting.web.schema import form

bp = Blueprint("accounts_page", __name__, url_prefix="/organiser/accounts")


@bp.errorhandler(ConferenceError)
def show_refusal(error: ConferenceError) -> tuple[str, int]:
    """A refused form: the page again, with the reason."""
    if request.method != "POST" or status_of(error) in (401, 403):
        return error_page(error)
    unit.rollback(db())
    return _page(localized(error.message, error.message_en)), status_of(error)


@bp.get("/")
@page_requires(Action.ACCOUNTS_MANAGE)
def index() -> str:
    """Every account, and the form for a new one."""
    return _page()


@bp.post("/")
@page_requires(Action.ACCOUNTS_MANAGE)
def create() -> Response:
    """A new account with its first password (the person changes nothing else here)."""
    body = form(forms.NewAccount, request.form)
    user = accounts.create(db(), body.username, body.role, body.password, body.display_name)
    flash(translate("accounts.created", name=user.username))
    return redirect(url_for(".index"))


@bp.post("/<username>/password")
@page_requires(Action.ACCOUNTS_MANAGE)
def reset_password(username: str) -> Response:
    """A new password for a person who forgot theirs (given to them by hand)."""
    password = form(forms.Password, request.form).password
    accounts.set_password(db(), accounts.get(db(), username), password)
    flash(translate("accounts.password_set", name=username))
    return redirect(url_for(".index"))


@bp.post("/<username>/name")
@page_requires(Action.ACCOUNTS_MANAGE)
def rename(username: str) -> Response:
    """The name documents print for the account."""
    accounts.set_display_name(db(), username, form(forms.DisplayName, request.form).display_name)
    flash(translate("accounts.renamed", name=username))
    return redirect(url_for(".index"))


@bp.post("/<username>/disabled")
@page_requires(Action.ACCOUNTS_MANAGE)
def disable(username: str) -> Response:
    """Disable an account (`disabled=yes`) or enable it again; never one's own."""
    disabled = form(forms.Disabling, request.form).disabled
    if disabled and username == current_principal().name:
        raise refused("own_account")
    accounts.set_disabled(db(), username, disabled)
    flash(translate("accounts.disabled" if disabled else "accounts.enabled", name=username))
    return redirect(url_for(".index"))


def _page(error: str = "") -> str:
    return render_template(
        "organiser/accounts.html",
        users=accounts.every(db()),
        roles=[role.value for role in Role],
        error=error,
    )
