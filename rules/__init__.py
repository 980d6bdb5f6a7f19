"""The built-in rules: every module in this package is a rule family.

This package is the `builtin` entry point of the `auditor.rules` group; third-party
packages register the same way, with a module or callable that gives a `RULES` list.
"""

import importlib
import pkgutil

from auditor.rule import rules_in

# Rule id: (module, family, on by default, option names). The registry answers from here
# until a rule's class is needed, so a run imports only the modules of the rules it uses
# (auditor.registry.RuleCatalog). tests/test_registry.py holds this equal to the rules
# themselves, and prints the text to put here when a rule is added or changed.
INDEX = {
    "accesskeys": ("auditor.rules.interaction", "accessibility", True, ()),
    "aria-allowed-attr": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-hidden-focus": ("auditor.rules.focus", "accessibility", True, ()),
    "aria-prohibited-attr": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-required-attr": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-required-children": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-required-id-refs": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-required-parent": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-roles": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-valid-attr": ("auditor.rules.aria", "accessibility", True, ()),
    "aria-valid-attr-value": ("auditor.rules.aria", "accessibility", True, ()),
    "autocomplete-valid": ("auditor.rules.forms", "accessibility", True, ()),
    "avoid-inline-spacing-letter": ("auditor.rules.text_spacing", "accessibility", True, ()),
    "avoid-inline-spacing-line-height": ("auditor.rules.text_spacing", "accessibility", True, ()),
    "avoid-inline-spacing-word": ("auditor.rules.text_spacing", "accessibility", True, ()),
    "back-to-top": ("auditor.rules.navigation", "clutter", True, ("min-screens",)),
    "blink": ("auditor.rules.interaction", "accessibility", True, ()),
    "breadcrumb-dangling": ("auditor.rules.navigation", "clutter", True, ()),
    "button-name": ("auditor.rules.names", "accessibility", True, ()),
    "definition-list": ("auditor.rules.lists", "accessibility", True, ()),
    "defunct-service": ("auditor.rules.defunct_services", "clutter", True, ("extra-services", "ignore-services")),
    "dlitem": ("auditor.rules.lists", "accessibility", True, ()),
    "document-title": ("auditor.rules.document", "accessibility", True, ()),
    "duplicate-attribute": ("auditor.rules.markup", "accessibility", True, ()),
    "duplicate-id": ("auditor.rules.markup", "accessibility", True, ()),
    "empty-heading": ("auditor.rules.headings", "accessibility", True, ()),
    "empty-link": ("auditor.rules.link_text", "clutter", True, ()),
    "frame-focusable-content": ("auditor.rules.focus", "accessibility", True, ()),
    "frame-title": ("auditor.rules.names", "accessibility", True, ()),
    "future-date": ("auditor.rules.staleness", "staleness", True, ("date-order",)),
    "heading-name": ("auditor.rules.names", "accessibility", False, ()),
    "heading-order": ("auditor.rules.headings", "accessibility", True, ()),
    "html-has-lang": ("auditor.rules.language", "accessibility", True, ()),
    "html-lang-valid": ("auditor.rules.language", "accessibility", True, ("strict",)),
    "html-xml-lang-mismatch": ("auditor.rules.language", "accessibility", True, ()),
    "image-alt": ("auditor.rules.alt_text", "alt-text", True, ()),
    "image-alt-suspicious": ("auditor.rules.alt_text", "alt-text", True, ("placeholders", "prefixes")),
    "image-button-name": ("auditor.rules.names", "accessibility", True, ()),
    "image-redundant-alt": ("auditor.rules.labels", "accessibility", True, ()),
    "label": ("auditor.rules.names", "accessibility", True, ()),
    "label-content-name-mismatch": ("auditor.rules.names", "accessibility", True, ()),
    "label-title-only": ("auditor.rules.labels", "accessibility", True, ()),
    "landmark-banner-is-top-level": ("auditor.rules.landmarks", "accessibility", True, ()),
    "landmark-contentinfo-is-top-level": ("auditor.rules.landmarks", "accessibility", True, ()),
    "landmark-main-is-top-level": ("auditor.rules.landmarks", "accessibility", True, ()),
    "landmark-no-duplicate-banner": ("auditor.rules.landmarks", "accessibility", True, ()),
    "landmark-no-duplicate-contentinfo": ("auditor.rules.landmarks", "accessibility", True, ()),
    "landmark-no-duplicate-main": ("auditor.rules.landmarks", "accessibility", True, ()),
    "landmark-one-main": ("auditor.rules.landmarks", "accessibility", True, ()),
    "link-broken": ("auditor.rules.links", "links", True, ("kinds",)),
    "link-fragment-missing": ("auditor.rules.navigation", "clutter", True, ()),
    "link-name": ("auditor.rules.names", "accessibility", True, ()),
    "link-redirect": ("auditor.rules.links", "links", True, ("kinds",)),
    "link-text-vague": ("auditor.rules.link_text", "clutter", True, ("allow", "phrases")),
    "link-unverified": ("auditor.rules.links", "links", True, ("kinds",)),
    "list": ("auditor.rules.lists", "accessibility", True, ()),
    "listitem": ("auditor.rules.lists", "accessibility", True, ()),
    "marquee": ("auditor.rules.interaction", "accessibility", True, ()),
    "menuitem-name": ("auditor.rules.names", "accessibility", True, ()),
    "meta-refresh": ("auditor.rules.document", "accessibility", True, ()),
    "meta-refresh-no-exceptions": ("auditor.rules.document", "accessibility", False, ()),
    "meta-viewport": ("auditor.rules.document", "accessibility", True, ()),
    "nav-duplicate": ("auditor.rules.navigation", "clutter", True, ("min-links",)),
    "nested-interactive": ("auditor.rules.interaction", "accessibility", True, ()),
    "object-alt": ("auditor.rules.names", "accessibility", True, ()),
    "page-has-heading-one": ("auditor.rules.headings", "accessibility", True, ()),
    "pdf-inaccessible": ("auditor.rules.pdf", "pdf", True, ()),
    "pdf-link-broken": ("auditor.rules.pdf", "pdf", True, ()),
    "pdf-link-label": ("auditor.rules.pdf", "pdf", True, ()),
    "pdf-link-not-pdf": ("auditor.rules.pdf", "pdf", True, ()),
    "pdf-size-mismatch": ("auditor.rules.pdf", "pdf", True, ("tolerance",)),
    "presentation-role-conflict": ("auditor.rules.names", "accessibility", True, ()),
    "presentational-children-focusable": ("auditor.rules.focus", "accessibility", True, ()),
    "redundant-link": ("auditor.rules.link_text", "clutter", True, ()),
    "region": ("auditor.rules.landmarks", "accessibility", True, ()),
    "select-name": ("auditor.rules.labels", "accessibility", False, ()),
    "server-side-image-map": ("auditor.rules.interaction", "accessibility", True, ()),
    "share-widget": ("auditor.rules.defunct_services", "clutter", False, ()),
    "skip-link-broken": ("auditor.rules.navigation", "clutter", True, ()),
    "stale-page": ("auditor.rules.staleness", "staleness", True, ("date-order", "stale-after")),
    "stale-publication": ("auditor.rules.staleness", "staleness", True, ("date-order", "stale-after-publication")),
    "summary-name": ("auditor.rules.names", "accessibility", True, ()),
    "svg-img-name": ("auditor.rules.names", "accessibility", True, ()),
    "tabindex": ("auditor.rules.interaction", "accessibility", True, ()),
    "td-headers-attr": ("auditor.rules.tables", "accessibility", True, ()),
    "th-has-data-cells": ("auditor.rules.tables", "accessibility", True, ()),
    "unused-suppression": ("auditor.rules.suppression", "meta", True, ()),
    "valid-lang": ("auditor.rules.language", "accessibility", True, ("strict",)),
}


def _collect():
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(sorted(rules_in(vars(module)), key=lambda r: r.id))
    return found


def __getattr__(name):  # PEP 562: every rule class, imported when first asked for
    if name == "RULES":
        globals()["RULES"] = found = _collect()
        return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
