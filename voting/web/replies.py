"""The response model of a JSON view, declared next to it: `answers(Model)` under `requires`
(and `takes`). The OpenAPI document reads it from the view (`view.reply_model`) and publishes
its JSON schema as the response; the tests check each answer against it. The view still
builds its JSON itself, so nothing it answers changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

F = TypeVar("F", bound=Callable[..., Any])


def answers(model: type[BaseModel]) -> Callable[[F], F]:
    """Declare what the view answers on success (`functools.wraps` in the decorators above
    carries the mark to the routed function)."""

    def decorate(view: F) -> F:
        view.reply_model = model  # type: ignore[attr-defined]
        return view

    return decorate
