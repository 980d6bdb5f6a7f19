"""auditor: an accessibility and content-audit linter for web pages."""

import importlib.util
import os
import sys

# The one place the version is written: pyproject.toml reads it from here (importing
# importlib.metadata to ask the installed copy cost a cached run a tenth of its time).
__version__ = "0.1.0"


class _SourceTreeFinder:  # a meta path finder (importlib.abc is not imported: it costs)
    """In a source checkout, `auditor.rules` and `auditor.reports` are the top-level rules/ and
    reports/ folders (pyproject.toml maps them at install). When this package is imported
    from the checkout itself (`python -m auditor` in the repository root shadows the installed
    copy), map them the same way."""

    def __init__(self, root: str):
        self.root = root

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in ("auditor.rules", "auditor.reports"):
            return None
        folder = os.path.join(self.root, fullname.split(".", 1)[1])
        return importlib.util.spec_from_file_location(
            fullname, os.path.join(folder, "__init__.py"), submodule_search_locations=[folder])


_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if os.path.isfile(os.path.join(_root, "pyproject.toml")) and os.path.isfile(os.path.join(_root, "rules", "__init__.py")):
    sys.meta_path.insert(0, _SourceTreeFinder(_root))
