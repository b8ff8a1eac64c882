"""Name-screening quality on the labelled evaluation set, beside nomenklatura's logic-v2 where installed.

``python -m workbench.bench screening``. The set is ``tests/data/screening_eval/``: ``entries.csv``
(listed parties from public OFAC, CSL and FtM data, written out, and 60 namesake distractors) and
``pairs.csv`` (a query, its kind, a listed entry's id, whether they are the same party, and a note
for each label that is not obvious). The entries are imported as an FtM list; every query is
screened through the program's own blocking index and matcher (so a listed party that blocking
never offers scores 0), and a pair counts as found when its entry is a candidate at STRONG
(>= 88) or at "possible" (>= 60, the default minimum). nomenklatura (not a run-time dependency:
``pip install .[compare]``) scores the same pairs with logic-v2 at its 0.70 threshold; its per-query
time is measured on the same pairs and compared with ours.
"""

from __future__ import annotations

import csv
import json
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import machine_line, write_results

EVAL_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "screening_eval"
_FTM_SCHEMA = {"person": "Person", "company": "Company", "vessel": "Vessel"}
NOMENKLATURA_THRESHOLD = 0.70


@dataclass(frozen=True)
class Pair:
    query: str
    kind: str
    entry: str
    label: bool
    note: str


def load_set() -> tuple[list[dict], list[Pair]]:
    with (EVAL_DIR / "entries.csv").open(encoding="utf-8") as fh:
        entries = [{"id": r["id"], "schema": r["schema"], "names": r["names"].split("|")} for r in csv.DictReader(fh)]
    with (EVAL_DIR / "pairs.csv").open(encoding="utf-8") as fh:
        pairs = [Pair(r["query"], r["kind"], r["entry"], r["label"] == "1", r["note"]) for r in csv.DictReader(fh)]
    return entries, pairs


def _write_ftm(entries: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(json.dumps({"id": e["id"], "schema": e["schema"], "caption": e["names"][0],
                                 "properties": {"name": e["names"][:1], "alias": e["names"][1:]}},
                                ensure_ascii=False) + "\n")


def our_scores(entries: list[dict], pairs: list[Pair]) -> tuple[dict[int, float], float, float]:
    """pair index -> our score for its entry (0 when not a candidate); wall and CPU seconds per query."""
    from ..core.model import EntityKind
    from ..services.project import create_project
    from ..services.screening.lists import import_list
    from ..services.screening.names_file import NameQuery, screen_names

    kinds = {"person": EntityKind.PERSON, "company": EntityKind.COMPANY, "vessel": EntityKind.OTHER}
    queries = list(dict.fromkeys((p.query, p.kind) for p in pairs))
    with tempfile.TemporaryDirectory() as folder:
        list_file = Path(folder) / "eval.ftm.json"
        _write_ftm(entries, list_file)
        with create_project(Path(folder) / "eval.wbproj") as project:
            import_list(project, [list_file], "ftm", name="Evaluation list")
            wall, cpu = time.perf_counter(), time.process_time()
            hits = screen_names(project, [NameQuery(q, kinds[k]) for q, k in queries])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    best: dict[tuple[str, str], float] = {}
    for hit in hits:
        key = (hit.query, hit.entry)
        best[key] = max(best.get(key, 0.0), hit.score)
    scores = {i: best.get((p.query, p.entry), 0.0) for i, p in enumerate(pairs)}
    return scores, wall / len(queries), cpu / len(queries)


def nomenklatura_scores(entries: list[dict], pairs: list[Pair]) -> tuple[dict[int, float], float, float] | None:
    """logic-v2's score (0-100) for every pair, pairwise (no blocking), or None where not installed."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
    except ImportError:
        return None
    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        return None
    config = algorithm.default_config()
    by_id = {}
    for e in entries:
        proxy = model.make_entity(e["schema"])
        proxy.id = e["id"]
        proxy.add("name", e["names"][:1])
        proxy.add("alias", e["names"][1:])
        by_id[e["id"]] = proxy
    scores = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for i, p in enumerate(pairs):
        query = model.make_entity(_FTM_SCHEMA.get(p.kind, "LegalEntity"))
        query.id = f"q{i}"
        query.add("name", p.query)
        result = by_id[p.entry]
        if not query.schema.can_match(result.schema):
            query = model.make_entity("LegalEntity")
            query.id = f"q{i}"
            query.add("name", p.query)
        scores[i] = 100.0 * algorithm.compare(query, result, config).score
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return scores, wall / len(pairs), cpu / len(pairs)


def figures(pairs: list[Pair], scores: dict[int, float], threshold: float) -> dict:
    found = [i for i, s in scores.items() if s >= threshold]
    true_found = sum(pairs[i].label for i in found)
    positives = sum(p.label for p in pairs)
    recall = true_found / positives if positives else 0.0
    precision = true_found / len(found) if found else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    misses = [i for i, p in enumerate(pairs) if p.label and scores[i] < threshold]
    false = [i for i in found if not pairs[i].label]
    return {"recall": recall, "precision": precision, "f1": f1, "misses": misses, "false": false}


def _row(name: str, f: dict) -> str:
    return f"| {name} | {f['recall']:.1%} | {f['precision']:.1%} | {f['f1']:.3f} | {len(f['misses'])} | {len(f['false'])} |"


def _listing(title: str, indices: list[int], pairs: list[Pair], scores: dict[int, float]) -> str:
    if not indices:
        return f"{title}: none\n"
    lines = [f"  - {pairs[i].query} ~ {pairs[i].entry} ({scores[i]:.1f})"
             + (f": {pairs[i].note}" if pairs[i].note else "") for i in indices]
    return f"{title}:\n\n" + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    entries, pairs = load_set()
    ours, our_wall, our_cpu = our_scores(entries, pairs)
    strong, possible = figures(pairs, ours, 88.0), figures(pairs, ours, 60.0)
    positives = sum(p.label for p in pairs)
    table = ["| matcher | recall | precision | F1 | misses | false alarms |", "|---|---|---|---|---|---|",
             _row("ours, STRONG (>= 88)", strong), _row("ours, possible (>= 60)", possible)]
    other = nomenklatura_scores(entries, pairs)
    if other is not None:
        theirs, their_wall, their_cpu = other
        logic_v2 = figures(pairs, theirs, NOMENKLATURA_THRESHOLD * 100)
        table.append(_row("nomenklatura logic-v2 @0.70", logic_v2))
    speed = (f"time per query: ours {our_wall * 1000:.2f} ms wall, {our_cpu * 1000:.2f} ms CPU (blocking, every name "
             f"of every candidate, {len(entries)} listed entries)")
    if other is not None:
        speed += (f"; logic-v2 {their_wall * 1000:.2f} ms wall, {their_cpu * 1000:.2f} ms CPU for one pairwise "
                  f"comparison (no blocking); CPU ratio {their_cpu / our_cpu:.1f}x")
    head = (f"{len(pairs)} labelled pairs ({positives} same party, {len(pairs) - positives} look-alikes) over "
            f"{len(entries)} listed entries")
    print(head)
    print("\n".join(table))
    print(speed)
    body = ["# Name-screening quality", "", machine_line(), "", head + " (tests/data/screening_eval/).", "",
            *table, "", speed, "", _listing("Missed at STRONG", strong["misses"], pairs, ours),
            _listing("False alarms at STRONG", strong["false"], pairs, ours),
            _listing("Missed at possible", possible["misses"], pairs, ours),
            _listing("False alarms at possible", possible["false"], pairs, ours)]
    if other is not None:
        body += [_listing("logic-v2 misses @0.70", logic_v2["misses"], pairs, theirs),
                 _listing("logic-v2 false alarms @0.70", logic_v2["false"], pairs, theirs)]
    else:
        body.append("nomenklatura is not installed here (pip install .[compare]), so logic-v2 was not measured.")
    write_results("screening", "\n".join(body))
    return 0
