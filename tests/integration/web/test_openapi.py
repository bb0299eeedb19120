"""The OpenAPI document, generated from the app, lists every route of the app with its method
and policy action; the table of summaries has a row for each; every request body has a real
schema, the one the view reads its body with, and every modelled response the schema of the
model the view declares, which each of its answers in the tests validates against
(`tests.fixtures.answered_as_declared`)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.unit.tally.records import VECTORS, tied
from voting import canonical
from voting.crypto.installation import load_or_create
from voting.rules import HeadDecision
from voting.web.api import replies
from voting.web.api.signed_record import Selection, SignedRecordFile
from voting.web.openapi import ROUTES
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


def test_the_route_table_has_a_row_for_every_route_and_nothing_else(site: Any) -> None:
    """Has each route its summary and responses written in openapi.ROUTES, and is each row a
    real route (a new route gets a row; a removed one loses it)?"""
    tabled = {(path, method) for path, methods in ROUTES.items() for method in methods}
    assert tabled == {(path, method) for path, method, _ in routes(site.app)}


def test_every_request_body_has_a_schema_with_fields(site: Any) -> None:
    """Does every JSON request body point at a schema that names its fields (no bare
    `{"type": "object"}`), and every state-changing call that reads a JSON body say so?"""
    document = site.api().get("/api/openapi.json").json
    schemas = document["components"]["schemas"]
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            schema = content["application/json"]["schema"]
            schema = schemas[schema["$ref"].rsplit("/", 1)[1]] if "$ref" in schema else schema
            assert schema.get("properties"), f"{method} {path}"


def test_a_views_body_model_is_the_documented_request_schema(site: Any) -> None:
    """Is the schema in the document the JSON schema of the very model the view parses?"""
    document = site.api().get("/api/openapi.json").json
    schemas = document["components"]["schemas"]
    checked = 0
    for rule in site.app.url_map.iter_rules():
        model = getattr(site.app.view_functions[rule.endpoint], "body_model", None)
        if model is None:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            body = document["paths"][path][method.lower()]["requestBody"]
            reference = body["content"]["application/json"]["schema"]["$ref"]
            assert reference == f"#/components/schemas/{model.__name__}"
            own = model.model_json_schema(ref_template="#/components/schemas/{model}")
            own.pop("$defs", None)
            assert schemas[model.__name__] == own
            checked += 1
    assert checked >= 20


def test_a_views_reply_model_is_the_documented_response_schema(site: Any) -> None:
    """Is the success response in the document the JSON schema of the model the view
    declares it answers, under the status the row gives?"""
    document = site.api().get("/api/openapi.json").json
    schemas = document["components"]["schemas"]
    checked = 0
    for rule in site.app.url_map.iter_rules():
        model = getattr(site.app.view_functions[rule.endpoint], "reply_model", None)
        if model is None:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            responses = document["paths"][path][method.lower()]["responses"]
            (success,) = [r for code, r in responses.items() if code.startswith("2")]
            reference = success["content"]["application/json"]["schema"]["$ref"]
            assert reference == f"#/components/schemas/{model.__name__}"
            own = model.model_json_schema(ref_template="#/components/schemas/{model}")
            own.pop("$defs", None)
            assert schemas[model.__name__] == own
            checked += 1
    assert checked >= 80


def test_an_answer_that_drifts_from_its_model_fails(
    site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does a view that answers something other than its declared model fail the test that
    calls it? (/api/ping answers `ok` and `public_url`, not what `Imported` says.)"""
    assert site.api().get("/api/ping").status_code == 200
    monkeypatch.setattr(site.app.view_functions["meta.ping"], "reply_model", replies.Imported)
    with pytest.raises(ValidationError):
        site.api().get("/api/ping")


def test_the_signed_record_has_a_schema_of_its_parts(site: Any, tmp_path: Path) -> None:
    """Is GET …/record answered as a schema naming every key of a real record, nothing else,
    each object part with its own fields (not a bare object)?"""
    document = site.api().get("/api/openapi.json").json
    schemas = document["components"]["schemas"]
    answer = document["paths"]["/api/conferences/{conference_id}/record"]["get"]["responses"]
    assert answer["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/SignedRecordFile"
    }
    schema = schemas["SignedRecordFile"]
    record = canonical.loads(tied(load_or_create(tmp_path)))
    assert set(schema["properties"]) == set(schema["required"]) == set(record)
    assert schema["additionalProperties"] is False
    for name in ("conference", "rule_set", "cards", "frozen", "committee", "installation"):
        part = schemas[schema["properties"][name]["$ref"].rsplit("/", 1)[1]]
        assert set(part["required"]) == set(record[name]), name
        assert part["additionalProperties"] is False, name


def test_the_results_selection_is_the_records_with_the_decision(site: Any) -> None:
    """Does the result's selection publish the record's selection (its ties the record's `Tie`)
    with only the head's decision besides (the record's `HeadDecision`), one schema of each
    rather than two alike?"""
    schemas = site.api().get("/api/openapi.json").json["components"]["schemas"]
    record, result = schemas["Selection"], schemas["SelectionResult"]
    assert set(result["properties"]) - set(record["properties"]) == {"decision"}
    assert {n: result["properties"][n] for n in record["properties"]} == record["properties"]
    tie = record["properties"]["ties"]["additionalProperties"]
    assert tie == {"$ref": "#/components/schemas/Tie"}
    decision = {"$ref": "#/components/schemas/HeadDecision"}
    assert decision in result["properties"]["decision"]["anyOf"]
    assert "BoundaryTie" not in schemas and "DecisionResult" not in schemas


def test_a_real_record_validates_and_a_changed_one_does_not(tmp_path: Path) -> None:
    """Does the record's model read a record the simulation signed (with a tie the head
    decided) and the kept v1 records, and refuse one with a key too many, a null or a part
    short of a key?"""
    made = tied(load_or_create(tmp_path))
    read = SignedRecordFile.model_validate_json(made)
    assert isinstance(read.decision, HeadDecision) and isinstance(read.selection, Selection)
    for vector in sorted(VECTORS.glob("v1-*.json")):
        SignedRecordFile.model_validate_json(vector.read_bytes())
    document = canonical.loads(made)
    for change in (
        {"extra": 1},
        {"decision": None},
        {"selection": {k: v for k, v in document["selection"].items() if k != "complete"}},
        {"cards": {**document["cards"], "dealt": "5"}},
    ):
        with pytest.raises(ValidationError):
            SignedRecordFile.model_validate_json(json.dumps({**document, **change}))


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


def test_a_process_publishes_its_stored_state_as_closed_schemas(site: Any) -> None:
    """Are a process's source list, review and outcome, and each step's record, paper counts
    and result, published with every field they hold (no bare object anywhere beneath them),
    under names apart from the request bodies'?"""
    schemas = site.api().get("/api/openapi.json").json["components"]["schemas"]

    def closed(schema: Any, seen: set[str]) -> None:
        if isinstance(schema, list):
            for item in schema:
                closed(item, seen)
            return
        if not isinstance(schema, dict):
            return
        ref = schema.get("$ref")
        if ref is not None:
            name = ref.rsplit("/", 1)[1]
            if name not in seen:
                closed(schemas[name], seen | {name})
            return
        if schema.get("type") == "object":
            # A model names its fields and nothing else; a map (position → cadres) types
            # its values.
            held = schema.get("additionalProperties")
            assert (schema.get("properties") and held is False) or isinstance(held, dict), schema
        for value in schema.values():
            closed(value, seen)

    process, step = schemas["Process"]["properties"], schemas["ProcessStep"]["properties"]
    for field in (
        process["source"],
        process["review"],
        process["outcome"],
        step["approved"],
        step["paper"],
        step["result"],
    ):
        assert "$ref" in json.dumps(field), field
        closed(field, set())
    assert schemas["EligibilityReason"]["required"] == ["code", "en", "vi"]
    assert schemas["Reason"]["properties"].keys() == {"reason"}
