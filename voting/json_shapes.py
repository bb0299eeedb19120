"""The JSON a column or a body holds, as a type: what a typed shape's `to_json` writes and its
`from_json` reads, so that only those two functions see the untyped text."""

from __future__ import annotations

from typing import TypeAlias

JsonScalar: TypeAlias = str | int | float | bool | None
Json: TypeAlias = JsonScalar | list["Json"] | dict[str, "Json"]
JsonObject: TypeAlias = dict[str, Json]
