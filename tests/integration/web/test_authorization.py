"""Authorisation of every endpoint: anonymous callers, wrong roles, revoked and foreign device
links, and missing CSRF tokens — each refused, and nothing changed by a refusal.

The sweep walks the OpenAPI document, which test_openapi.py proves lists every route."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from voting.web.openapi import document
from voting.web.policy import EVERYONE, POLICY, SAFE_METHODS, Action


def operations(app: Any) -> Iterator[tuple[str, str, Action]]:
    for path, methods in document(app)["paths"].items():
        for method, operation in methods.items():
            yield path, method.upper(), Action(operation["x-action"])


@pytest.fixture
def world(site: Any, organiser: Any) -> dict[str, Any]:
    """A conference in check-in with an active desk, a revoked desk and a kiosk; another
    conference with its own desk."""
    conference = site.ready(organiser)
    other = site.conference(organiser)
    desk = site.issue_device(organiser, conference)
    revoked = site.issue_device(organiser, conference)
    assert organiser.delete(f"/api/devices/{revoked['id']}").status_code == 200
    return {
        "conference": conference,
        "attendee": site.attendee_ids(organiser, conference)[0],
        "device": desk["id"],
        "desk": desk["token"],
        "revoked": revoked["token"],
        "kiosk": site.issue_device(organiser, conference, "kiosk")["token"],
        "foreign_desk": site.issue_device(organiser, other)["token"],
        "operations": list(operations(site.app)),
    }


def url(path: str, world: dict[str, Any]) -> str:
    return (
        path.replace("{conference_id}", world["conference"])
        .replace("{attendee_id}", str(world["attendee"]))
        .replace("{device_id}", str(world["device"]))
        .replace("{process_id}", "0" * 32)
        .replace("{number}", "1")
        .replace("{appointment_id}", "1")
        .replace("{member}", "1")
        .replace("{kind}", "terms")
    )


def sweep(
    api: Any, world: dict[str, Any], expect: Callable[[str, Action], tuple[int, str] | None]
) -> list[str]:
    """Call every operation; return those whose status and code differ from `expect`."""
    wrong = []
    for path, method, action in world["operations"]:
        expected = expect(method, action)
        if expected is None:
            continue
        response = api.call(method, url(path, world), json={})
        got = (response.status_code, response.json["error"]["code"] if response.json else "")
        if got != expected:
            wrong.append(f"{method} {path}: {got} != {expected}")
    return wrong


def snapshot(organiser: Any, world: dict[str, Any]) -> tuple[Any, ...]:
    base = f"/api/conferences/{world['conference']}"
    return (
        organiser.get(f"{base}/events").json,
        organiser.get(f"{base}/roster").json,
        organiser.get(f"{base}/ballot").json,
        organiser.get(f"{base}/devices").json,
        organiser.get("/api/people").json,
        organiser.get("/api/conferences").json,
    )


def test_anonymous_callers_get_401_everywhere_but_public_pages(
    site: Any, organiser: Any, world: dict[str, Any]
) -> None:
    """Can someone without an account or link do anything but read public state? No."""
    before = snapshot(organiser, world)

    def expect(method: str, action: Action) -> tuple[int, str] | None:
        return None if POLICY[action] == EVERYONE else (401, "unauthenticated")

    assert sweep(site.api(), world, expect) == []
    assert snapshot(organiser, world) == before


@pytest.mark.parametrize("role", ["leadership", "head"])
def test_reading_roles_are_refused_every_organiser_action(
    site: Any, organiser: Any, world: dict[str, Any], role: str
) -> None:
    """Can leadership or the head set up, check in or manage devices? No: 403."""
    before = snapshot(organiser, world)

    def expect(method: str, action: Action) -> tuple[int, str] | None:
        return None if role in POLICY[action] else (403, "forbidden")

    assert sweep(site.api(role), world, expect) == []
    assert snapshot(organiser, world) == before


def test_every_state_change_with_a_session_needs_the_csrf_header(
    site: Any, organiser: Any, world: dict[str, Any]
) -> None:
    """Does every POST, PUT, PATCH and DELETE made with the organiser's cookie but without
    X-CSRF-Token fail, changing nothing?"""
    before = snapshot(organiser, world)
    bare = site.api("organiser")
    bare.csrf = ""

    def expect(method: str, action: Action) -> tuple[int, str] | None:
        return None if method in SAFE_METHODS else (403, "csrf_failed")

    assert sweep(bare, world, expect) == []
    bare.csrf = "a-guessed-token"
    assert sweep(bare, world, expect) == []
    assert snapshot(organiser, world) == before


def test_a_revoked_device_link_is_refused_everywhere(
    site: Any, organiser: Any, world: dict[str, Any]
) -> None:
    """Once revoked, does a desk's token open nothing at all, not even public pages?"""
    before = snapshot(organiser, world)
    assert sweep(site.device(world["revoked"]), world, lambda m, a: (401, "device_revoked")) == []
    assert site.code(site.device("made-up").get("/api/session")) == "device_unknown"
    assert snapshot(organiser, world) == before


def test_a_desk_link_works_only_at_its_own_conference(
    site: Any, organiser: Any, world: dict[str, Any]
) -> None:
    """Can another conference's desk read this roster or check people in here? No: 403."""
    before = snapshot(organiser, world)

    def expect(method: str, action: Action) -> tuple[int, str] | None:
        return None if POLICY[action] == EVERYONE else (403, "forbidden")

    assert sweep(site.device(world["foreign_desk"]), world, expect) == []
    assert snapshot(organiser, world) == before


@pytest.mark.parametrize("device", ["desk", "kiosk"])
def test_device_links_do_only_what_their_kind_allows(
    site: Any, organiser: Any, world: dict[str, Any], device: str
) -> None:
    """Can a desk set up the conference, or a kiosk check people in? No: 403."""
    role = {"desk": "checkin_desk", "kiosk": "kiosk"}[device]

    def expect(method: str, action: Action) -> tuple[int, str] | None:
        return None if role in POLICY[action] else (403, "forbidden")

    assert sweep(site.device(world[device]), world, expect) == []


def test_the_desk_needs_no_csrf_token(site: Any, world: dict[str, Any]) -> None:
    """Is a device link's call accepted without X-CSRF-Token (the token header is the proof)?"""
    desk = site.device(world["desk"])
    response = desk.post(
        f"/api/conferences/{world['conference']}/attendees/{world['attendee']}/check-in"
    )
    assert response.status_code == 200


def test_other_authorization_schemes_are_refused(site: Any, world: dict[str, Any]) -> None:
    """Is `Authorization: Bearer …` refused rather than ignored?"""
    response = site.api().get("/api/session", headers={"Authorization": "Bearer x"})
    assert response.status_code == 401
    assert site.code(response) == "bad_authorization"


def test_revoking_takes_effect_at_once_and_is_logged(
    site: Any, organiser: Any, world: dict[str, Any]
) -> None:
    """After the organiser revokes the active desk, is its next call refused, and logged?"""
    desk = site.device(world["desk"])
    roster = f"/api/conferences/{world['conference']}/roster"
    assert desk.get(roster).status_code == 200
    assert organiser.delete(f"/api/devices/{world['device']}").json["revoked_at"]
    assert site.code(desk.get(roster)) == "device_revoked"
    kinds = [
        e["kind"]
        for e in organiser.get(f"/api/conferences/{world['conference']}/events").json["events"]
    ]
    assert kinds.count("device.revoked") == 2
    devices = organiser.get(f"/api/conferences/{world['conference']}/devices").json["devices"]
    assert all("token" not in d for d in devices)


def test_a_committee_phone_does_only_what_a_member_may(
    site: Any, organiser: Any, world: dict[str, Any], phones: Any
) -> None:
    """Can a bound committee phone set up, check in, deal cards or read sealed records? No."""
    p = phones(site, organiser, world["conference"])
    p.join()
    member = p.apis[1]
    before = snapshot(organiser, world)

    def expect(method: str, action: Action) -> tuple[int, str] | None:
        return None if "committee" in POLICY[action] else (403, "forbidden")

    assert sweep(member, world, expect) == []
    assert snapshot(organiser, world) == before
