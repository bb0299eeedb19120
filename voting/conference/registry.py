"""The agency's registry of people, as the conferences read it (imported by
`voting.registry.people.import_people`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from voting.store import Person


def every(session: Session) -> list[Person]:
    """The registry, by id."""
    return list(session.execute(select(Person).order_by(Person.ref)).scalars())
