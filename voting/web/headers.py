"""Security headers on every response (issue 16, item 15): vote secrecy depends on the
JavaScript the server sends, so pages run only the bundled scripts served from here (no inline
script, no framing by another page, no address leaked to other sites)."""

from __future__ import annotations

from flask import Flask, Response

# 'wasm-unsafe-eval' lets libsodium's WebAssembly compile; nothing else is evaluated. Images
# may be data: URLs (the desk's card QR); Socket.IO connects back to this server only.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers older than CSP 2
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def register(app: Flask) -> None:
    """Add `HEADERS` to every response the app makes (errors included)."""

    @app.after_request
    def secure(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
