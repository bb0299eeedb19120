"""The verifier page: an observer drops a record and their own browser re-checks it with the
JavaScript verifier (js/src/verify.js, the phones' crypto), check by check, then shows what to
compare with the projector and whether their receipt is listed (docs/verify.md).

`/verify` serves it; `voting.web.offline_verify` writes the same page as self-contained files
for a USB stick.
"""

from __future__ import annotations

from flask import Blueprint, render_template

from voting.web.i18n import strings
from voting.web.pages.guard import html_errors

bp = Blueprint("verify", __name__, url_prefix="/verify")
html_errors(bp)

CHECKS = range(1, 18)

# What the page's script says; it fills {n} and {reason}.
SCRIPT_STRINGS = (
    "verify.running",
    "verify.ok",
    "verify.failed",
    "verify.unreadable",
    "verify.unpinned",
    "verify.pinned",
    "verify.receipt_found",
    "verify.receipt_missing",
    "verify.receipt_invalid",
    "projector.member_key",
    "projector.cards",
)


@bp.get("")
def show() -> str:
    """The page, for anyone: it reads nothing from the server but its own script."""
    return render_template("verify.html", checks=CHECKS, strings=strings(*SCRIPT_STRINGS))
