"""The built-in rules, one per file: rules/<family>/<rule_id>.py, the id with underscores.

This package is the `builtin` entry point of the `auditor.rules` group and registers as a
plugin does, by its RULES list; auditor.registry checks every rule the same way. Adding a
rule is adding its file (and its samples): nothing lists it by hand.
"""

import importlib
import pkgutil

from auditor.rule import rules_in


def _collect() -> list:
    found = []
    for info in sorted(pkgutil.walk_packages(__path__, f"{__name__}."), key=lambda m: m.name):
        if not info.ispkg:
            found.extend(rules_in(vars(importlib.import_module(info.name))))
    return found


RULES = _collect()
