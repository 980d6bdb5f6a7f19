"""Configuration from `[tool.auditor]` in pyproject.toml, `auditor.toml`, or --config.

Everything is validated: an unknown key, rule id or bad value is a ConfigError (exit 2),
never silently ignored. TOML is data only; nothing in config can execute code.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.finding import Severity
from auditor.limits import Limits
from auditor.rule import FAMILIES, Rule

if TYPE_CHECKING:
    from auditor.registry import RuleCatalog

FAIL_ON = ("error", "warning", "notice", "never")
# Config key -> (Limits field, type, smallest value).
LIMIT_KEYS = {
    "max-page-bytes": ("max_page_bytes", int, 1),
    "page-timeout": ("page_seconds", float, 0.1),
    "fetch-timeout": ("fetch_seconds", float, 0.1),
    "run-timeout": ("run_seconds", float, 1.0),
}
SEVERITIES = ("off", "notice", "warning", "error")
TOP_KEYS = {"select", "ignore", "exclude", "fail-on", "severity", "rules", "links", "cache-dir", *LIMIT_KEYS}


class ConfigError(Exception):
    pass


@dataclass
class Config:
    source: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    severity: dict[str, str] = field(default_factory=dict)
    # Per-rule options; a key set at the top level applies to every rule that has it.
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    shared_options: dict[str, Any] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    links: Any = None  # auditor.linkcheck.LinkSettings from [links]; None: the defaults
    cache_dir: str | None = None  # the caches' folder; None: the default (auditor.store.CACHE_DIR)


def search_start(targets: tuple[str, ...]) -> Path:
    """Where the search for a config file starts: the folder of the first target on disk (a
    folder target itself), so that a site's config applies from wherever auditor is run;
    the current folder when every target is a URL or standard input."""
    for target in targets:
        if target != "-" and "://" not in target:
            path = Path(os.path.abspath(target))
            return path if path.is_dir() else path.parent
    return Path.cwd()


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / "auditor.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
            if "auditor" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path | None, rules: RuleCatalog) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("auditor", {})
    config = parse_config(data, rules, str(path))
    # Paths in a config file are relative to its folder, wherever auditor runs from.
    folder = os.path.dirname(path)
    if config.cache_dir is not None:
        config.cache_dir = os.path.join(folder, config.cache_dir)
    if config.links is not None and config.links.root:
        config.links = replace(config.links, root=os.path.join(folder, config.links.root))
    return config


def _names(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def check_selectors(names: tuple[str, ...], rules: RuleCatalog, where: str) -> None:
    for name in names:
        if name not in rules and name not in FAMILIES and name != "all":
            raise ConfigError(f"{where}: unknown rule or family {name!r}")


def parse_config(data: dict, rules: RuleCatalog, where: str) -> Config:
    option_names = rules.option_names()
    config = Config(source=where)
    for key, value in data.items():
        if key not in TOP_KEYS and key not in option_names:
            raise ConfigError(f"{where}: unknown key {key!r}")
    config.select = _names(data.get("select", []), "select", where)
    config.ignore = _names(data.get("ignore", []), "ignore", where)
    check_selectors(config.select + config.ignore, rules, where)
    config.exclude = _names(data.get("exclude", []), "exclude", where)
    limits = {}
    for key, (name, kind, least) in LIMIT_KEYS.items():
        if key in data:
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind is int and not isinstance(value, int)):
                raise ConfigError(f"{where}: {key} must be {'an integer' if kind is int else 'a number'}, not {value!r}")
            if value < least:
                raise ConfigError(f"{where}: {key} must be at least {least}, not {value!r}")
            limits[name] = kind(value)
    config.limits = replace(config.limits, **limits)
    if "links" in data:
        from auditor.linkcheck import parse_settings

        try:
            config.links = parse_settings(data["links"], where)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    if "cache-dir" in data:
        if not isinstance(data["cache-dir"], str) or not data["cache-dir"]:
            raise ConfigError(f"{where}: cache-dir must be a folder's path, not {data['cache-dir']!r}")
        config.cache_dir = data["cache-dir"]
    fail_on = data.get("fail-on", "error")
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}")
    config.fail_on = fail_on
    severity = data.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: severity must be a table of rule = level")
    for rule_id, level in severity.items():
        _set_severity(config, rule_id, level, rules, where)
    for key in option_names & data.keys():
        for rule_id in rules:
            if key in rules.info(rule_id).options:
                _validate(rules[rule_id], key, data[key], where)
        config.shared_options[key] = data[key]
    per_rule = data.get("rules", {})
    if not isinstance(per_rule, dict):
        raise ConfigError(f"{where}: rules must be a table of rule tables")
    for rule_id, table in per_rule.items():
        if rule_id not in rules:
            raise ConfigError(f"{where}: unknown rule {rule_id!r} in [rules]")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: rules.{rule_id} must be a table")
        options = {}
        for key, value in table.items():
            if key == "severity":
                _set_severity(config, rule_id, value, rules, where)
                continue
            if key not in rules[rule_id].options:
                known = ", ".join(sorted(rules[rule_id].options)) or "none"
                raise ConfigError(f"{where}: rule {rule_id} has no option {key!r} (options: {known})")
            options[key] = _validate(rules[rule_id], key, value, where)
        config.rule_options[rule_id] = options
    return config


def _set_severity(config: Config, rule_id: str, level: Any, rules, where: str) -> None:
    if rule_id not in rules:
        raise ConfigError(f"{where}: unknown rule {rule_id!r} in severity")
    if level not in SEVERITIES:
        raise ConfigError(f"{where}: severity of {rule_id} must be one of {', '.join(SEVERITIES)}, not {level!r}")
    config.severity[rule_id] = level


def _validate(rule: type[Rule], key: str, value: Any, where: str) -> Any:
    try:
        return rule.options[key].validate(key, value)
    except ValueError as exc:
        raise ConfigError(f"{where}: rule {rule.id}: {exc}") from None


def _matches(rule_id: str, family: str, names: tuple[str, ...]) -> bool:
    return "all" in names or rule_id in names or family in names


def active_rules(rules: RuleCatalog, config: Config,
                 select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Rule]:
    """Instantiate the rules this run uses. Command-line --select/--ignore win over config.
    Chosen by the registry's index: only the chosen rules' modules are imported."""
    select = select or config.select
    ignore = ignore + config.ignore
    chosen = []
    for rule_id in rules:
        info = rules.info(rule_id)
        level = config.severity.get(rule_id)
        if select:
            wanted = _matches(rule_id, info.family, select)
        else:
            wanted = info.enabled or (level not in (None, "off"))
        if not wanted or _matches(rule_id, info.family, ignore) or level == "off":
            continue
        options = {k: v for k, v in config.shared_options.items() if k in info.options}
        options.update(config.rule_options.get(rule_id, {}))
        severity = Severity.parse(level) if level else None
        chosen.append(rules[rule_id](severity=severity, options=options))
    return chosen
