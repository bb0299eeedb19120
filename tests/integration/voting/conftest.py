"""The voting tests reuse the web tests' fixtures (app, site, organiser, phones)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "web_conftest", Path(__file__).parents[1] / "web" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_web = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_web)

cheap_password_hashing = _web.cheap_password_hashing
database_url = _web.database_url
app = _web.app
site = _web.site
organiser = _web.organiser
phones = _web.phones
