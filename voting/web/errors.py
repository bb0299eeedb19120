"""Every error leaves as `{"error": {"code", "message", "message_en"}}` with its HTTP status."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from voting.conference import logins
from voting.conference.errors import ConferenceError, refused
from voting.translations import texts
from voting.web.i18n import localized
from voting.web.logs import secret_path

log = logging.getLogger(__name__)

# What an API answer says of an HTTP error (a script reads its code): its catalogue key, whose
# English is werkzeug's name of the status; any other status is `error.api.other`.
API_ERROR_KEYS = {
    400: "error.api.400",
    404: "error.api.404",
    405: "error.api.405",
    413: "error.api.413",
}
# What a page says of an HTTP error (a person reads it, not a script): its catalogue key.
ERROR_PAGE_KEYS = {
    400: "error.http.400",
    404: "error.http.404",
    405: "error.http.405",
    413: "error.http.413",
    500: "error.http.500",
}


def error_body(error: ConferenceError) -> dict[str, Any]:
    """The JSON body of an error (Socket.IO acknowledgements carry the same shape)."""
    body: dict[str, Any] = {
        "code": error.code,
        "message": error.message,
        "message_en": error.message_en,
    }
    if error.problems:
        body["problems"] = [problem.to_dict() for problem in error.problems]
    return {"error": body}


def status_of(error: ConferenceError) -> int:
    """The HTTP status for an error: its class's, or its registered refusal's
    (voting.errors.REFUSALS)."""
    return error.status


def register(app: Flask) -> None:
    """Install the handlers that turn every failure under /api/ into the JSON error shape.
    Elsewhere (HTML pages) an HTTP error keeps its own response, and pages handle domain
    errors in their blueprints."""

    @app.errorhandler(ConferenceError)
    def domain(error: ConferenceError) -> tuple[Response, int]:
        response = jsonify(error_body(error))
        if isinstance(error, logins.TooManyAttempts):
            response.headers["Retry-After"] = str(error.retry_after)
        return response, status_of(error)

    @app.errorhandler(HTTPException)
    def http(error: HTTPException) -> ResponseReturnValue:
        status = error.code or 500
        if not _api():
            return error_page(status) if status >= 400 else error
        key = API_ERROR_KEYS.get(status)
        vi, en = texts(key) if key else texts("error.api.other", name=error.name)
        wrapped = ConferenceError(vi, en, code=error.name.lower().replace(" ", "_"))
        return jsonify(error_body(wrapped)), status

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> ResponseReturnValue:
        if secret_path(request.path):
            # The cast and the voter's pages: the kind of failure only, never its message or
            # the request (docs/server.md "Logging").
            log.error(
                "unhandled error on a ballot, card, voter or kiosk path: %s", type(error).__name__
            )
        else:
            log.exception("unhandled error: %s", error)
        if not _api():
            return error_page(500)
        return jsonify(error_body(refused("internal_error"))), 500


def error_page(status: int) -> ResponseReturnValue:
    """An HTTP error as a page in the reader's language, with a way back (never werkzeug's
    English page); the plain-text fallback if even the page cannot be drawn."""
    vi, en = texts(ERROR_PAGE_KEYS.get(status, ERROR_PAGE_KEYS[500 if status >= 500 else 400]))
    try:
        return render_template("error.html", message=localized(vi, en), problems=()), status
    except Exception:  # the error page must not fail in its turn
        log.exception("the error page could not be drawn")
        return Response(f"{vi}\n{en}\n", status, mimetype="text/plain")


def _api() -> bool:
    return request.path.startswith("/api/")
