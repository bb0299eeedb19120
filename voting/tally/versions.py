"""The record format's versions (docs/record.md "Versions"): a record verifies under its own
version's rules, so what changed between versions is decided here and nowhere else."""

FORMAT_VERSION = 3
FORMAT = f"voting-record/v{FORMAT_VERSION}"
FORMATS = {f"voting-record/v{n}": n for n in range(1, FORMAT_VERSION + 1)}
"""Every format a record can have → its version."""
