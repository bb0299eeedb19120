"""The OpenAPI 3.1 document of the JSON API, generated from the app so that it cannot drift.

From the app itself: every /api route and method (`app.url_map`), its path parameters, its
policy action (`x-action`, from `requires`), its request body (the pydantic model the view
`takes`, voting.web.api.bodies) and its JSON response (the model the view `answers`,
voting.web.api.replies). Written here, in a small table keyed by path and method (`ROUTES`):
what each call is for, its success status and error statuses, and the shapes no model gives —
the error body, the signed crypto messages the services read themselves, and the generated
files. A test checks that the table and the app list the same routes.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from pydantic import BaseModel
from werkzeug.routing import Rule

from voting import __version__
from voting.web.policy import POLICY, Action

JSON = "application/json"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _string(**extra: Any) -> dict[str, Any]:
    return {"type": "string", **extra}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


ERRORS = {
    "400": "Malformed body or field of the wrong type",
    "401": "Not logged in, or a device link unknown or revoked",
    "403": "Wrong role or conference, or the CSRF header is missing or wrong",
    "404": "No such conference, attendee or device",
    "409": "The conference's phase or state forbids it",
    "422": "Content breaks a rule; `problems` lists every fault (rows of a file, ballot sections)",
}


def _op(
    summary: str,
    response: dict[str, Any] | None = None,
    *,
    upload: bool = False,
    status: str = "200",
    errors: tuple[str, ...] = (),
) -> dict[str, Any]:
    """A row of the table: what the call is for and answers; a JSON request body comes from
    the model the view takes (voting.web.api.bodies and .messages)."""
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {
            status: {"description": "Done"}
            if response is None
            else {"description": "Done", "content": {JSON: {"schema": response}}},
            **{
                code: {"description": ERRORS[code], "content": {JSON: {"schema": _ref("Error")}}}
                for code in sorted({"400", "401", "403", *errors})
            },
        },
    }
    if upload:
        operation["requestBody"] = {
            "required": True,
            "content": {
                "multipart/form-data": {"schema": _object(["file"], file=_string(format="binary"))}
            },
        }
    return operation


def _file(summary: str, mimetype: str) -> dict[str, Any]:
    """A document generated from the stored record, for the roles that may read the record."""
    operation = _op(summary, errors=("404", "409"))
    operation["responses"]["200"] = {
        "description": "Done",
        "content": {mimetype: {"schema": _string(format="binary")}},
    }
    return operation


# The path parameters that are strings of a known form (`<int:…>` ones are integers).
_PARAMETERS = {
    "conference_id": _string(pattern="^[0-9a-f]{32}$"),
    "process_id": _string(pattern="^[0-9a-f]{32}$"),
    "receipt": _string(pattern="^[0-9a-f]{64}$"),
    "card": _string(pattern="^[0-9a-f]{64}$"),
    "kind": _string(enum=["externals", "planning", "terms", "holidays", "documents"]),
}

SCHEMAS: dict[str, Any] = {
    "Error": _object(
        ["error"],
        error=_object(
            ["code", "message", "message_en"],
            code=_string(),
            message=_string(description="Vietnamese, for the person in the room"),
            message_en=_string(),
            problems={
                "type": "array",
                "items": {
                    "type": "object",
                    "description": "row/column (files) or section/candidate (ballot), "
                    "with message and message_en",
                },
            },
        ),
    ),
}

ROUTES: dict[str, dict[str, Any]] = {
    "/api/openapi.json": {"get": _op("This document")},
    "/api/ping": {"get": _op("Reachability check (pre-flight, from a phone)")},
    "/api/address": {
        "get": _op("The configured room address and its QR code (SVG)", errors=("409",)),
    },
    "/api/session": {
        "get": _op("Who is calling, and the CSRF token"),
        "post": _op("Log in"),
        "delete": _op("Log out"),
    },
    "/api/rules": {"get": _op("The built-in rule set's procedures and steps")},
    "/api/people": {
        "get": _op("The agency's registry"),
        "post": _op(
            "Replace the registry from CSV/XLSX (columns of sample-agency.csv); all or nothing",
            upload=True,
            errors=("422",),
        ),
    },
    "/api/conferences": {
        "get": _op("All conferences"),
        "post": _op(
            "Create a conference from a step of the rule set", status="201", errors=("422",)
        ),
    },
    "/api/conferences/{conference_id}": {
        "get": _op("One conference", errors=("404",)),
        "patch": _op(
            "Edit title, date, place, committee (set-up only)", errors=("404", "409", "422")
        ),
    },
    "/api/conferences/{conference_id}/phase": {
        "post": _op(
            "Move to another phase (guarded: roster and ballot ready; quorum to open voting)",
            errors=("404", "409"),
        ),
    },
    "/api/conferences/{conference_id}/state": {
        "get": _op("Public quorum state (also pushed on Socket.IO /room)", errors=("404",)),
    },
    "/api/conferences/{conference_id}/roster": {
        "get": _op("The roster; `?q=` searches names with or without diacritics", errors=("404",)),
        "post": _op(
            "Add an attendee by hand (set-up only)", status="201", errors=("404", "409", "422")
        ),
    },
    "/api/conferences/{conference_id}/roster/draw": {
        "post": _op(
            "Draw the registry's people of the step's composition groups (set-up only)",
            errors=("404", "409", "422"),
        ),
    },
    "/api/conferences/{conference_id}/roster/externals": {
        "post": _op(
            "Replace the external attendees from CSV/XLSX (columns of "
            "sample-external-attendees.csv); all or nothing",
            upload=True,
            errors=("404", "409", "422"),
        ),
    },
    "/api/conferences/{conference_id}/roster/{attendee_id}": {
        "delete": _op(
            "Take an attendee off the roster (set-up only)", status="204", errors=("404", "409")
        ),
    },
    "/api/conferences/{conference_id}/ballot": {
        "get": _op("The ballot", errors=("404",)),
        "put": _op("Replace the whole ballot (set-up only)", errors=("404", "409", "422")),
    },
    "/api/conferences/{conference_id}/attendees/{attendee_id}/check-in": {
        "post": _op("Mark present (idempotent; check-in phase only)", errors=("404", "409")),
    },
    "/api/conferences/{conference_id}/attendees/{attendee_id}/undo": {
        "post": _op(
            "Undo a check-in, with a reason (check-in phase only)", errors=("404", "409", "422")
        ),
    },
    "/api/conferences/{conference_id}/attendees/{attendee_id}/absence": {
        "post": _op(
            "Record why an attendee who is not checked in is absent, for the minutes",
            errors=("404", "409", "422"),
        ),
    },
    "/api/conferences/{conference_id}/events": {
        "get": _op(
            "The event log, oldest first, and whether its hash chain is intact", errors=("404",)
        ),
    },
    "/api/conferences/{conference_id}/devices": {
        "get": _op("The conference's device links", errors=("404",)),
        "post": _op(
            "Issue a device link; the token is in this response only",
            status="201",
            errors=("404", "422"),
        ),
    },
    "/api/devices/{device_id}": {
        "delete": _op("Revoke a device link", errors=("404",)),
    },
}

_C = "/api/conferences/{conference_id}"
_MEMBER = "Committee member (Authorization: Member <binding>)"


def _member_post(summary: str, errors: tuple[str, ...] = ("404", "409", "422")) -> dict[str, Any]:
    return {"post": _op(f"{_MEMBER}: {summary}", errors=errors)}


ROUTES.update(
    {
        f"{_C}/practice": {
            "post": _op(
                "A practice round copied from this conference (details, roster, ballot): its "
                "own cards, ceremony and box; the result is shown openly, marked practice",
                status="201",
                errors=("404", "409"),
            ),
        },
        f"{_C}/committee": {
            "get": _op("The key ceremony's public state", errors=("404",)),
        },
        f"{_C}/committee/tokens": {
            "post": _op(
                "One single-use join token per member (QR on the organiser's screen); "
                "discards any earlier ceremony",
                status="201",
                errors=("404", "409"),
            ),
        },
        f"{_C}/committee/restart": {
            "post": _op(
                "New round after a complaint (same phones)",
                errors=("404", "409"),
            ),
        },
        f"{_C}/committee/join": {
            "post": _op(
                "A phone redeems its join token once (no session, no CSRF header); the "
                "binding authenticates the member from then on",
                status="201",
                errors=("404", "409"),
            ),
        },
        f"{_C}/committee/members/{{member}}/replace": {
            "post": _op(
                "A member's lost or broken phone, after the ceremony: its binding is revoked "
                "and a single-use replacement token issued (only the member's backup redeems it)",
                status="201",
                errors=("404", "409"),
            ),
        },
        f"{_C}/committee/rejoin": {
            "post": _op(
                "A new phone redeems a replacement token with the backup's signed proof "
                "(committee-rejoin, docs/crypto-committee.md); a new binding, as at joining",
                status="201",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/committee/commitment-hash": _member_post(
            "commitment hash (committee-commitment-hash)"
        ),
        f"{_C}/committee/reveal": _member_post(
            "reveal (committee-commitment), only once every hash is in"
        ),
        f"{_C}/committee/shares": {
            **_member_post("sealed shares {shares: [committee-share…]}, one per other member"),
            "get": _op(
                f"{_MEMBER}: the sealed shares addressed to me",
                errors=("404",),
            ),
        },
        f"{_C}/committee/complaint": _member_post(
            "complaint (committee-complaint): stops the round"
        ),
        f"{_C}/committee/confirm": {
            "post": _op(
                f"{_MEMBER}: shares checked, backup saved, Y_j is in Y; the last completes it",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/committee/partials": {
            "post": _op(
                f"{_MEMBER}: partial decryption of the frozen list's aggregate (after "
                "closing); the t-th opens the box",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/committee/refusal": {
            "post": _op(
                f"{_MEMBER}: the phone refuses to open a list far smaller than the room "
                "(fewer ballots than half of those present); logged as box.refused",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/committee/count-signatures": {
            "post": _op(
                f"{_MEMBER}: signature of the counts (after opening); the t-th writes the "
                "signed record",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/cards": {
            "get": _op("Card counters and batches (public)", errors=("404",)),
        },
        f"{_C}/cards/keys": {
            "get": _op("Every card key and the voided ones, sorted", errors=("404",)),
        },
        f"{_C}/cards/{{card}}/status": {
            "get": _op(
                "What a card can do now (its public key): ready, used, voided or unknown",
                errors=("404",),
            ),
        },
        f"{_C}/cards/batches": {
            "post": _op(
                "Upload a batch of sorted card keys (desk pool or keys.json)",
                status="201",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/cards/dealt": {
            "post": _op(
                "One more card dealt; {replacement: true} for a replacement",
                errors=("404", "409"),
            ),
        },
        f"{_C}/cards/undo": {
            "post": _op(
                "A dealt card's check-in undone (reason recorded)",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/cards/undealt": {
            "put": _op(
                "The undealt keys (sorted), voided at the opening; replaces earlier",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/ballots": {
            "post": _op(
                "Cast a ballot (voter: no session, no cookie, no CSRF header; the card's "
                "signature authenticates it). 201 with the receipt only after the commit. "
                "Refusals: ballot_malformed, wrong_conference, voting_not_open, voting_closed, "
                "vote_aborted, card_unknown, card_voided, card_used, wrong_fingerprint, "
                "ballot_invalid, ballot_box_full",
                status="201",
                errors=("404", "409", "422"),
            ),
            "get": _op(
                "The published list in hash order with its hash; ?hashes=1 for hashes",
                errors=("404",),
            ),
        },
        f"{_C}/ballots/{{receipt}}": {
            "get": _op(
                "Look a receipt up in the list",
                errors=("404",),
            ),
        },
        f"{_C}/opening": {
            "get": _op(
                "What voters build against: fingerprint, definition, joint key",
                errors=("404", "409"),
            ),
        },
        f"{_C}/abort": {
            "post": _op("Abort the vote with a reason (cards void)", errors=("404", "409", "422")),
        },
        f"{_C}/result": {
            "get": _op(
                "The result as the caller may see it (sealed steps: status only for the public)",
                errors=("404",),
            ),
        },
        f"{_C}/decision": {
            "post": _op(
                "The head fills contested places {chosen: {s1: [s1c2]}, note}",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/record": {
            "get": _op(
                "The signed conference record (docs/record.md)",
                errors=("404", "409"),
            ),
        },
        f"{_C}/minutes.pdf": {
            "get": _file(
                "Biên bản kiểm phiếu (A4 PDF) made from the stored record; ?lang=en for English",
                "application/pdf",
            ),
        },
        f"{_C}/counts.csv": {
            "get": _file("The counts of the stored record as CSV (UTF-8)", "text/csv"),
        },
        f"{_C}/counts.xlsx": {
            "get": _file(
                "The counts of the stored record as an Excel workbook",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        },
    }
)

_P = "/api/processes/{process_id}"
ROUTES.update(
    {
        "/api/processes": {
            "get": _op("Every planning process"),
            "post": _op(
                "Start a process (next_term or annual_review) for a tier and term: its steps, "
                "a conference per secret-ballot step with its roster drawn, the source list "
                "proposed from the eligibility engine",
                status="201",
                errors=("422",),
            ),
        },
        _P: {
            "get": _op(
                "The process (a step whose conference's result is complete is passed on first)",
                errors=("404",),
            ),
        },
        f"{_P}/source": {
            "put": _op(
                "Replace one position's candidates on the source list, until it is approved",
                errors=("404", "409", "422"),
            ),
        },
        f"{_P}/structure": {
            "post": _op(
                "The structure report (under 40, women, woman key leader, limits) of a list "
                "as edited; nothing is saved",
                errors=("404",),
            ),
        },
        f"{_P}/steps/{{number}}/approval": {
            "post": _op(
                "Record a step without a secret ballot on the list (preparation, the first "
                "leadership step approving the source list, with the removal proposal)",
                errors=("404", "409", "422"),
            ),
        },
        f"{_P}/steps/{{number}}/again": {
            "post": _op(
                "A new conference for a step whose vote was aborted (roster drawn again, the "
                "same ballot)",
                errors=("404", "409"),
            ),
        },
        f"{_P}/steps/{{number}}/paper": {
            "post": _op(
                "Paper fallback: the step's counts from its paper minutes",
                errors=("404", "409", "422"),
            ),
        },
        f"{_C}/committee/paper": {
            "get": _op(
                f"{_MEMBER}: at a planning step held on paper, the ballot to confirm the paper "
                "counts against (never the counts entered)",
                errors=("404", "409"),
            ),
        },
        f"{_C}/committee/paper/confirmations": {
            "post": _op(
                f"{_MEMBER}: confirm the paper counts by typing them again from this member's "
                "own phone (two different phones or accounts confirm)",
                errors=("404", "409", "422"),
            ),
        },
        f"{_P}/steps/{{number}}/paper/confirmations": {
            "post": _op(
                "A counting-committee member confirms the paper counts by typing them again, "
                "logged in with their own account: not the one that entered them, and not one "
                "that already confirmed (confirm_by_another, already_confirmed)",
                errors=("404", "409", "422"),
            ),
        },
        f"{_P}/steps/{{number}}/decision": {
            "post": _op(
                "The head's decision on a final step held on paper",
                errors=("404", "409", "422"),
            ),
        },
        f"{_P}/overrides": {
            "post": _op(
                "The head puts forward a chosen cadre who fails the conditions (KH 331 A.I), "
                "with the reason; flagged on the dossier and the published list",
                errors=("404", "409", "422"),
            ),
        },
        f"{_P}/submission": {
            "post": _op(
                "The list submitted for approval (the 30-working-day deadline runs from it)",
                errors=("404", "409", "422"),
            ),
        },
        f"{_P}/approval": {
            "post": _op(
                "The list approved: the registry's planning gains and loses its entries",
                errors=("404", "409", "422"),
            ),
        },
    }
)
for _suffix, _mimetype in (
    ("pdf", "application/pdf"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
):
    _submission = _op(
        f"Tờ trình (dossier item 1, KH 331 B.VI) as {_suffix.upper()}: the agency's header, "
        "number (?number=), place and date (?on=YYYY-MM-DD), addressee, body, lists and "
        "signature",
        errors=("404", "409", "422"),
    )
    _submission["responses"]["200"] = {
        "description": "Done",
        "content": {_mimetype: {"schema": _string(format="binary")}},
    }
    ROUTES[f"{_P}/submission.{_suffix}"] = {"get": _submission}
for _suffix, _mimetype in (
    ("pdf", "application/pdf"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
):
    _dossier = _op(
        f"The dossier summary of every step ({_suffix}); documents checked at `?review=` "
        "(YYYY-MM-DD, today by default)"
    )
    _dossier["responses"]["200"] = {
        "description": "Done",
        "content": {_mimetype: {"schema": _string(format="binary")}},
    }
    ROUTES[f"{_P}/dossier.{_suffix}"] = {"get": _dossier}

_export = _op(
    "A registry table (or `people`) as CSV or XLSX (`?format=csv|xlsx`), in the columns an "
    "import reads back",
    errors=("404",),
)
_export["responses"]["200"] = {
    "description": "Done",
    "content": {
        "text/csv": {"schema": _string(format="binary")},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
            "schema": _string(format="binary")
        },
    },
}
ROUTES.update(
    {
        "/api/registry/{kind}": {
            "get": _op(
                "A registry table's rows (docs/registry.md)",
                errors=("404",),
            ),
            "post": _op(
                "Replace a registry table with a CSV or XLSX file: all rows or none, every bad "
                "row reported",
                upload=True,
                errors=("404", "422"),
            ),
        },
        "/api/registry/{kind}/export": {"get": _export},
    }
)

ROUTES.update(
    {
        "/api/appointments": {
            "get": _op(
                "Every appointment to a planned position, the running ones first",
            ),
            "post": _op(
                "Start appointing a planned cadre to the planned position (KH 331 A.II): not "
                "before 3 months after the planning's approval (422 too_early), not while a "
                "supplement for the position runs (409 supplement_running)",
                status="201",
                errors=("409", "422"),
            ),
        },
        "/api/appointments/{appointment_id}/decision": {
            "post": _op(
                "The appointment decided: the cadre's planning for the position ends (B.I.3)",
                errors=("404", "409", "422"),
            ),
        },
        "/api/appointments/{appointment_id}/withdrawal": {
            "post": _op(
                "The appointment stopped without a decision: the planning stays",
                errors=("404", "409"),
            ),
        },
        "/api/planning/term-ends": {
            "post": _op(
                "Close the planning of every term (as the terms table dates it) that ended "
                "before the day given (B.I.3)",
            ),
        },
    }
)


def document(app: Flask) -> dict[str, Any]:
    """The whole OpenAPI document of `app`."""
    schemas = dict(SCHEMAS)
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/"):
            continue
        path = openapi_path(rule)
        for method in sorted(m.lower() for m in rule.methods or () if m not in IMPLICIT):
            view = app.view_functions[rule.endpoint]
            paths.setdefault(path, {})[method] = _operation(rule, path, method, view, schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "voting — hội nghị quy hoạch cán bộ",
            "version": __version__,
            "description": "Set-up, roster, ballot, check-in and live quorum of a conference. "
            "Errors are {error: {code, message (Vietnamese), message_en}}. Calls made with a "
            "session cookie that change state need the X-CSRF-Token header from GET "
            "/api/session; device links send `Authorization: Device <token>` and need no "
            "CSRF token; committee phones send `Authorization: Member <binding>`; voters "
            "send nothing but the signed ballot. Socket.IO namespace /room: emit `join` "
            "{conference}, receive `state`.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "voting_session"},
                "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"},
                "device": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "`Device <token>`",
                },
            },
        },
    }


IMPLICIT = frozenset({"HEAD", "OPTIONS"})


def openapi_path(rule: Rule) -> str:
    """The rule's path as OpenAPI writes it: `<int:number>` → `{number}`."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)


def _operation(
    rule: Rule, path: str, method: str, view: Any, schemas: dict[str, Any]
) -> dict[str, Any]:
    """One operation: the table's row (or the view's docstring for a route the table does not
    have yet), completed from the view and the rule."""
    action: Action = view.action
    row = ROUTES.get(path, {}).get(method) or _op((view.__doc__ or "").strip())
    operation = {
        **row,
        "x-action": action.value,
        "description": f"Policy action `{action.value}`; allowed roles: "
        f"{', '.join(sorted(POLICY[action]))}.",
        "parameters": [
            {"name": name, "in": "path", "required": True, "schema": _parameter(rule, name)}
            for name in re.findall(r"\{(\w+)\}", path)
        ],
    }
    model: type[BaseModel] | None = getattr(view, "body_model", None)
    if model is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {JSON: {"schema": _model_schema(model, schemas)}},
        }
    reply: type[BaseModel] | None = getattr(view, "reply_model", None)
    if reply is not None:
        operation["responses"] = _answered(operation["responses"], reply, schemas)
    if "public" not in POLICY[action]:
        operation["security"] = [{"session": [], "csrf": []}, {"device": []}]
    return operation


def _answered(
    responses: dict[str, Any], reply: type[BaseModel], schemas: dict[str, Any]
) -> dict[str, Any]:
    """The row's responses with its success answering the view's model; a row that also
    writes the success's shape by hand is a programming error (one way to say it)."""
    (status,) = [code for code in responses if code.startswith("2")]
    if "content" in responses[status]:
        raise ValueError(f"{reply.__name__}: a response written by hand as well")
    content = {JSON: {"schema": _model_schema(reply, schemas)}}
    return {**responses, status: {**responses[status], "content": content}}


def _parameter(rule: Rule, name: str) -> dict[str, Any]:
    if f"<int:{name}>" in rule.rule:
        return {"type": "integer"}
    return _PARAMETERS.get(name, _string())


def _model_schema(model: type[BaseModel], schemas: dict[str, Any]) -> dict[str, str]:
    """A reference to the model's schema, which joins the components with the models it
    holds; two different schemas of one name (a body's, a reply's or one written here) are a
    programming error."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, held in {**schema.pop("$defs", {}), model.__name__: schema}.items():
        if schemas.setdefault(name, held) != held:
            raise ValueError(f"two schemas named {name}")
    return _ref(model.__name__)
