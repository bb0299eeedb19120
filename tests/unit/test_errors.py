"""The error registry: every refusal raised by name is registered, speaks both languages and
keeps the status its class answers with."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from voting.conference.errors import ConferenceError, Conflict, InvalidInput, NotFound, refused
from voting.errors import REFUSALS

SOURCE = Path(__file__).resolve().parents[2] / "voting"


def _names_raised() -> set[str]:
    names = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "refused"
                and node.args
            ):
                assert isinstance(node.args[0], ast.Constant), f"{path}: a name built at run time"
                names.add(node.args[0].value)
            # An error class of its own (a status no other refusal has) reads its texts here.
            if (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Name)
                and node.value.id == "REFUSALS"
                and isinstance(node.slice, ast.Constant)
            ):
                names.add(node.slice.value)
    return names


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_name_raised_in_the_code_is_registered_and_every_registered_one_is_raised() -> None:
    """A refusal raised by a name the registry lacks would be a server error; one registered
    but never raised is dead text."""
    raised = _names_raised()
    assert raised - REFUSALS.keys() == set()
    assert REFUSALS.keys() - raised == set()


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_refusal_speaks_both_languages(name: str) -> None:
    """Vietnamese for the person in the room, English for the logs: neither is empty, and the
    Vietnamese text is not an English copy."""
    refusal = REFUSALS[name]
    assert refusal.vi.strip() and refusal.en.strip()
    assert refusal.vi != refusal.en
    assert name == refusal.code or name.startswith(refusal.code + ".")


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_a_refusal_is_raised_as_the_class_of_its_status(name: str) -> None:
    """Callers and tests catch InvalidInput, NotFound and Conflict; the web layer answers with
    the registered status."""
    refusal = REFUSALS[name]
    values = {field: "x" for field in _fields(refusal.vi) | _fields(refusal.en)}
    error = refused(name, **values)
    expected = {422: InvalidInput, 404: NotFound, 409: Conflict}.get(refusal.status)
    assert type(error) is (expected or ConferenceError)
    assert (error.code, error.status) == (refusal.code, refusal.status)


def test_values_fill_both_texts() -> None:
    """The placeholders are filled in each language."""
    error = refused("invalid_ballot", count=3)
    assert error.message == "Phiếu chưa hợp lệ: 3 lỗi."
    assert error.message_en == "The ballot is not valid: 3 problem(s)."
