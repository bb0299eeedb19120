"""The error registry: every refusal raised by name is registered, speaks both languages and
keeps the status its class answers with."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from voting.conference.errors import (
    ConferenceError,
    Conflict,
    InvalidInput,
    NotFound,
    decision_refused,
    refused,
)
from voting.errors import REFUSALS
from voting.rules import DecisionError

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "voting"


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


@pytest.mark.parametrize(
    ("reason", "values", "vi", "en"),
    [
        (
            "decision.over_quota",
            {"position": "p1", "taken": 2, "quota": 1},
            "Quyết định không hợp lệ: chức danh “p1”: chọn 2 người, vượt số lượng 1.",
            "The decision breaks the rules: 'p1': 2 chosen exceeds the quota 1",
        ),
        (
            "decision.not_passed",
            {"cadre": "q", "position": "p1"},
            "Quyết định không hợp lệ: q không đạt ở chức danh “p1”, không được lựa chọn.",
            "The decision breaks the rules: 'q' did not pass for 'p1' and cannot be chosen",
        ),
    ],
)
def test_a_decision_the_rules_refuse_says_why_in_both_languages(
    reason: str, values: dict[str, str | int], vi: str, en: str
) -> None:
    """The rules name the reason; the head reads its texts inside invalid_decision."""
    error = decision_refused(DecisionError(reason, **values))
    assert (error.code, error.message, error.message_en) == ("invalid_decision", vi, en)


def _error_classes(trees: dict[str, ast.Module]) -> set[str]:
    """ConferenceError and the names of the classes derived from it, wherever they are."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = {ast.unparse(base).rpartition(".")[2] for base in node.bases}
    classes = {"ConferenceError"}
    while grown := {name for name, of in bases.items() if of & classes} - classes:
        classes |= grown
    return classes


def _builds_an_error(node: ast.AST, classes: set[str], within: str | None) -> bool:
    """A call of one of `classes`, or a `super().__init__` inside one of them."""
    if not isinstance(node, ast.Call):
        return False
    called = ast.unparse(node.func)
    return called.rpartition(".")[2] in classes or (
        called == "super().__init__" and within in classes
    )


def _inline_texts(tree: ast.AST, classes: set[str], within: str | None = None) -> list[int]:
    """The lines where an error is built with a string or f-string among its arguments."""
    lines = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Call) and _builds_an_error(node, classes, within):
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            if any(
                isinstance(argument, ast.JoinedStr)
                or (isinstance(argument, ast.Constant) and isinstance(argument.value, str))
                for argument in arguments
            ):
                lines.append(node.lineno)
        inner = node.name if isinstance(node, ast.ClassDef) else within
        lines += _inline_texts(node, classes, inner)
    return lines


def test_no_error_text_is_written_where_it_is_raised() -> None:
    """Every refusal's text is in the registry: no ConferenceError (or class derived from it)
    is built, nor its __init__ handed on, with a string or f-string among its arguments."""
    trees = {
        path.relative_to(ROOT).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in SOURCE.rglob("*.py")
    }
    classes = _error_classes(trees)
    inline = [
        f"{where}:{line}"
        for where, tree in trees.items()
        if where != "voting/errors.py"
        for line in _inline_texts(tree, classes)
    ]
    assert inline == []
