"""A number typed into a form field whose name is not known in advance (the paper counts'
`count:<section>:<cadre>`), read or refused in Vietnamese and English. A form of a JSON body's
shape is read by its model with voting.web.schema.form."""

from __future__ import annotations

from voting.conference.errors import refused


def whole(value: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise refused("invalid_input.whole_number", field=field) from None
