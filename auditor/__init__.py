"""auditor: an accessibility and content-audit linter for web pages."""

from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("auditor")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
