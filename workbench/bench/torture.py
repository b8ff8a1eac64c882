"""Crash torture: ``python -m workbench.bench torture [--kills N] [--seed S] [--report FILE]``.

The promise is that a crash loses at most the edit in flight. This proves it the hard
way: a writer process makes random edits through the services (claims with tags and
entities, entity, relation and measure edits, imports of text, HTML, DOCX and PDF,
sanctions-list imports and re-imports, screening decisions, undo and redo of claim
edits and decisions) and reports each edit to this process over a pipe once it is
committed. This process kills the writer with SIGKILL at a random moment, then checks:

* ``PRAGMA integrity_check`` and the program's own ``check`` pass;
* the project opens for editing at once (no stale lock refuses it);
* every edit reported as committed is in the file, in its last reported state.

The writer reports an edit only after its transaction returned, so a report that
reaches us is a promise the file must keep.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..services.project import check_project, create_project, open_project

# What a report names, and how it is found again: table, uuid column, compared column.
_TABLES = {"claim": ("claim", "statement"), "entity": ("entity", "name"), "relation": ("relation", "note"),
           "measure": ("measure", "name"), "source": ("source", "title")}


@dataclass
class TortureResult:
    kills: int = 0
    edits_acknowledged: int = 0
    edits_by_kind: Counter = field(default_factory=Counter)
    integrity_errors: list[str] = field(default_factory=list)
    lost_edits: list[str] = field(default_factory=list)
    reopen_refusals: list[str] = field(default_factory=list)
    writer_errors: list[str] = field(default_factory=list)  # an edit that failed other than by refusal
    seconds: float = 0.0
    project_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not (self.integrity_errors or self.lost_edits or self.reopen_refusals or self.writer_errors)


class Expected:
    """The last reported state of every object an acknowledged edit touched."""

    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], tuple[bool, str | None]] = {}
        self.in_flight: set[tuple] = set()  # objects the edit cut short by the kill may have changed
        self.history: dict[tuple[str, str], list[str]] = {}  # the reports on each object, for the findings
        self.lists: dict[str, int] = {}  # list name -> imports acknowledged
        self.decisions: dict[tuple[str, str, str], str | None] = {}  # (entity uuid, list key, entry) -> decision
        self.judgements: dict[tuple[str, str], str | None] = {}  # (claim uuid, claim uuid) -> verdict
        self.saved: dict[str, str | None] = {}  # saved search name -> query

    def apply(self, report: dict) -> None:
        kind = report["t"]
        if kind == "intent":
            self.in_flight.add((report["k"], report["u"] if isinstance(report["u"], str) else tuple(report["u"])))
            return
        self.in_flight.clear()  # the edit those intents named was committed and is reported here
        for also in report.get("also", ()):
            self.objects[(also["t"], also["u"])] = (also["p"], also.get("v"))
        if kind == "list":
            self.lists[report["name"]] = report["imports"]
        elif kind == "judgement":
            self.judgements[(report["a"], report["b"])] = report["verdict"]
        elif kind == "saved":
            self.saved[report["name"]] = report["query"]
        elif kind == "decision":
            self.decisions[(report["e"], report["l"], report["k"])] = report["decision"]
        else:
            self.objects[(kind, report["u"])] = (report["p"], report.get("v"))
            self.history.setdefault((kind, report["u"]), []).append(f"{report.get('op')}@{report.get('life')}")
        if "judged" in report:  # a claim's judgements as they stand after its edit, delete or undo
            for pair in [pair for pair in self.judgements if report["u"] in pair]:
                self.judgements[pair] = None
            for a, b, verdict in report["judged"]:
                self.judgements[(a, b)] = verdict

    def missing_in(self, path: Path) -> list[str]:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return self._compare(conn)
        finally:
            conn.close()

    def _compare(self, conn: sqlite3.Connection) -> list[str]:
        found = {kind: dict(conn.execute(f"SELECT uuid, {column} FROM {table}"))
                 for kind, (table, column) in _TABLES.items()}
        lost = []
        for (kind, uuid), (present, value) in self.objects.items():
            rows = found[kind]
            if (kind, uuid) in self.in_flight:
                continue
            if present != (uuid in rows) or (present and value is not None and rows[uuid] != value):
                lost.append(f"{kind} {uuid[:8]}: expected {'present' if present else 'absent'} {value!r}, "
                            f"found {rows.get(uuid, '<absent>')!r} (reports: {', '.join(self.history[kind, uuid][-4:])})")
        imports = dict(conn.execute("SELECT l.name, count(i.id) FROM sanctions_list l "
                                    "JOIN list_import i ON i.list_id = l.id GROUP BY l.id"))
        for name, count in self.lists.items():
            if imports.get(name, 0) < count:
                lost.append(f"list {name}: {count} import(s) acknowledged, {imports.get(name, 0)} found")
        decided = {(uuid, list_key, entry): decision for uuid, list_key, entry, decision in conn.execute(
            "SELECT e.uuid, d.list_name_key, d.entry_key, d.decision FROM screening_decision d "
            "JOIN entity e ON e.id = d.entity_id")}
        for key, decision in self.decisions.items():
            if ("decision", key) in self.in_flight or ("entity", key[0]) in self.in_flight:
                continue  # the edit cut short may have been this decision, or a delete of its entity (cascade)
            if self.objects.get(("entity", key[0]), (True, None))[0] and decided.get(key) != decision:
                lost.append(f"decision on {key[0][:8]} / {key[2]}: expected {decision!r}, found {decided.get(key)!r}")
        lost += self._compare_judgements_and_searches(conn)
        self._settle(found, decided)
        return lost

    def _current_judgements(self, conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
        return {(a, b): verdict for a, b, verdict in conn.execute(
            "SELECT a.uuid, b.uuid, j.verdict FROM claim_judgement j JOIN claim a ON a.id = j.claim_a "
            "JOIN claim b ON b.id = j.claim_b WHERE j.topic = 'conflict'")}

    def _compare_judgements_and_searches(self, conn: sqlite3.Connection) -> list[str]:
        lost = []
        judged = self._current_judgements(conn)
        claims_in_flight = {key for kind, key in self.in_flight if kind == "claim"}
        for pair, verdict in self.judgements.items():
            if ("judgement", pair) in self.in_flight or claims_in_flight & set(pair):
                continue
            if judged.get(pair) != verdict:
                lost.append(f"judgement of {pair[0][:8]} / {pair[1][:8]}: expected {verdict!r}, found {judged.get(pair)!r}")
        saved = dict(conn.execute("SELECT name, query FROM saved_search"))
        for name, query in self.saved.items():
            if ("saved", name) not in self.in_flight and saved.get(name) != query:
                lost.append(f"saved search {name!r}: expected {query!r}, found {saved.get(name)!r}")
        self._settle_judgements(judged, saved, claims_in_flight)
        return lost

    def _settle_judgements(self, judged: dict, saved: dict, claims_in_flight: set[str]) -> None:
        """What the edit in flight at the kill may have changed is taken as the file holds it."""
        for pair in [p for p in self.judgements if ("judgement", p) in self.in_flight or claims_in_flight & set(p)]:
            self.judgements[pair] = judged.get(pair)
        for pair, verdict in judged.items():
            if ("judgement", pair) in self.in_flight or claims_in_flight & set(pair):
                self.judgements[pair] = verdict
        for kind, name in self.in_flight:
            if kind == "saved":
                self.saved[name] = saved.get(name)

    def _settle(self, found: dict, decided: dict) -> None:
        """The edit in flight at the kill may or may not have committed: adopt what the file holds for it."""
        for kind, key in self.in_flight:
            if kind == "decision":
                self.decisions[key] = decided.get(key)
                continue
            if kind in ("judgement", "saved"):
                continue  # settled by _settle_judgements
            if kind == "entity":  # its decisions go with it when it is deleted
                for decision_key in [k for k in self.decisions if k[0] == key]:
                    self.decisions[decision_key] = decided.get(decision_key)
            rows = found[kind]
            self.objects[(kind, key)] = (key in rows, rows.get(key))
        self.in_flight.clear()


def _seed_project(path: Path, inputs: Path) -> None:
    inputs.mkdir(parents=True, exist_ok=True)
    with create_project(path, "Torture") as project:
        from ..services.ingest import ImportOptions, import_files

        first = inputs / "seed.txt"
        first.write_text("Export controls on advanced chips took effect in October 2022. Russian buyers turned to "
                         "intermediaries in third countries, and prices of accelerators rose sharply.\n" * 3,
                         encoding="utf-8")
        import_files(project, [first], options=ImportOptions(isolate=False))


def _start_writer(project: Path, inputs: Path, seed: int) -> tuple[int, int]:
    """Fork a writer (this process has the program imported already, so it starts at once); (pid, read end)."""
    from . import _torture_writer

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer
        os.close(read_fd)
        _torture_writer.run_forked(project, inputs, seed, write_fd)
    os.close(write_fd)
    os.set_blocking(read_fd, False)
    return pid, read_fd


def _read_available(fd: int) -> bytes:
    try:
        return os.read(fd, 1 << 16)
    except BlockingIOError:
        return b""


def _run_life(project: Path, inputs: Path, seed: int, rng: random.Random, expected: Expected,
              result: TortureResult, max_life: float) -> None:
    """One writer from start to SIGKILL; every report read before the kill is applied to ``expected``."""
    pid, fd = _start_writer(project, inputs, seed)
    buffer, ready_at = b"", None
    deadline = time.monotonic() + 60  # start-up allowance on a loaded machine
    while time.monotonic() < deadline:
        chunk = _read_available(fd)
        buffer += chunk
        if ready_at is None and b"\n" in buffer:
            ready_at = time.monotonic()
            deadline = ready_at + rng.uniform(0.0, max_life)
        if not chunk:
            time.sleep(0.001)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.set_blocking(fd, True)
    while chunk := os.read(fd, 1 << 16):  # what the writer sent before it died
        buffer += chunk
    os.close(fd)
    for line in buffer.split(b"\n")[:-1]:  # a last line without its newline was never acknowledged
        report = json.loads(line)
        if report["t"] == "ready":
            continue
        if report["t"] == "error":
            result.writer_errors.append(report["message"])
            continue
        report["life"] = result.kills + 1
        expected.apply(report)
        if report["t"] == "intent":
            continue
        result.edits_acknowledged += 1
        result.edits_by_kind[report.get("op", report["t"])] += 1


def _verify(project: Path, expected: Expected, result: TortureResult, kill: int) -> None:
    conn = sqlite3.connect(f"{project.resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
    finally:
        conn.close()
    try:
        problems += check_project(project)
    except Exception as exc:  # noqa: BLE001 - any refusal is a finding, recorded and reported
        problems.append(f"check refused: {exc}")
    result.integrity_errors += [f"kill {kill}: {p}" for p in problems]
    try:
        open_project(project).close()
    except Exception as exc:  # noqa: BLE001
        result.reopen_refusals.append(f"kill {kill}: {exc}")
    result.lost_edits += [f"kill {kill}: {lost}" for lost in expected.missing_in(project)]


def torture(kills: int, seed: int = 1, workdir: Path | None = None, max_life: float = 0.6,
            progress=None) -> TortureResult:
    rng = random.Random(seed)
    result = TortureResult()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="wb-torture-", dir=workdir) as tmp:
        project, inputs = Path(tmp) / "torture.wbproj", Path(tmp) / "inputs"
        _seed_project(project, inputs)
        expected = Expected()
        for kill in range(1, kills + 1):
            _run_life(project, inputs, rng.randrange(2**31), rng, expected, result, max_life)
            result.kills = kill
            _verify(project, expected, result, kill)
            if progress:
                progress(kill, result)
        result.project_bytes = project.stat().st_size
    result.seconds = time.monotonic() - started
    return result


def report_markdown(result: TortureResult, kills: int, seed: int) -> str:
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(result.edits_by_kind.items()))
    lines = [
        "# Crash torture: last full run", "",
        f"`python -m workbench.bench torture --kills {kills} --seed {seed}` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
        "| Figure | Result | Target |", "|---|---|---|",
        f"| SIGKILLs of the writer | {result.kills} | {kills} |",
        f"| Edits acknowledged (committed and reported) | {result.edits_acknowledged} | - |",
        f"| Integrity errors (integrity_check + `check`) | {len(result.integrity_errors)} | 0 |",
        f"| Acknowledged edits lost | {len(result.lost_edits)} | 0 |",
        f"| Refusals to reopen for editing | {len(result.reopen_refusals)} | 0 |",
        f"| Writer errors (an edit failing other than by a clean refusal) | {len(result.writer_errors)} | 0 |",
        f"| Wall time | {result.seconds:.0f} s | - |",
        f"| Project size at the end | {result.project_bytes / 2**20:.1f} MB | - |", "",
        f"Acknowledged edits by kind: {kinds}.", "",
    ]
    for title, items in (("Integrity errors", result.integrity_errors), ("Lost edits", result.lost_edits),
                         ("Reopen refusals", result.reopen_refusals), ("Writer errors", result.writer_errors)):
        if items:
            lines += [f"## {title}", "", *[f"- {item}" for item in items[:50]], ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench torture")
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-life", type=float, default=0.6, help="longest a writer lives after it is ready (s)")
    parser.add_argument("--report", type=Path, help="write the results as Markdown here (e.g. benchmarks/TORTURE.md)")
    args = parser.parse_args(argv)

    def progress(kill: int, result: TortureResult) -> None:
        if kill % 25 == 0 or kill == args.kills:
            print(f"[{kill}/{args.kills}] {result.edits_acknowledged} edits acknowledged, "
                  f"{len(result.integrity_errors)} integrity errors, {len(result.lost_edits)} lost, "
                  f"{len(result.reopen_refusals)} reopen refusals", flush=True)

    result = torture(args.kills, args.seed, max_life=args.max_life, progress=progress)
    text = report_markdown(result, args.kills, args.seed)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    print(text)
    return 0 if result.ok else 1
