"""Corroboration, contradictions and confidence over a project of 20,000 claims: ``python -m workbench.bench
intelligence [CLAIMS]``.

The generated project looks like a year of reading: about 1,000 sources of 20 claims, a tenth
of them reprints of another source (copied articles), 300 companies and agencies and the
reference countries as entities. Claims are drawn from a pool of facts, each told by one to
four sources in English or Russian wording: figures (money with scale words, percentages,
counts) with the year, dated events, membership statements about BRICS, and plain
statements. Five percent of retellings get the figure or the date wrong (planted
disagreements). Timed: the whole analysis from the project file (``Analyser.analyse``),
cold (every source text read and sketched) and warm (the desktop program's case after an
edit: sketches kept), against the bare SQL read of the same rows. Also printed: how many of
the planted agreements ended up in one group, and how many planted disagreements were found.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..core.anchoring import anchor_at
from ..core.model import ClaimDraft, ClaimKind, Grading, Quantity, SourceMeta
from ..services.intelligence.analysis import Analyser
from ..services.project import create_project, open_project
from ..storage.judgements import read_claim_facts
from . import best_of, machine_line, write_results
from .gui import make_text

TARGET_SECONDS = 5.0
CLAIMS_PER_SOURCE = 20
_COUNTRIES = ["Indonesia", "Egypt", "Ethiopia", "Iran", "Malaysia", "Thailand", "Nigeria", "Kazakhstan"]
_RU_COUNTRIES = {"Indonesia": "Индонезия", "Egypt": "Египет", "Ethiopia": "Эфиопия", "Iran": "Иран",
                 "Malaysia": "Малайзия", "Thailand": "Таиланд", "Nigeria": "Нигерия", "Kazakhstan": "Казахстан"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_RU_MONTHS = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре",
              "ноябре", "декабре"]
_JOINED = {"Indonesia": (2025, 2), "Egypt": (2024, 1), "Ethiopia": (2024, 1), "Iran": (2024, 1)}  # first whole month
_MEASURES = ["revenue", "capital spending", "chip imports", "export earnings", "research budget", "net profit",
             "defence procurement", "foreign investment"]


@dataclass(frozen=True)
class Fact:
    number: int
    kind: str  # figure, event, membership, plain
    entity: str
    other: str
    value: float
    unit: str
    year: int
    month: int
    measure: str


def _fact(rng: random.Random, number: int, entities: list[str]) -> Fact:
    kind = rng.choices(["figure", "event", "membership", "plain"], [0.45, 0.2, 0.05, 0.3])[0]
    entity, other = rng.sample(entities, 2)
    if kind == "membership":
        entity = rng.choice(_COUNTRIES)
    value = round(rng.uniform(1, 999), 1)
    unit = rng.choice(["billion rubles", "million USD", "%", "companies", "trillion rubles"])
    return Fact(number, kind, entity, other, value, unit, rng.randint(2015, 2026), rng.randint(1, 12),
                rng.choice(_MEASURES))


def _telling(rng: random.Random, fact: Fact, russian: bool, wrong: bool) -> tuple[str, ClaimKind, tuple, tuple]:
    """(sentence, kind, quantities, entities) of one source's retelling of a fact (the last two stored with the
    claim, as an analyst would record them)."""
    value = round(fact.value * rng.choice([0.7, 1.3]), 1) if wrong and fact.kind == "figure" else fact.value
    month = (fact.month % 12) + 1 if wrong and fact.kind == "event" else fact.month
    tag = f"F{fact.number}"  # keeps the plain statements of different facts apart, as their real wording would
    if fact.kind == "figure":
        unit = fact.unit
        if russian:
            unit = {"billion rubles": "млрд рублей", "trillion rubles": "трлн рублей", "million USD": "млн долларов",
                    "companies": "компаний", "%": "%"}[fact.unit]
            text = f"{fact.entity}: показатель {tag} ({fact.measure}) в {fact.year} году составил {value} {unit}."
        else:
            text = f"{fact.entity} reported {fact.measure} {tag} of {value} {unit} in {fact.year}, filings show."
        return text, ClaimKind.STATISTIC, (Quantity(value, unit, fact.year),), (fact.entity,)
    if fact.kind == "event":
        text = (f"{fact.entity} signed agreement {tag} with {fact.other} on 12 "
                f"{_MONTHS[month - 1]} {fact.year}, the company said.")
        return text, ClaimKind.EVENT, (), (fact.entity, fact.other)
    if fact.kind == "membership":  # right at the date it speaks of, unless told wrong
        joined = _JOINED.get(fact.entity)
        member = (joined is not None and (fact.year, fact.month) >= joined) != wrong
        name = _RU_COUNTRIES[fact.entity] if russian else fact.entity
        if russian:
            text = (f"В {_RU_MONTHS[fact.month - 1]} {fact.year} года {name} {'является членом' if member else 'не является членом'} "
                    f"БРИКС ({tag}).")
        else:
            text = (f"As of {_MONTHS[fact.month - 1]} {fact.year}, "
                    f"{'BRICS has expanded to include' if member else 'BRICS met with non-members like'} {name} ({tag}).")
        return text, ClaimKind.FACT, (), (fact.entity, "BRICS")
    text = f"{fact.entity} opened a new plant {tag} for {fact.other} components near the border, officials said."
    return text, ClaimKind.FACT, (), (fact.entity, fact.other)


def build(path: Path, claims: int, seed: int = 11) -> tuple[dict[str, int], dict[int, tuple[int, bool]]]:
    """Write the project; returns the planted counts and each claim's (fact number, told wrong)."""
    rng = random.Random(seed)
    entities = [f"Company {i}" for i in range(300)] + _COUNTRIES
    sources = max(1, claims // CLAIMS_PER_SOURCE)
    facts = [_fact(rng, n, entities) for n in range(int(claims / 2.2))]
    planted = {"retold facts": 0, "wrong retellings": 0}
    told: dict[int, int] = {}
    texts: list[tuple[str, list]] = []
    for number in range(sources):
        if texts and rng.random() < 0.1:  # a reprint of an earlier source, with its own headline
            original, sentences = rng.choice(texts)
            texts.append((f"Reprint {number}\n\n" + original.split("\n\n", 1)[1] + "\nRepublished with permission.",
                          sentences))
            continue
        russian = rng.random() < 0.3
        sentences = []
        for _ in range(CLAIMS_PER_SOURCE):
            fact = rng.choice(facts)
            wrong = fact.kind != "plain" and told.get(fact.number, 0) > 0 and rng.random() < 0.05
            planted["wrong retellings"] += wrong
            told[fact.number] = told.get(fact.number, 0) + 1
            sentences.append((*_telling(rng, fact, russian, wrong), fact.number, wrong))
        body = " ".join(s[0] + " " + make_text(rng, rng.randint(60, 200)) for s in sentences)
        texts.append((f"Source {number}\n\n{body}\n", sentences))
    planted["retold facts"] = sum(1 for count in told.values() if count > 1)
    truth: dict[int, tuple[int, bool]] = {}
    with create_project(path, "Intelligence benchmark") as project:
        for first in range(0, len(texts), 250):
            with project.db.transaction():
                for number in range(first, min(first + 250, len(texts))):
                    text, sentences = texts[number]
                    source = project.sources.add(
                        SourceMeta(text.split("\n", 1)[0], published=f"{rng.randint(2015, 2026)}-0{rng.randint(1, 9)}"),
                        text, text.encode(), "text/plain", reliability=rng.choice("ABCDF"))
                    at = 0
                    for sentence, kind, quantities, names, fact_number, wrong in sentences:
                        start = text.index(sentence, at)
                        at = start + len(sentence)
                        draft = ClaimDraft(kind=kind, quantities=quantities, entities=names,
                                           grading=Grading(None, rng.choice([1, 2, 3, 6])))
                        claim = project.claims.add(source.id, anchor_at(text, start, at), draft)
                        truth[claim.id] = (fact_number, wrong)
    return planted, truth


def planted_found(analysis, truth: dict[int, tuple[int, bool]]) -> tuple[float, float, float]:
    """(share of facts told right by two or more origins whose right tellings share one group, share of
    wrong tellings found in a conflict, share of conflicts that involve a wrong telling)."""
    group_of = {claim_id: group[0] for group in analysis.groups for claim_id in group}
    tellings: dict[int, list[int]] = {}
    for claim_id, (fact, wrong) in truth.items():
        if not wrong:
            tellings.setdefault(fact, []).append(claim_id)
    origin = analysis.origins.origin
    retold = [ids for ids in tellings.values()
              if len({origin(analysis.claims[c].source_id) for c in ids}) > 1]
    together = sum(1 for ids in retold if len({group_of.get(c, -c) for c in ids}) == 1)
    in_conflict = {c for judged in analysis.conflicts for c in judged.conflict.pair}
    wrong = [c for c, (_, bad) in truth.items() if bad]
    found = sum(1 for c in wrong if c in in_conflict)
    real = [judged for judged in analysis.conflicts if not judged.conflict.apparent]
    with_wrong = sum(1 for judged in real if any(truth[c][1] for c in judged.conflict.pair))
    return (together / len(retold) if retold else 1.0, found / len(wrong) if wrong else 1.0,
            with_wrong / len(real) if real else 1.0)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench intelligence")
    parser.add_argument("claims", nargs="?", type=int, default=20000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "intelligence.wbproj"
        started = time.perf_counter()
        planted, truth = build(path, args.claims)
        built = time.perf_counter() - started
        print(f"built {args.claims:,} claims in {built:.0f} s; planted {planted}", flush=True)
        with open_project(path, writable=False) as project:
            count = project.claims.count()
            bare = best_of(lambda: read_claim_facts(project.db.conn))
            analyser = Analyser()
            started, cpu = time.perf_counter(), time.process_time()
            analysis = analyser.analyse(project)
            cold, cold_cpu = time.perf_counter() - started, time.process_time() - cpu
            warm = best_of(lambda: analyser.analyse(project))
    statuses: dict[str, int] = {}
    for standing in analysis.standings.values():
        statuses[standing.status] = statuses.get(standing.status, 0) + 1
    kinds: dict[str, int] = {}
    for judged in analysis.conflicts:
        kinds[judged.conflict.kind] = kinds.get(judged.conflict.kind, 0) + 1
    copies = sum(1 for s, o in analysis.origins.origin_of.items() if s != o)
    grouped, wrong_found, conflicts_real = planted_found(analysis, truth)
    lines = [
        "# Claim intelligence benchmark (issue 11)", "", machine_line(), "",
        f"`python -m workbench.bench intelligence {args.claims}`: {count:,} claims in "
        f"{len(analysis.facts.sources):,} sources (about a tenth reprints of another source), built in "
        f"{built:.0f} s. Target: corroboration and contradictions under {TARGET_SECONDS:.0f} s.", "",
        f"Wall time depends on what else the shared machine runs (load average {os.getloadavg()[0]:.1f} when "
        "measured); CPU time is given beside the cold figure. Warm is the best of three.", "",
        "| figure | seconds | target | ratio |", "|---|---|---|---|",
        f"| analysis, cold (every text read and sketched) | {cold:.2f} (CPU {cold_cpu:.2f}) | {TARGET_SECONDS:.0f} | "
        f"{cold / TARGET_SECONDS:.2f} |",
        f"| analysis, warm (sketches kept, as after an edit) | {warm:.2f} | {TARGET_SECONDS:.0f} | "
        f"{warm / TARGET_SECONDS:.2f} |",
        f"| bare read of the claim rows (floor) | {bare:.2f} | - | analysis warm / bare {warm / bare:.1f}x |", "",
        f"Found: {len(analysis.groups):,} corroboration groups; standings {statuses}; conflicts {kinds}; "
        f"{copies:,} sources recognised as copies of another.", "",
        f"Planted: {planted['retold facts']:,} facts told by more than one source, "
        f"{planted['wrong retellings']:,} retellings with a wrong figure, date or membership. "
        f"Facts told right by two or more origins whose right tellings are in one group: {grouped:.1%}; "
        f"wrong retellings found in a conflict: {wrong_found:.1%}; conflicts not explained by dates (all but "
        f"membership statements each right at its date) that involve a wrong retelling: {conflicts_real:.1%}.",
    ]
    print("\n".join(lines))
    write_results("intelligence", "\n".join(lines))
    return 0


