"""The database: SQLAlchemy 2.0 typed models, the engine and sessions, Alembic migrations.

Importing this package registers every model on `Base.metadata`, which the migrations and the
models-versus-migrations test compare against.
"""

from voting.store.attendees import Attendee, AttendeeSource
from voting.store.ballots import BallotCandidate, BallotSection
from voting.store.base import Base, utc_text, utcnow
from voting.store.conferences import Conference, Phase
from voting.store.database import Database
from voting.store.devices import DeviceKind, DeviceLink
from voting.store.events import Event
from voting.store.logins import LoginSession, LoginThrottle
from voting.store.people import Person
from voting.store.planning import Process, ProcessEvent, ProcessStatus, ProcessStep, StepStatus
from voting.store.registry import (
    Appointment,
    DossierDocument,
    ExternalPerson,
    Holiday,
    PlanningEntry,
    Term,
)
from voting.store.users import Role, User
from voting.store.voting import (
    BallotBox,
    Card,
    CardBatch,
    CastBallot,
    CommitteeMember,
    CommitteeSeat,
    CommitteeShare,
)

__all__ = [
    "Appointment",
    "Attendee",
    "AttendeeSource",
    "BallotBox",
    "BallotCandidate",
    "BallotSection",
    "Base",
    "Card",
    "CardBatch",
    "CastBallot",
    "CommitteeMember",
    "CommitteeSeat",
    "CommitteeShare",
    "Conference",
    "Database",
    "DeviceKind",
    "DeviceLink",
    "DossierDocument",
    "Event",
    "ExternalPerson",
    "Holiday",
    "LoginSession",
    "LoginThrottle",
    "Person",
    "Phase",
    "PlanningEntry",
    "Process",
    "ProcessEvent",
    "ProcessStatus",
    "ProcessStep",
    "Role",
    "StepStatus",
    "Term",
    "User",
    "utc_text",
    "utcnow",
]
