#!/usr/bin/env python3
"""Time `auditor check --offline` against html-validate on the same files, in the same run.

    python benchmarks/corpus.py                     # Debian's python3-doc HTML (apt-get install python3-doc)
    python benchmarks/corpus.py --limit 100         # its first 100 pages (auditor's sorted order)
    python benchmarks/corpus.py --corpus DIR        # any folder of .html files
    python benchmarks/corpus.py --site 10000        # a generated legacy-style site (benchmarks/generate_site.py)

Each tool runs as its own child process tree, measured by a small wrapper process, so the
CPU seconds (user + system) and peak memory come from getrusage(RUSAGE_CHILDREN) of that
tree alone: ru_maxrss is the peak of the largest single process (the main process or one
worker), and "tree RSS" is the sum over the live tree sampled every 0.2 s. auditor runs cold:
a fresh working folder, HOME and XDG_CACHE_HOME per run, so no config file or cache is
found. Files are read once before timing so every tool starts with the same OS file cache.
html-validate is installed on first use with npm into benchmarks/.node/ (git-ignored).
This is a script for people, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bytecode import compile_sources  # this folder is on sys.path: the script is run from it

HERE = Path(__file__).resolve().parent
NODE_DIR = HERE / ".node"
HTML_VALIDATE_VERSION = "10.17.0"
AS_OF = "2026-11-28"
PYTHON_DOC_GLOBS = ("/usr/share/doc/python3-doc/html", "/usr/share/doc/python3.*-doc/html",
                    "/usr/share/doc/python3*/html")
SAMPLE_SECONDS = 0.2


@dataclass
class Run:
    label: str
    pages: int
    wall: float  # seconds
    user: float  # CPU seconds of the whole process tree
    system: float
    maxrss_mb: float  # largest single process
    tree_rss_mb: float  # sampled sum over the live process tree
    returncode: int
    command: list[str]
    load: float = 0.0  # 1-minute load average just before the run (other work on the machine)

    @property
    def cpu(self) -> float:
        return self.user + self.system

    @property
    def pps(self) -> float:
        return self.pages / self.wall if self.wall else 0.0


# ---------------------------------------------------------------- measuring one command


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its live descendants (Linux /proc; 0 elsewhere)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2:].split()[1])  # comm may contain spaces
        children.setdefault(ppid, []).append(int(entry))
    total, todo, page = 0, [root], os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            pass
        todo.extend(children.get(pid, ()))
    return total


def _measure_main(command: list[str], cwd: str | None, env_json: str | None) -> int:
    """Run in a fresh wrapper process: its RUSAGE_CHILDREN is exactly the command's tree."""
    env = dict(os.environ, **json.loads(env_json)) if env_json else None
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        try:
            proc.wait(SAMPLE_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = proc.stderr.read().decode("utf-8", "replace")
    json.dump({"wall": wall, "user": usage.ru_utime, "system": usage.ru_stime,
               "maxrss_kb": usage.ru_maxrss, "tree_rss": peak, "returncode": proc.returncode,
               "stderr": stderr[-2000:]}, sys.stdout)
    return 0


def measure(label: str, command: list[str], pages: int, repeat: int = 1, ok_codes=(0, 1),
            cwd: str | None = None, env: dict[str, str] | None = None) -> Run:
    """The fastest of `repeat` runs (the least disturbed by other work on the machine)."""
    best = None
    for _ in range(repeat):
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
        wrapper = [sys.executable, __file__, "--_measure", "--_cwd", cwd or "", "--_env", json.dumps(env or {}), "--", *command]
        data = json.loads(subprocess.run(wrapper, check=True, stdout=subprocess.PIPE).stdout)
        run = Run(label, pages, data["wall"], data["user"], data["system"], data["maxrss_kb"] / 1024,
                  data["tree_rss"] / 2**20, data["returncode"], command, load)
        status = "" if run.returncode in ok_codes else f" (exit {run.returncode}: {data['stderr'].strip()[-400:]})"
        print(f"  {label}: {run.wall:.1f} s wall, {run.cpu:.1f} s CPU, load before {load:.2f}{status}", file=sys.stderr, flush=True)
        if best is None or run.wall < best.wall:
            best = run
    return best


# ---------------------------------------------------------------- the corpus and the tools


def find_python_doc() -> Path | None:
    for pattern in PYTHON_DOC_GLOBS:
        for candidate in sorted(glob.glob(pattern)):
            if glob.glob(os.path.join(candidate, "*.html")):
                return Path(candidate).resolve()
    return None


def html_files(folder: Path) -> list[str]:
    """Every .html/.htm below `folder`, in auditor's own order (sorted paths)."""
    sys.path.insert(0, str(HERE.parent))
    from auditor.targets import expand_targets  # the same walk auditor does for a folder

    return [t.name for t in expand_targets((str(folder),))]


def html_validate_bin(version: str) -> str:
    binary = NODE_DIR / "node_modules" / ".bin" / "html-validate"
    if not binary.exists():
        if shutil.which("npm") is None:
            sys.exit("benchmarks: npm is needed for html-validate (or pass --peers none)")
        print(f"installing html-validate@{version} into {NODE_DIR} ...", file=sys.stderr)
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund",
                        "--silent", f"html-validate@{version}"], check=True)
    return str(binary)


def count_html_validate_rules(binary: str, preset: str, sample: str) -> int | None:
    try:
        out = subprocess.run([binary, "-p", preset, "--print-config", sample], check=True,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
        rules = json.loads(out).get("rules", {})
    except (subprocess.CalledProcessError, ValueError, OSError):
        return None
    def on(v):
        level = v[0] if isinstance(v, list) else v
        return level not in (0, "off")
    return sum(1 for v in rules.values() if on(v))


def count_auditor_rules(auditor: list[str]) -> int | None:
    try:
        out = subprocess.run([*auditor, "rules", "-f", "json"], check=True, stdout=subprocess.PIPE).stdout
        return sum(1 for r in json.loads(out) if r.get("enabled"))
    except (subprocess.CalledProcessError, ValueError, OSError):
        return None


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(next(line for line in fh if line.startswith("MemTotal")).split()[1])
            mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}){mem}, {platform.system()} {platform.release()}, Python {platform.python_version()}"


# ---------------------------------------------------------------- where one process spends its time


class _Clock:
    """CPU seconds of this process per bucket (other work on a busy machine does not count);
    nested timed calls count only in the outermost one."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.depth = 0

    def wrap(self, bucket, func):
        clock, now = self, time.process_time

        def timed(*args, **kwargs):
            if clock.depth:
                out = func(*args, **kwargs)
                return out if out is None else list(out)
            name = bucket(args[0])
            clock.depth = 1
            start = now()
            try:
                out = func(*args, **kwargs)
                return out if out is None else list(out)  # rules yield lazily: time the whole list
            finally:
                clock.seconds[name] = clock.seconds.get(name, 0.0) + now() - start
                clock.calls[name] = clock.calls.get(name, 0) + 1
                clock.depth = 0

        return timed

    def per_call_overhead(self) -> float:
        """What one timed call costs on top of the call itself (taken off each rule's figure)."""
        probe = _Clock()
        noop = probe.wrap(lambda _: "probe", lambda _: ())
        n = 200_000
        start = time.process_time()
        for _ in range(n):
            noop(None)
        timed = time.process_time() - start
        start = time.process_time()
        for _ in range(n):
            list(())
        return max(0.0, (timed - (time.process_time() - start)) / n)


def _audit_in_process(cli, files: list[str], auditor_args: list[str]) -> float:
    start = time.process_time()
    try:
        cli.main([*auditor_args, "--jobs", "1", *files], prog_name="auditor", standalone_mode=False)
    except SystemExit:
        pass
    return time.process_time() - start


def profile_rules(files: list[str], auditor_args: list[str]) -> None:
    """Audit `files` in this process (--jobs 1) and split the CPU time.

    Stages by ablation, with no timers in the way: (1) read, decode and parse only (the
    rules' walk is replaced by an empty result), (2) the engine's walk with no rules, (3) the
    full audit. Rules = (3) - (2); walk and bookkeeping = (2) - (1). Then (4) the full audit
    with a timer around each rule's visit/check, less the timer's own measured cost per call,
    ranks the rules; page data a rule builds lazily is charged to the first rule that asks."""
    sys.path.insert(0, str(HERE.parent))
    from auditor import engine
    from auditor.cli import cli
    from auditor.registry import all_rules
    from auditor.result import PageResult
    from auditor.rule import Rule

    if any("--no-cache" in p.opts for p in cli.commands["check"].params):
        auditor_args = [*auditor_args, "--no-cache"]  # every pass below must really audit
    real_check_page = engine.check_page
    _audit_in_process(cli, files[:2], auditor_args)  # imports and data files load once, outside the figures
    engine.check_page = lambda page, rules, *a, **k: PageResult(page=page.name)
    parse_only = _audit_in_process(cli, files, auditor_args)
    engine.check_page = lambda page, rules, *a, **k: real_check_page(page, [], *a, **k)
    walk_only = _audit_in_process(cli, files, auditor_args)
    engine.check_page = real_check_page
    full = _audit_in_process(cli, files, auditor_args)

    clock = _Clock()
    names: dict[tuple[type, str], str] = {}

    def bucket_of(method):
        def name(rule):
            key = (type(rule), method)
            if key not in names:
                names[key] = f"{type(rule).id} ({method})"
            return names[key]
        return name

    for cls in all_rules().values():
        for method in ("visit", "check"):
            func = getattr(cls, method)
            if func is not getattr(Rule, method):  # inherited from a shared base: counted for this rule
                setattr(cls, method, clock.wrap(bucket_of(method), func))
    timed = _audit_in_process(cli, files, auditor_args)
    overhead = clock.per_call_overhead()

    rules = full - walk_only
    print(f"profile of one process (--jobs 1) over {len(files)} pages, CPU seconds of this process:")
    rows = [("full audit", full),
            ("read, decode, parse (html5lib + bs4), report", parse_only),
            ("engine walk, dispatch, suppressions, fingerprints (no rules)", walk_only - parse_only),
            (f"rules ({len(all_rules())} registered, visit + check + their findings)", rules)]
    for name, value in rows:
        print(f"  {name:<66} {value:8.2f} s {100 * value / full:5.1f} %")
    print(f"  {len(files) / full:.2f} pages per CPU second; parse alone {len(files) / parse_only:.2f} pages per CPU second")
    ranked = sorted(((v - clock.calls[k] * overhead, k) for k, v in clock.seconds.items()), reverse=True)
    measured = sum(v for v, _ in ranked)
    print(f"slowest rule methods (timed run {timed:.2f} s; {overhead * 1e6:.2f} us timer cost per call taken off; "
          f"they add up to {measured:.2f} s):")
    for value, name in ranked[:20]:
        print(f"  {name:<66} {value:8.3f} s {100 * value / full:5.1f} %  ({clock.calls[name]} calls)")


# ---------------------------------------------------------------- the run


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_measure"]:
        # internal: --_measure --_cwd DIR --_env JSON -- COMMAND...
        sep = argv.index("--")
        return _measure_main(argv[sep + 1:], argv[2] or None, argv[4] or None)

    parser = argparse.ArgumentParser(description="Time auditor against html-validate on the same pages.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--corpus", type=Path, help="folder of HTML pages (default: Debian's python3-doc HTML)")
    source.add_argument("--site", type=int, metavar="N", help="generate N legacy-style pages and time those")
    parser.add_argument("--site-dir", type=Path, help="where --site writes (default: a temporary folder, removed after)")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages")
    parser.add_argument("--jobs", default="1,2", help="auditor --jobs values to time, comma-separated (default: 1,2)")
    parser.add_argument("--peers", default="a11y,recommended",
                        help="html-validate presets to time, comma-separated, or 'none' (default: a11y,recommended)")
    parser.add_argument("--repeat", type=int, default=1, help="run each measurement N times and keep the fastest")
    parser.add_argument("--warm", action="store_true", help="also time a rerun with the caches the cold run left (a result cache makes it fast)")
    parser.add_argument("--auditor", default=f"{sys.executable} -m auditor",
                        help="the auditor command (default: this Python's -m auditor)")
    parser.add_argument("--html-validate-version", default=HTML_VALIDATE_VERSION)
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--profile", action="store_true",
                        help="instead of timing tools: audit in this process and split the time by stage and rule")
    args = parser.parse_args(argv)
    compile_sources()

    auditor = args.auditor.split()
    jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    presets = [] if args.peers.strip() == "none" else [p.strip() for p in args.peers.split(",") if p.strip()]
    scratch = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    try:
        if args.site:
            folder = (args.site_dir or scratch / "site").resolve()
            subprocess.run([sys.executable, str(HERE / "generate_site.py"), str(args.site), str(folder)], check=True)
            corpus_name = f"generated legacy-style site ({args.site} pages)"
        else:
            folder = args.corpus.resolve() if args.corpus else find_python_doc()
            if folder is None:
                sys.exit("benchmarks: no python3-doc HTML found; apt-get install python3-doc, or pass --corpus DIR")
            corpus_name = str(folder)
        if not folder.is_dir():
            sys.exit(f"benchmarks: not a folder: {folder}")
        files = html_files(folder)
        if args.limit:
            files = files[: args.limit]
        if not files:
            sys.exit(f"benchmarks: no .html pages under {folder}")
        size = 0
        for name in files:  # warm the OS file cache equally for every tool
            with open(name, "rb") as fh:
                size += len(fh.read())
        if sum(len(f) + 1 for f in files) > os.sysconf("SC_ARG_MAX") // 2:
            sys.exit("benchmarks: too many pages for one command line; use --limit")

        audit_args = ["check", "--offline", "--as-of", AS_OF, "-f", "json", "-o", "/dev/null"]
        if args.profile:
            os.chdir(scratch)  # no config file from the current folder
            profile_rules(files, audit_args)
            return 0
        print(f"machine: {machine()}")
        print(f"corpus:  {corpus_name}: {len(files)} pages, {size / 1e6:.1f} MB", flush=True)
        results: list[Run] = []
        for n in jobs:
            home = scratch / f"home-j{n}"
            home.mkdir()
            command = [*auditor, *audit_args, "--jobs", str(n), *files]
            cold = None
            for attempt in range(args.repeat):  # each cold attempt gets a fresh HOME, so a cache cannot carry over
                fresh = home / str(attempt)
                fresh.mkdir()
                env = {"HOME": str(fresh), "XDG_CACHE_HOME": str(fresh / ".cache")}
                run = measure(f"auditor --jobs {n} (cold)", command, len(files), cwd=str(fresh), env=env)
                cold = run if cold is None or run.wall < cold.wall else cold
            results.append(cold)
            if args.warm:  # same HOME and folder: whatever cache the last cold attempt left
                results.append(measure(f"auditor --jobs {n} (warm)", command, len(files), args.repeat, cwd=str(fresh), env=env))
        if presets:
            binary = html_validate_bin(args.html_validate_version)
            for preset in presets:
                command = [binary, "-p", preset, "-f", "json", *files]
                results.append(measure(f"html-validate -p {preset}", command, len(files), args.repeat))
        report(results, auditor, presets, files, binary if presets else None)
        if args.json:
            payload = {"machine": machine(), "corpus": corpus_name, "pages": len(files), "bytes": size,
                       "runs": [dict(asdict(r), cpu=r.cpu, pps=r.pps, command=r.command[:12] + (["..."] if len(r.command) > 12 else []))
                                for r in results]}
            args.json.write_text(json.dumps(payload, indent=2) + "\n")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # a --site-dir outside it is kept
    return 0


def report(results: list[Run], auditor: list[str], presets: list[str], files: list[str], binary: str | None) -> None:
    counts = [f"auditor: {count_auditor_rules(auditor)} rules enabled"]
    for preset in presets:
        counts.append(f"html-validate -p {preset}: {count_html_validate_rules(binary, preset, files[0])} rules")
    print("rules:   " + "; ".join(counts))
    print()
    print(f"{'run':<28} {'pages/s':>8} {'wall s':>8} {'CPU s':>8} {'max RSS MB':>11} {'tree RSS MB':>12} {'load':>5}  exit")
    for r in results:
        print(f"{r.label:<28} {r.pps:>8.2f} {r.wall:>8.1f} {r.cpu:>8.1f} {r.maxrss_mb:>11.0f} {r.tree_rss_mb:>12.0f} {r.load:>5.2f}  {r.returncode}")
    if any(r.load > 0.5 for r in results):
        print("note: the machine was busy before some runs (load > 0.5); wall-clock figures may be slowed by other work")
    by = {r.label: r for r in results}
    lines = []
    cold = {int(r.label.split()[2]): r for r in results if r.label.startswith("auditor --jobs") and r.label.endswith("(cold)")}
    if 1 in cold and 2 in cold:
        lines.append(f"auditor --jobs 2 vs --jobs 1: speed-up {cold[1].wall / cold[2].wall:.2f}x (target >= 1.7x)")
    best = cold[max(cold)] if cold else None
    for preset in presets:
        peer = by.get(f"html-validate -p {preset}")
        if best and peer:
            target = " (target >= 1.5x)" if preset == "a11y" and max(cold) == 2 else ""
            lines.append(f"auditor --jobs {max(cold)} vs html-validate -p {preset}: {best.pps / peer.pps:.2f}x the pages per second{target}; "
                         f"CPU {best.cpu / peer.cpu:.2f}x of html-validate's")
    for n, r in cold.items():
        w = by.get(f"auditor --jobs {n} (warm)")
        if w:
            lines.append(f"auditor --jobs {n} warm vs cold: speed-up {r.wall / w.wall:.1f}x (target >= 20x)")
    if lines:
        print()
        print("\n".join(lines))
    print()
    print("commands (PAGES = the page files, as arguments):")
    for r in results:
        shown = [a for a in r.command if a not in files]
        print(f"  {' '.join(shown)} PAGES")


if __name__ == "__main__":
    sys.exit(main())
