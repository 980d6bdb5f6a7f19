"""The `lang` attribute as the language rules check it: BCP 47 tags against the IANA
registry (auditor.langtag), and the option that asks for every subtag to be registered.
"""

from __future__ import annotations

from auditor.langtag import is_valid_tag, primary_subtag_known
from auditor.rule import Option

STRICT_OPTION = Option(False, "Also require every subtag (script, region, variant) to be registered, "
                              "not only the primary language subtag.")


def lang_ok(value: str, strict: bool) -> bool:
    return is_valid_tag(value) if strict else primary_subtag_known(value)
