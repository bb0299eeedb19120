"""The response model of a JSON view, declared next to it: `answers(Model)` under `requires`
(and `takes`). The OpenAPI document reads it from the view (`view.reply_model`) and publishes
its JSON schema as the response; the tests check each answer against it. A view returns the
model itself (a `voting.shape.Shape`: a service's, or one of voting.web.api.replies) and is
answered with its JSON; only the signed record is served as its stored bytes (a Response).
Anything else is a TypeError, so no view answers what its model does not say."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response
from pydantic import BaseModel

from voting.shape import Shape

View = Callable[..., Any]


def answers(model: type[BaseModel]) -> Callable[[View], View]:
    """Declare what the view answers on success (`functools.wraps` in the decorators above
    carries the mark to the routed function)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def answer(*args: Any, **kwargs: Any) -> Any:
            return _json(view, view(*args, **kwargs))

        answer.reply_model = model  # type: ignore[attr-defined]
        return answer

    return decorate


def _json(view: View, result: Any) -> Any:
    """A returned shape (alone or with a status) as JSON, a Response as it is; a view that
    returns anything else answers what no model declares, so it fails loudly."""
    if isinstance(result, Shape):
        return result.to_json()
    if isinstance(result, tuple) and result and isinstance(result[0], Shape):
        return (result[0].to_json(), *result[1:])
    if isinstance(result, Response):
        return result
    raise TypeError(
        f"{view.__qualname__} returned {type(result).__name__}, not its shape nor a Response"
    )
