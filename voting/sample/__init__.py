"""The demo's synthetic agency (copies of the project's shared sample files): its people, the
external attendees and the current planning, shipped in the package so that `voting demo` and
the tests run from an installed wheel."""

from pathlib import Path

FOLDER = Path(__file__).parent
AGENCY = FOLDER / "sample-agency.csv"
EXTERNALS = FOLDER / "sample-external-attendees.csv"
PLANNING = FOLDER / "sample-current-planning.csv"
