"""Issue 16, item 15: every response — each route of the app, pages, API, static files and
errors — carries the content security policy (bundled scripts only, WebAssembly allowed, no
framing), no referrer and nosniff; no page holds an inline script or handler."""

from __future__ import annotations

import re
from typing import Any

from voting.web.headers import CONTENT_SECURITY_POLICY

EXPECTED = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")|\son[a-z]+=|javascript:|\sstyle=",
    re.IGNORECASE,
)


def paths(site: Any, conference: str) -> list[tuple[str, str]]:
    """(method, path) for every rule of the URL map, its arguments filled in."""
    values = {"conference_id": conference, "filename": "css/pages.css"}
    found = []
    for rule in site.app.url_map.iter_rules():
        arguments = {name: values.get(name, "1") for name in rule.arguments}
        path = rule.build(arguments, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            found.append((method, path))
    return found


def test_every_route_sends_the_security_headers(site: Any, organiser: Any) -> None:
    """Does each route of `app.url_map`, called anonymously and as the organiser (whatever
    its answer: a page, JSON, a refusal, a 404), send the CSP with `script-src 'self'
    'wasm-unsafe-eval'` and `frame-ancestors 'none'`, `Referrer-Policy: no-referrer` and
    nosniff?"""
    conference = site.ready(organiser)
    checked = 0
    for api in (site.api(), organiser):
        for method, path in paths(site, conference):
            response = api.call(method, path)
            csp = response.headers.get("Content-Security-Policy", "")
            assert csp == CONTENT_SECURITY_POLICY, (method, path)
            assert "script-src 'self' 'wasm-unsafe-eval';" in csp
            assert "frame-ancestors 'none'" in csp
            for name, value in EXPECTED.items():
                assert response.headers.get(name) == value, (method, path, name)
            checked += 1
    assert checked > 2 * 100  # the whole map, not a few routes
    missing = site.api().get("/no-such-page")
    assert missing.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_no_page_holds_an_inline_script_handler_or_style(site: Any, organiser: Any) -> None:
    """Does every HTML page the map serves load only script files (JSON data blocks aside),
    with no on…= handler, javascript: link or style attribute the policy would block?"""
    conference = site.ready(organiser)
    pages = 0
    for api in (site.api(), organiser):
        for method, path in paths(site, conference):
            if method != "GET":
                continue
            response = api.get(path)
            if response.mimetype != "text/html":
                continue
            pages += 1
            assert not INLINE.search(response.text), (path, INLINE.search(response.text))
    assert pages > 10
