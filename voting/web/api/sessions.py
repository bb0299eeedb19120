"""Log in and out with an account; read who is calling and the CSRF token."""

from __future__ import annotations

from flask import Blueprint

from voting.conference.errors import refused
from voting.web.api import replies
from voting.web.api.bodies import Login
from voting.web.policy import Action, requires
from voting.web.principals import (
    Principal,
    authenticate,
    csrf_token,
    current_principal,
    log_in,
    log_out,
)
from voting.web.replies import answers
from voting.web.schema import takes

bp = Blueprint("sessions", __name__, url_prefix="/api")


@bp.get("/session")
@requires(Action.SESSION)
@answers(replies.Session)
def show() -> replies.Session:
    """Who is calling, and the CSRF token for the state-changing calls that follow."""
    return replies.Session(
        principal=replies.Principal.of(current_principal()), csrf_token=csrf_token()
    )


@bp.post("/session")
@requires(Action.SESSION)
@takes(Login)
@answers(replies.Session)
def create(body: Login) -> replies.Session:
    """Log in with a username and password."""
    user = authenticate(body.username, body.password)
    if user is None:
        raise refused("bad_credentials")
    token = log_in(user)
    principal = Principal("user", user.role, user.id, user.username, display_name=user.shown_name)
    return replies.Session(principal=replies.Principal.of(principal), csrf_token=token)


@bp.delete("/session")
@requires(Action.SESSION)
@answers(replies.Session)
def delete() -> replies.Session:
    """Log out."""
    return replies.Session(principal=None, csrf_token=log_out())
