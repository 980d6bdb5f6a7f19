"""The command line: `auditor check`, `auditor rules`, `auditor explain`."""

from __future__ import annotations

import gc
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from auditor import __version__, baseline, cancel, subset
from auditor.baseline import BaselineError
from auditor.config import FAIL_ON, Config, ConfigError, active_rules, check_selectors, find_config, load_config, search_start
from auditor.engine import fails, run_audit, run_crawl
from auditor.loading import LoadError
from auditor.options import RunOptions
from auditor.output import missing_folder, write_report
from auditor.progress import Progress
from auditor.registry import RegistryError, all_reporters, all_rules
from auditor.ruledocs import explain_text, rules_json, rules_markdown, rules_text
from auditor.store import CACHE_DIR, LINKS_FILE, RESULTS_FILE
from auditor.subset import SubsetError
from auditor.targets import HTML_SUFFIXES, TargetError, expand_targets

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageProblem(click.ClickException):
    """A one-line error and exit code 2, never a traceback."""

    exit_code = EXIT_ERROR

    def show(self, file=None):
        click.echo(f"auditor: error: {self.format_message()}", err=True)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n.strip() for v in values for n in v.split(",") if n.strip())


def _parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"--as-of must be a date as YYYY-MM-DD, not {value!r}") from None


def _reports(fmt: str, output: str | None, extra: tuple[str, ...], reporters: dict) -> list[tuple[str, str | None]]:
    """The reports to write, (format, path; None for standard output), each checked before
    the audit runs: -f's on standard output or -o's path, then every --report."""
    wanted = [(fmt or "text", output)]
    for item in extra:
        name, sep, path = item.partition(":")
        if not sep or not path:
            raise UsageProblem(f"--report takes FORMAT:PATH, not {item!r}")
        wanted.append((name, path))
    for name, path in wanted:
        if name not in reporters:
            raise UsageProblem(f"unknown report format {name!r} (formats: {', '.join(sorted(reporters))})")
        _check_folder(path, f"{name} report")
    return wanted


def _check_folder(path: str | None, what: str) -> None:
    folder = missing_folder(path)
    if folder is not None:
        raise UsageProblem(f"cannot write {what} to {path}: no folder {folder}")


@contextmanager
def _one_line_usage_errors():
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # `auditor` alone: the help
    except click.UsageError as exc:
        message = " ".join(exc.format_message().split()).rstrip(".")
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        raise UsageProblem(message[:1].lower() + message[1:] + where) from None


class Commands(click.Group):
    """click's command group, but a usage error (a missing argument, an unknown option, a
    bad value) is one line, `auditor: error: ...`, exit 2, like auditor's other errors."""

    def make_context(self, *args, **kwargs):
        with _one_line_usage_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _one_line_usage_errors():
            return super().invoke(ctx)


class FormatOption(click.Option):
    """-f/--format, whose help lists the report formats installed (read when help is shown)."""

    def get_help_record(self, ctx):
        self.help = f"Report format for standard output or -o: {', '.join(sorted(all_reporters()))} (default: text)."
        return super().get_help_record(ctx)


def report_options(command):
    """-f, -o and --report, as `check` and `merge` share them."""
    for option in reversed([
        click.option("-f", "--format", "fmt", cls=FormatOption, default=None, metavar="FORMAT"),
        click.option("-o", "--output", default=None, metavar="PATH", help="Write the report to PATH instead of standard output."),
        click.option("--report", "extra_reports", multiple=True, metavar="FORMAT:PATH",
                     help="Also write a report (repeatable); standard output keeps -f's report unless -o is given."),
    ]):
        command = option(command)
    return command


@click.group("auditor", cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def cli():
    """Accessibility and content-audit linter for web pages."""


@cli.command()
@click.argument("targets", nargs=-1, metavar="TARGETS...")
@report_options
@click.option("--select", multiple=True, help="Only these rule ids or families (comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or families (comma-separated).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None, help="Lowest severity that fails the run (default: error).")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD", help="The date taken as today for staleness.")
@click.option("--offline", is_flag=True, help="No network requests; checks that need them are skipped and counted.")
@click.option("--allow-private", is_flag=True, help="Let links on public hosts redirect to private, loopback or link-local addresses.")
@click.option("--no-cache", is_flag=True, help="Audit every page and check every link afresh: no result or link cache.")
@click.option("--cache-dir", default=None, metavar="PATH", envvar="AUDITOR_CACHE_DIR", show_envvar=True,
              help=f"The caches' folder (default: config's cache-dir, else {CACHE_DIR} in the current folder).")
@click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False), help="Config file (TOML; default: the nearest auditor.toml, or pyproject.toml with [tool.auditor], from the first target's folder up).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: number of CPUs).")
@click.option("--quiet", "-q", is_flag=True, help="Findings only: no summary, no progress.")
@click.option("--baseline", "baseline_path", default=None, metavar="PATH", help="Report and fail only on findings not in this baseline; list those fixed.")
@click.option("--write-baseline", default=None, metavar="PATH", help="Record the current findings as a baseline at PATH.")
@click.option("--changed-since", default=None, metavar="REF", help="Only the HTML files changed since this git ref.")
@click.option("--shard", default=None, metavar="K/N", help="Only shard K of N of the targets (stable across runs).")
@click.option("--crawl", is_flag=True, help="Follow same-site links from each URL (or local page) breadth-first.")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="Audit the pages of this sitemap or sitemap index (repeatable).")
@click.option("--max-pages", type=click.IntRange(min=1), default=1000, show_default=True, help="Crawl at most this many pages.")
@click.option("--max-depth", type=click.IntRange(min=0), default=10, show_default=True, help="Follow links at most this deep.")
@click.option("--crawl-include", multiple=True, metavar="REGEX", help="Crawl only URLs matching one of these (repeatable).")
@click.option("--crawl-exclude", multiple=True, metavar="REGEX", help="Do not crawl URLs matching these (repeatable).")
@click.option("--crawl-delay", type=click.FloatRange(min=0), default=0.0, help="Seconds between two requests to one host.")
@click.option("--crawl-per-host", type=click.IntRange(min=1), default=4, help="Requests at once to one host.")
def check(targets, fmt, output, extra_reports, select, ignore, fail_on, as_of, offline, allow_private, no_cache, cache_dir, config_path, jobs, quiet,
          baseline_path, write_baseline, changed_since, shard, crawl, sitemaps, max_pages, max_depth,
          crawl_include, crawl_exclude, crawl_delay, crawl_per_host):
    """Audit TARGETS: HTML files, folders, http(s) URLs, or - for standard input."""
    rules = all_rules()
    if _owns_process:
        # The process ends when the audit does: what the imports made is never collected
        # (frozen, which also spares forked workers copying it). (Not when a caller runs the
        # command in its own process, as tests do with CliRunner.)
        gc.freeze()
    reporters = all_reporters()
    config = _load_config(config_path, rules, targets)
    select, ignore = _split(select), _split(ignore)
    if not targets and not sitemaps:  # a sitemap alone names the pages
        context = click.get_current_context()
        raise click.MissingParameter(ctx=context, param=next(p for p in context.command.params if p.name == "targets"))
    plan = None
    try:
        check_selectors(select + ignore, rules, "command line")
        chosen = active_rules(rules, config, select, ignore)
        if crawl or sitemaps:
            from auditor.crawl import CrawlSettings  # httpx: only for a crawl

            settings = CrawlSettings(max_pages=max_pages, max_depth=max_depth, include=crawl_include,
                                     exclude=crawl_exclude, per_host=crawl_per_host, delay=crawl_delay)
            plan = _crawl_plan(targets, sitemaps, settings, config, offline)
            pages = []  # found by the crawl as it goes
        else:
            pages = expand_targets(targets, config.exclude)
        found = len(pages)
        pages, known = subset_and_baseline(pages, changed_since, shard, baseline_path, write_baseline)
    except (ConfigError, TargetError, SubsetError, BaselineError) as exc:
        raise UsageProblem(str(exc)) from None
    wanted = _reports(fmt, output, extra_reports, reporters)
    _check_folder(write_baseline, "baseline")
    links = config.links
    cache_dir = cache_dir or config.cache_dir or CACHE_DIR
    changed = {**({"allow_private": True} if allow_private else {}),
               **({"cache_path": os.path.join(cache_dir, LINKS_FILE)} if cache_dir != CACHE_DIR else {})}
    if changed:
        from auditor.linkcheck import LinkSettings  # only when links are checked, or settings change

        links = replace(links or LinkSettings(), **changed)
    options = RunOptions(rules=tuple(chosen), as_of=_parse_date(as_of), offline=offline, jobs=jobs,
                         limits=config.limits, links=links, use_cache=not no_cache,
                         cache_path=os.path.join(cache_dir, RESULTS_FILE), progress=not quiet and sys.stderr.isatty())
    if plan is None:
        result = run_audit(pages, options)
    else:
        result = _run_crawl(plan, options, lambda found: subset_and_baseline(found, changed_since, shard, None, None)[0],
                            quiet)
    cancel.raise_if_stopped()
    if write_baseline:
        _write_or_fail(lambda: baseline.write(result, write_baseline), "baseline", write_baseline)
    elif known is not None:
        result = baseline.compare(result, known)
    for name, path in wanted:
        _write_or_fail(lambda: write_report(reporters[name].render, result, path,
                                            **({"quiet": True} if quiet and name == "text" else {})),
                       f"{name} report", path)
    if found and not pages:
        # --changed-since or --shard chose none of the pages found: nothing to do, rightly.
        click.echo(f"auditor: none of the {found} page(s) found is in this run's subset "
                   "(--changed-since, --shard): nothing to audit", err=True)
        sys.exit(EXIT_CLEAN)
    sys.exit(_exit_code(result, "never" if write_baseline else fail_on or config.fail_on,
                        nothing_found=f"no HTML file ({', '.join('*' + s for s in HTML_SUFFIXES)}) in {' '.join(targets)}"
                        + (" outside the config's exclude" if config.exclude else "")))


def _crawl_plan(targets, sitemaps, settings, config, offline):
    """What to crawl: the start URLs, the local start pages, the sitemaps."""
    from auditor.crawl import Crawl

    for pattern in settings.include + settings.exclude:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise TargetError(f"invalid crawl pattern {pattern!r}: {exc}") from None
    urls = [t for t in targets if t.startswith(("http://", "https://"))]
    if (urls or sitemaps) and offline:
        raise TargetError("--crawl and --sitemap need the network; drop --offline")
    files = []
    for t in targets:
        if t in urls:
            continue
        if t == "-":
            raise TargetError("--crawl cannot follow links from standard input")
        start = os.path.join(t, "index.html") if os.path.isdir(t) else t
        if not os.path.isfile(start):
            raise TargetError(f"--crawl starts from a page: no such file {start}")
        files.append(start)
    return Crawl(urls=tuple(urls), files=tuple(files), sitemaps=tuple(sitemaps), settings=settings, limits=config.limits)


def _run_crawl(plan, options, chosen, quiet):
    """The crawl and its audit at once (each page fetched once, parsed once); what the crawl
    left out is said on standard error."""
    try:
        result, found = run_crawl(plan, options, chosen)
    except LoadError as exc:  # a sitemap that cannot be read
        raise UsageProblem(str(exc)) from None
    if not quiet:
        if found.skipped_by_robots:
            click.echo(f"auditor: {len(found.skipped_by_robots)} page(s) not crawled: disallowed by robots.txt", err=True)
        if found.unvisited:
            click.echo(f"auditor: the crawl stopped at --max-pages {plan.settings.max_pages}: "
                       f"{found.unvisited} more same-site link(s) not followed", err=True)
    return result


def subset_and_baseline(pages, changed_since, shard, baseline_path, write_baseline):
    """The targets this run audits, and the baseline to compare with (None without one)."""
    if baseline_path and write_baseline:
        raise BaselineError("use --baseline or --write-baseline, not both")
    if changed_since is not None:
        pages = subset.only_changed(pages, changed_since)
    if shard is not None:
        pages = subset.only_shard(pages, *subset.parse_shard(shard))
    return pages, (baseline.load(baseline_path) if baseline_path else None)


# For the message of a run stopped by a signal: what this process has written whole, and
# what it is writing.
_written: list[str] = []
_writing: str | None = None


def _write_or_fail(write, what: str, path: str) -> None:
    global _writing
    _writing = where = path or "standard output"
    try:
        write()
    except OSError as exc:
        raise UsageProblem(f"cannot write {what} to {where}: {exc.strerror or exc}") from None
    _writing = None
    _written.append(f"{what} to {where}")


def _exit_code(result, fail_on: str, nothing_found: str, crashes_where: str = "; see the report") -> int:
    """The run's exit code, with a one-line message on standard error for exit 2: a rule
    crashed, or no page was audited (none found, or every one a page error). Page errors
    fail the run like errors do, at any --fail-on but never."""
    audited = sum(1 for page in result.pages if page.error is None)
    if result.tool_errors:
        problem = f"{len(result.tool_errors)} rule crash(es){crashes_where}"
    elif not result.pages:
        problem = f"no page audited: {nothing_found}"
    elif not audited and len(result.pages) == 1:
        problem = f"no page audited: {result.pages[0].page}: {result.pages[0].error}"
    elif not audited:
        problem = f"no page audited: every page was a page error ({len(result.pages)}); see the report"
    else:
        page_errors = fail_on != "never" and audited < len(result.pages)
        return EXIT_FINDINGS if page_errors or fails(result, fail_on) else EXIT_CLEAN
    click.echo(f"auditor: {'' if problem.startswith('no page') else 'error: '}{problem}", err=True)
    return EXIT_ERROR


def _load_config(config_path: str | None, rules, targets: tuple[str, ...]) -> Config:
    try:
        path = Path(config_path) if config_path else find_config(search_start(targets))
        return load_config(path, rules)
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from None


@cli.command("rules")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def list_rules(fmt):
    """List every rule: id, family, severity, summary, WCAG and ACT references."""
    render = {"text": rules_text, "json": rules_json, "markdown": rules_markdown}[fmt]
    click.echo(render(all_rules()), nl=False)


@cli.command()
@click.argument("rule_id")
def explain(rule_id):
    """Explain RULE: what it checks, why, a failing and a passing example, options."""
    rules = all_rules()
    if rule_id not in rules:
        raise UsageProblem(f"unknown rule {rule_id!r}; `auditor rules` lists them")
    click.echo(explain_text(rules[rule_id]))


@cli.command()
@click.argument("reports", nargs=-1, required=True, metavar="REPORT.json...")
@report_options
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", help="Lowest severity that fails (default: error).")
def merge(reports, fmt, output, extra_reports, fail_on):
    """Merge JSON reports of shards into one result and render any format from it."""
    from auditor.merge import MergeError, merge_files

    wanted = _reports(fmt, output, extra_reports, all_reporters())
    try:
        result = merge_files(list(reports))
    except MergeError as exc:
        raise UsageProblem(str(exc)) from None
    for name, path in wanted:
        _write_or_fail(lambda: write_report(all_reporters()[name].render, result, path), f"{name} report", path)
    sys.exit(_exit_code(result, fail_on, nothing_found="the reports list no page",
                        crashes_where=" in the merged reports"))


_owns_process = False  # set by main(), the program's entry point


def main():
    global _owns_process
    _owns_process = True
    cancel.stop_on_signals()
    try:
        cli.main(prog_name="auditor", standalone_mode=True)
    except RegistryError as exc:
        click.echo(f"auditor: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except cancel.Interrupted as stop:
        cancel.ignore_signals()
        _say_interrupted(stop)
        raise
    except Exception as exc:  # a bug of ours: one line, exit 2; AUDITOR_DEBUG=1 shows the traceback
        if os.environ.get("AUDITOR_DEBUG"):
            raise
        click.echo(f"auditor: internal error: {type(exc).__name__}: {exc} (set AUDITOR_DEBUG=1 for details)", err=True)
        sys.exit(EXIT_ERROR)
    finally:
        _drop_output_if_unread()


def _say_interrupted(stop: cancel.Interrupted) -> None:
    said = [f"written before it: {', '.join(_written)}"] if _written else []
    # A report file is replaced whole or not at all (auditor.output); a stream is not.
    if _writing is not None and not os.path.isfile(_writing):
        said.append(f"the output to {_writing} is cut short")
    try:
        Progress(enabled=sys.stderr.isatty()).finish()  # a progress line is erased: the message is a line of its own
        click.echo(f"auditor: interrupted by {stop.signal_name}; {'; '.join(said) or 'nothing written'}", err=True)
    except (OSError, ValueError):  # standard error is gone with the terminal (SIGHUP)
        pass


def _drop_output_if_unread() -> None:
    """A reader that went away (auditor ... | head) has had its error message; what is left
    in the output buffer goes nowhere, instead of failing again as the interpreter exits."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
