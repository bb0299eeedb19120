"""Addresses the pages hand to other devices: built on the configured room address, the one
phones on the Wi-Fi use, never on whatever name the organiser's laptop was reached by."""

from __future__ import annotations

from flask import current_app, request


def public_base() -> str:
    """The configured room address (VOTING_PUBLIC_URL), else this request's."""
    configured: str = current_app.config.get("PUBLIC_URL") or request.host_url
    return configured.rstrip("/")
