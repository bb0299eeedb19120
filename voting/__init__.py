"""Secret-ballot electronic voting for cadre-planning conferences (hội nghị quy hoạch cán bộ)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("voting")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
