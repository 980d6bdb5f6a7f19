"""The built-in report formats: every module here renders one audit result.

A module declares `FORMAT` (the name users pass to --format / --report) and
`render(result, stream)`. This package is the `builtin` entry point of `auditor.reports`.
"""

import importlib
import pkgutil


def _collect():
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "FORMAT"):
            found[module.FORMAT] = module
    return found


REPORTERS = _collect()
