"""What one audit run is asked to do: built once (by the command line from its flags and the
config, or by a Python caller), then handed down whole to every stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from auditor.limits import Limits
from auditor.rule import Rule
from auditor.store import RESULTS_PATH

if TYPE_CHECKING:
    from auditor.linkcheck import LinkSettings


@dataclass(frozen=True)
class RunOptions:
    rules: tuple[Rule, ...]  # instantiated, with their severities and options (auditor.config.active_rules)
    as_of: date  # the date taken as today
    offline: bool = False  # no network: checks that need it are skipped and counted
    jobs: int | None = None  # worker processes; None: one per CPU
    limits: Limits = field(default_factory=Limits)
    links: LinkSettings | None = None  # `[tool.auditor.links]`; None: the defaults
    use_cache: bool = True  # the result cache and the link cache
    cache_path: str = RESULTS_PATH  # the result cache's file
    progress: bool = False  # a progress line on standard error

    def __post_init__(self):
        object.__setattr__(self, "rules", tuple(self.rules))  # a list from a caller: frozen too
