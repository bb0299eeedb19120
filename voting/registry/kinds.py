"""The registry's tables by the name the API and the pages use (people apart: their import,
as strict as these, is `voting.registry.people.import_people`)."""

from __future__ import annotations

from typing import Any

from voting.registry import documents, externals, holidays, planning, terms
from voting.registry.table import Kind

KINDS: dict[str, Kind[Any]] = {
    "externals": externals.KIND,
    "planning": planning.KIND,
    "terms": terms.KIND,
    "holidays": holidays.KIND,
    "documents": documents.KIND,
}
