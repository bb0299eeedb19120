"""Issue 16, item 10: a JSON body nested too deep or too large is refused with its own code
(400, 413) before it is parsed — never a server error — on the calls anyone may make."""

from __future__ import annotations

from typing import Any

import pytest

from voting.web.parse import JSON_MAX_BYTES, JSON_MAX_DEPTH


def nested(depth: int) -> str:
    """A JSON body `depth` levels deep, objects and lists alternating."""
    return '{"a":[' * (depth // 2) + "1" + "]}" * (depth // 2)


@pytest.fixture
def endpoints(site: Any, organiser: Any) -> list[str]:
    conference = site.ready(organiser)
    return [
        f"/api/conferences/{conference}/ballots",
        f"/api/conferences/{conference}/committee/join",
    ]


@pytest.mark.parametrize("depth", [JSON_MAX_DEPTH + 2, 5000, 100_000])
def test_a_deeply_nested_body_is_a_400(site: Any, endpoints: list[str], depth: int) -> None:
    """Is a body nested past the limit (up to far past the parser's recursion) refused with
    400 `json_too_deep` and a Vietnamese message, on the ballot and committee-join calls?"""
    for path in endpoints:
        response = site.api().post(path, data=nested(depth), content_type="application/json")
        assert response.status_code == 400, (path, response.status_code)
        assert site.code(response) == "json_too_deep"
        assert "lồng nhau quá sâu" in response.json["error"]["message"]


def test_brackets_inside_strings_do_not_count(site: Any, endpoints: list[str]) -> None:
    """Are brackets inside string values (escaped quotes included) not taken for nesting, so
    the call gets its ordinary answer?"""
    token = '\\"' + "[{" * 5000
    response = site.api().post(
        endpoints[1], data=f'{{"token": "{token}"}}', content_type="application/json"
    )
    assert response.status_code not in (400, 413, 500)
    assert site.code(response) != "json_too_deep"


def test_a_body_within_the_depth_limit_gets_its_ordinary_answer(
    site: Any, endpoints: list[str]
) -> None:
    """Is a body at the limit read, and refused only for what it says?"""
    for path in endpoints:
        response = site.api().post(
            path, data=nested(JSON_MAX_DEPTH), content_type="application/json"
        )
        assert response.status_code in (400, 401, 422), path
        assert site.code(response) not in ("json_too_deep", "internal_error")


def test_a_body_too_large_is_a_413(site: Any, endpoints: list[str]) -> None:
    """Is a JSON body over the limit refused with 413 `body_too_large`?"""
    big = '{"token": "' + "a" * JSON_MAX_BYTES + '"}'
    for path in endpoints:
        response = site.api().post(path, data=big, content_type="application/json")
        assert response.status_code == 413, path
        assert site.code(response) == "body_too_large"
