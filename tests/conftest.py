"""The shared fixtures (`tests/fixtures.py`) for every folder of tests."""

pytest_plugins = ["tests.fixtures"]
