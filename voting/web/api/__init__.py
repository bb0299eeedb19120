"""The JSON API under /api/: one blueprint per domain concept, all described in openapi.py."""

from flask import Blueprint

from voting.web.api import (
    appointments,
    ballots,
    box,
    cards,
    checkin,
    committee,
    conferences,
    devices,
    events,
    meta,
    people,
    planning,
    registry,
    roster,
    rules,
    sessions,
)

BLUEPRINTS: tuple[Blueprint, ...] = (
    meta.bp,
    sessions.bp,
    rules.bp,
    people.bp,
    conferences.bp,
    roster.bp,
    ballots.bp,
    checkin.bp,
    events.bp,
    devices.bp,
    committee.bp,
    cards.bp,
    box.bp,
    planning.bp,
    appointments.bp,
    registry.bp,
)
