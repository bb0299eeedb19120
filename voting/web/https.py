"""HTTPS when the agency has a certificate: served by `voting serve --certfile --keyfile`, or by
nginx in front (then VOTING_PROXY trusts its X-Forwarded-* headers). The room's default stays
plain HTTP (design.md): nothing here is on unless configured.

With HTTPS on, the session cookie is Secure and every HTTPS response carries HSTS, so a browser
that once reached the server securely never falls back to plain HTTP for it.
"""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

HSTS = "max-age=31536000"


def proxies(value: object) -> int:
    """VOTING_PROXY as the number of proxies in front (0: none); anything else stops the start."""
    if value in ("", None, False):
        return 0
    try:
        count = int(str(value))
    except ValueError:
        count = -1
    if not 0 <= count <= 3:
        raise ValueError(
            f"VOTING_PROXY must be the number of proxies in front (0-3), not {value!r}"
        )
    return count


def enabled(value: object) -> bool:
    """VOTING_HTTPS as a flag: 1/true/yes turn HTTPS on; empty, 0/false/no leave it off."""
    text = str(value or "").strip().lower()
    if text in ("", "0", "false", "no"):
        return False
    if text in ("1", "true", "yes"):
        return True
    raise ValueError(f"VOTING_HTTPS must be 1 or 0, not {value!r}")


def configure(app: Flask) -> None:
    """Trust the configured proxies; with HTTPS on, Secure cookies and HSTS."""
    count = proxies(app.config["PROXY"])
    if count:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_port=count
        )
    if enabled(app.config["HTTPS"]):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.after_request(_strict_transport)


def _strict_transport(response: Response) -> Response:
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    return response
