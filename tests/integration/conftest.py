"""The integration tests make and log in accounts all the time: the cheapest argon2."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def cheap_hashing(cheap_password_hashing: None) -> None:
    """`cheap_password_hashing` (tests/fixtures.py) for every integration test."""
