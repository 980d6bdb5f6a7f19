"""The built-in rules: every module in this package is a rule family.

This package is the `builtin` entry point of the `auditor.rules` group; third-party
packages register the same way, with a module or callable that gives a `RULES` list.
"""

import importlib
import pkgutil

from auditor.rule import rules_in


def _collect():
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(sorted(rules_in(vars(module)), key=lambda r: r.id))
    return found


RULES = _collect()
