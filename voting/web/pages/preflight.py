"""The pre-flight page: the configured address phones will use, its QR code, and a live check
that a phone on the room's Wi-Fi reaches it. The page shows a QR code of a one-off "hello"
address on the configured address; when a phone opens it, the page (polling its check) says so.

The checks live in the process's memory: they matter only while the organiser looks at the
page, and one process serves the room (voting/web/server.py).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Any

from flask import Blueprint, current_app, render_template, url_for

from voting.web.i18n import strings
from voting.web.pages import qr
from voting.web.pages.guard import html_errors, page_requires
from voting.web.policy import Action

bp = Blueprint("preflight", __name__)
html_errors(bp)

CHECKS = "voting.preflight_checks"
KEPT_CHECKS = 50


class Checks:
    """How many times each open check's hello address was reached; the oldest are forgotten."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reached: OrderedDict[str, int] = OrderedDict()

    def open(self) -> str:
        """A new check and its id."""
        check = secrets.token_urlsafe(12)
        with self._lock:
            self._reached[check] = 0
            while len(self._reached) > KEPT_CHECKS:
                self._reached.popitem(last=False)
        return check

    def reach(self, check: str) -> None:
        """A phone opened the check's hello address (unknown checks are ignored)."""
        with self._lock:
            if check in self._reached:
                self._reached[check] += 1

    def reached(self, check: str) -> int:
        """How many times the check's hello address was opened."""
        with self._lock:
            return self._reached.get(check, 0)


def checks() -> Checks:
    """This application's checks."""
    found = current_app.extensions.setdefault(CHECKS, Checks())
    assert isinstance(found, Checks)
    return found


@bp.get("/preflight")
@page_requires(Action.ADDRESS_READ)
def show() -> str:
    """The address, its QR code, and a fresh reachability check."""
    public_url: str = current_app.config.get("PUBLIC_URL", "").rstrip("/")
    context: dict[str, Any] = {"public_url": public_url}
    if public_url:
        check = checks().open()
        hello = public_url + url_for(".hello", check=check)
        context |= {
            "address_qr": qr.svg(public_url),
            "check": check,
            "hello": hello,
            "hello_qr": qr.svg(hello),
            "strings": strings("preflight.waiting", "preflight.reached"),
        }
    return render_template("preflight.html", **context)


@bp.get("/preflight/checks/<check>")
@page_requires(Action.ADDRESS_READ)
def check_state(check: str) -> dict[str, int]:
    """How many times a phone has opened the check's hello address (polled by the page)."""
    return {"reached": checks().reached(check)}


@bp.get("/hello/<check>")
@page_requires(Action.META_READ)
def hello(check: str) -> str:
    """What the phone shows; opening it is the check."""
    checks().reach(check)
    return render_template("hello.html")
