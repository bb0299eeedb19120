"""The OpenAPI document lists every route of the app with its method and policy action."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from voting.web.policy import POLICY, Action


def routes(app: Any) -> set[tuple[str, str, str]]:
    """(path in OpenAPI form, method, policy action) for every /api route of the app."""
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        view = app.view_functions[rule.endpoint]
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            found.add((path, method.lower(), view.action.value))
    return found


def test_every_route_is_documented_and_nothing_else(site: Any) -> None:
    """Is each route in the document with the action its view checks, and each documented
    operation a real route?"""
    document = site.api().get("/api/openapi.json").json
    documented = {
        (path, method, operation["x-action"])
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    assert documented == routes(site.app)


def test_every_route_is_guarded_by_the_policy(site: Any) -> None:
    """Does every API view wear `requires(...)` (no route forgets authorisation)?"""
    for rule in site.app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            action = getattr(site.app.view_functions[rule.endpoint], "action", None)
            assert isinstance(action, Action), rule.rule


def test_the_document_is_openapi_3_1_with_resolvable_references(site: Any) -> None:
    """Is it OpenAPI 3.1, and does every $ref point at a schema that exists?"""
    document = site.api().get("/api/openapi.json").json
    assert document["openapi"] == "3.1.0"
    schemas = document["components"]["schemas"]
    text = str(document)
    for name in re.findall(r"#/components/schemas/(\w+)", text):
        assert name in schemas, name
    for path, methods in document["paths"].items():
        for operation in methods.values():
            names = [p["name"] for p in operation["parameters"]]
            assert names == re.findall(r"\{(\w+)\}", path), path


def test_docs_server_md_shows_the_policy_table_as_coded() -> None:
    """Does the policy table in docs/server.md say exactly what POLICY enforces?"""
    docs = Path(__file__).resolve().parents[3] / "docs" / "server.md"
    rows = [line for line in docs.read_text("utf-8").splitlines() if line.startswith("| `")]
    header = (
        "| action | public | organiser | leadership | head | checkin_desk | kiosk | committee |"
    )
    roles = [cell.strip() for cell in header.strip("|").split("|")][1:]
    documented = {}
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        if len(cells) == len(roles) + 1:
            documented[cells[0].strip("`")] = {
                r for r, c in zip(roles, cells[1:], strict=True) if c == "✓"
            }
    assert documented == {action.value: set(allowed) for action, allowed in POLICY.items()}


def test_the_document_carries_the_package_version(site: Any) -> None:
    from importlib.metadata import version

    document = site.api().get("/api/openapi.json").json
    assert document["info"]["version"] == version("voting")
