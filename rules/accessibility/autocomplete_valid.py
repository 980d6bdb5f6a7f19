from __future__ import annotations

from auditor.accname import is_hidden
from auditor.finding import Severity
from auditor.page import attr
from auditor.rule import Rule

# HTML's autofill field names (WHATWG HTML, "Autofill").
FIELD_NAMES = frozenset("""
    name honorific-prefix given-name additional-name family-name honorific-suffix nickname
    username new-password current-password one-time-code organization-title organization
    street-address address-line1 address-line2 address-line3 address-level4 address-level3
    address-level2 address-level1 country country-name postal-code cc-name cc-given-name
    cc-additional-name cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type
    transaction-currency transaction-amount language bday bday-day bday-month bday-year sex url
    photo
""".split())
# Field names that may follow home/work/mobile/fax/pager.
CONTACT_FIELD_NAMES = frozenset("""
    tel tel-country-code tel-national tel-area-code tel-local tel-local-prefix
    tel-local-suffix tel-extension email impp
""".split())
CONTACT_KINDS = frozenset({"home", "work", "mobile", "fax", "pager"})
_NO_AUTOFILL_TYPES = frozenset({"hidden", "button", "submit", "reset", "image"})


def autocomplete_valid(value: str) -> bool:
    """Whether an autocomplete value is a valid autofill detail token list (or on/off):
    [section-*] [shipping|billing] [home|work|mobile|fax|pager] field-name [webauthn]."""
    tokens = value.lower().split()
    if tokens in (["on"], ["off"]):
        return True
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if not tokens:
        return False
    *modifiers, field = tokens
    if field not in FIELD_NAMES and field not in CONTACT_FIELD_NAMES:
        return False
    if modifiers and modifiers[0].startswith("section-") and len(modifiers[0]) > len("section-"):
        modifiers = modifiers[1:]
    if modifiers and modifiers[0] in ("shipping", "billing"):
        modifiers = modifiers[1:]
    if modifiers and modifiers[0] in CONTACT_KINDS:
        if field not in CONTACT_FIELD_NAMES:
            return False
        modifiers = modifiers[1:]
    return not modifiers


class AutocompleteValid(Rule):
    id = "autocomplete-valid"
    family = "accessibility"
    severity = Severity.ERROR
    summary = "autocomplete must use valid autofill tokens"
    wcag = ("1.3.5",)
    act = ("73f2c2",)
    impact = "serious"
    elements = ("input", "select", "textarea")
    what = """
        Reports an enabled, exposed form field whose `autocomplete` is not a valid autofill
        value: unknown field names (`badname`), tokens in the wrong order or alone
        (`shipping`, `work`), two field names, commas, or a contact kind (`work`, `home`)
        before a field that is not a phone, email or IMPP field.
    """
    why = """
        Valid autofill tokens let browsers fill fields in and let assistive tools show
        familiar icons or labels (WCAG 1.3.5): people with motor or cognitive disabilities
        type less and make fewer mistakes.
    """
    fix = """
        Use the field names of HTML's autofill list, space-separated, in the order
        `section-x`, `shipping`/`billing`, `home`/`work`/..., field name, `webauthn`.
    """

    def visit(self, element, page):
        value = attr(element, "autocomplete")
        if value is None or not value.strip():
            return
        if element.name == "input" and (attr(element, "type") or "").strip().lower() in _NO_AUTOFILL_TYPES:
            return
        if element.has_attr("disabled") or (attr(element, "aria-disabled") or "").strip().lower() == "true":
            return
        if is_hidden(element, page):
            return
        if not autocomplete_valid(value):
            yield self.finding(page, element, f"autocomplete=\"{value.strip()}\" is not a valid autofill value: use HTML's field names, such as \"email\" or \"shipping street-address\"")
