"""Suggested claims on a labelled set: recall and precision of spans, values and entities, and the speed.

``python -m workbench.bench suggest [--data DIR] [--show]``

Each ``*.txt`` file of ``tests/data/suggest_eval`` is a text written for this project with
every claim an analyst would mark wrapped as ``⟦sentence⟧⟨k=KIND; q=VALUE UNIT [YEAR], …;
e=NAME, …⟩`` (see the README there); ``entities.json`` holds the project's own entities.
A suggested span is right only when it is exactly the labelled one. A value is right when
the number and its class (the currency, %, or a count) match one labelled in that claim;
an entity when its name matches. Suggestions at no labelled span count all their values
and entities as wrong; labelled claims not suggested count all theirs as missed.

The speed is measured on a 300,000-character source (the labelled texts repeated) in a
project, as the desktop program and ``workbench suggest`` ask for it.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..core.model import Entity, EntityKind, SourceMeta
from ..services.intelligence.actors import ActorIndex, build_index
from ..services.intelligence.review import footnote_context, suggestions_for_source
from ..services.intelligence.suggest import Suggestion, suggest_in_text
from ..services.project import create_project
from . import machine_line, write_results

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "suggest_eval"
_CLAIM = re.compile(r"⟦(.*?)⟧⟨(.*?)⟩", re.DOTALL)
TIMED_LENGTH = 300_000


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    kind: str
    values: tuple[tuple[float, str, int | None], ...]  # value, class (ISO code, "%" or "count"), year
    entities: frozenset[str]


@dataclass(frozen=True, slots=True)
class Labelled:
    name: str
    language: str
    text: str
    claims: tuple[Gold, ...]


def read_labelled(path: Path) -> Labelled:
    """The text with the marks taken out, and each labelled claim at its exact span."""
    marked = path.read_text(encoding="utf-8")
    parts, claims, position, length = [], [], 0, 0
    for found in _CLAIM.finditer(marked):
        before = marked[position:found.start()]
        parts.append(before)
        length += len(before)
        quote = found.group(1)
        claims.append(_gold(length, length + len(quote), found.group(2), path.name))
        parts.append(quote)
        length += len(quote)
        position = found.end()
    parts.append(marked[position:])
    text = "".join(parts)
    if "⟦" in text or "⟨" in text:
        raise ValueError(f"{path.name}: an unclosed claim mark")
    language = "ru" if re.search(r"-ru\.txt$", path.name) else "en"
    return Labelled(path.stem, language, text, tuple(claims))


def _gold(start: int, end: int, note: str, name: str) -> Gold:
    fields = dict((key.strip(), value.strip()) for key, _, value in
                  (item.partition("=") for item in note.split(";") if item.strip()))
    values = []
    for item in filter(None, (v.strip() for v in fields.get("q", "").split(","))):
        words = item.split()
        year = int(words[-1]) if len(words) > 2 and re.fullmatch(r"\d{4}", words[-1]) else None
        values.append((float(words[0]), _class(words[1] if len(words) > 1 else "-"), year))
    entities = frozenset(filter(None, (e.strip() for e in fields.get("e", "").split(","))))
    if "k" not in fields:
        raise ValueError(f"{name}: a claim without a kind at {start}")
    return Gold(start, end, fields["k"], tuple(values), entities)


def _class(unit: str) -> str:
    return unit if unit in ("%", "pp") or re.fullmatch(r"[A-Z]{3}", unit) else "count"


def _predicted_values(suggestion: Suggestion) -> list[tuple[float, str, int | None]]:
    return [(q.value, q.currency or (q.unit if q.unit in ("%", "pp") else "count"), q.year)
            for q in suggestion.quantities]


def project_index(data: Path) -> ActorIndex:
    """The actors an analyst's project would know: entities.json beside the reference data."""
    listed = json.loads((data / "entities.json").read_text(encoding="utf-8"))["entities"]
    return build_index(Entity(n, "", e["name"], EntityKind(e["kind"]), e.get("country", ""),
                              tuple(e.get("aliases", ())), "") for n, e in enumerate(listed, 1))


def suggest_labelled(item: Labelled, index: ActorIndex) -> list[Suggestion]:
    return suggest_in_text(item.text, index, 0, item.language, *footnote_context(item.text))


@dataclass
class Tally:
    right: int = 0
    predicted: int = 0
    labelled: int = 0

    def add(self, right: int, predicted: int, labelled: int) -> None:
        self.right += right
        self.predicted += predicted
        self.labelled += labelled

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0

    def row(self, name: str) -> str:
        return (f"| {name} | {self.recall:.3f} | {self.precision:.3f} | {self.right} | {self.predicted} | "
                f"{self.labelled} |")


@dataclass
class Scores:
    spans: Tally
    quantity_spans: Tally
    values: Tally
    entities: Tally
    years_right: int = 0
    years_labelled: int = 0
    kinds_right: int = 0
    kinds_compared: int = 0
    inexact: int = 0
    figures_at_labelled_spans: int = 0  # suggestions with figures whose span is a labelled claim

    @property
    def quantity_precision(self) -> float:
        predicted = self.quantity_spans.predicted
        return self.figures_at_labelled_spans / predicted if predicted else 1.0


def _overlap(a: Counter, b: Counter) -> int:
    return sum((a & b).values())


def _value_keys(values) -> Counter:
    return Counter((float(f"{value:.6g}"), kind) for value, kind, _ in values)


def score(items: list[Labelled], index: ActorIndex, mistakes: list[str]) -> Scores:
    scores = Scores(Tally(), Tally(), Tally(), Tally())
    for item in items:
        found = suggest_labelled(item, index)
        scores.inexact += sum(1 for s in found if item.text[s.start:s.end] != s.quote or s.quote != s.quote.strip())
        by_span = {(s.start, s.end): s for s in found}
        gold_spans = {(g.start, g.end): g for g in item.claims}
        scores.spans.add(len(by_span.keys() & gold_spans.keys()), len(by_span), len(gold_spans))
        with_figures = [g for g in item.claims if g.values]
        suggested_figures = [s for s in found if s.quantities]
        scores.quantity_spans.add(0, 0, len(with_figures))
        scores.quantity_spans.right += sum(1 for g in with_figures if (g.start, g.end) in by_span)
        scores.quantity_spans.predicted += len(suggested_figures)
        _count_precision_misses(scores, item, suggested_figures, gold_spans, mistakes)
        for gold in item.claims:
            suggestion = by_span.get((gold.start, gold.end))
            _compare(scores, item, gold, suggestion, mistakes)
        for span, suggestion in by_span.items():
            if span not in gold_spans:
                scores.values.add(0, len(suggestion.quantities), 0)
                scores.entities.add(0, len(suggestion.entities), 0)
                if not suggestion.quantities:
                    mistakes.append(f"{item.name}: not a labelled claim: {suggestion.quote!r}")
    return scores


def _count_precision_misses(scores: Scores, item: Labelled, suggested: list[Suggestion], gold_spans: dict,
                            mistakes: list[str]) -> None:
    for suggestion in suggested:
        if (suggestion.start, suggestion.end) in gold_spans:
            scores.figures_at_labelled_spans += 1
        else:
            mistakes.append(f"{item.name}: figure suggested at no labelled span: {suggestion.quote!r}")


def _compare(scores: Scores, item: Labelled, gold: Gold, suggestion: Suggestion | None, mistakes: list[str]) -> None:
    quote = item.text[gold.start:gold.end]
    if suggestion is None:
        scores.values.add(0, 0, len(gold.values))
        scores.entities.add(0, 0, len(gold.entities))
        mistakes.append(f"{item.name}: missed ({gold.kind}{', with figures' if gold.values else ''}): {quote!r}")
        return
    predicted = _predicted_values(suggestion)
    right = _overlap(_value_keys(gold.values), _value_keys(predicted))
    scores.values.add(right, len(predicted), len(gold.values))
    if right < max(len(predicted), len(gold.values)):
        mistakes.append(f"{item.name}: values {sorted(_value_keys(predicted))} labelled "
                        f"{sorted(_value_keys(gold.values))} in {quote[:70]!r}")
    for value, kind, year in gold.values:
        match = next((p for p in predicted if float(f"{p[0]:.6g}") == float(f"{value:.6g}") and p[1] == kind), None)
        if match is not None and year is not None:
            scores.years_labelled += 1
            scores.years_right += match[2] == year
    names = set(suggestion.entities)
    scores.entities.add(len(names & gold.entities), len(names), len(gold.entities))
    if names != gold.entities:
        mistakes.append(f"{item.name}: entities {sorted(names)} labelled {sorted(gold.entities)} in {quote[:60]!r}")
    scores.kinds_compared += 1
    scores.kinds_right += suggestion.kind.value == gold.kind


def timed_source(items: list[Labelled]) -> str:
    """A source of at least 300,000 characters: the labelled texts one after another, again and again."""
    parts, length = [], 0
    while length < TIMED_LENGTH:
        for item in items:
            body = item.text[:footnote_context(item.text)[1]]
            parts.append(body)
            length += len(body) + 2
    return "\n\n".join(parts)


def time_suggestions(text: str, data: Path, runs: int = 3) -> tuple[float, float, int]:
    """Median seconds for a project's 300,000-character source (index built each time), of the text alone, count."""
    index = project_index(data)
    alone = []
    for _ in range(runs):
        started = time.perf_counter()
        suggest_in_text(text, index)
        alone.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as folder, create_project(Path(folder) / "timing") as project:
        source = project.sources.add(SourceMeta("timing"), text, text.encode("utf-8"), "text/plain")
        whole, count = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            count = len(suggestions_for_source(project, source.id))
            whole.append(time.perf_counter() - started)
    return statistics.median(whole), statistics.median(alone), count


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench suggest")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", action="store_true", help="print every mistake")
    args = parser.parse_args(argv)
    items = [read_labelled(path) for path in sorted(args.data.glob("*.txt"))]
    mistakes: list[str] = []
    s = score(items, project_index(args.data), mistakes)
    quantity_precision = s.quantity_precision
    text = timed_source(items)
    whole, alone, count = time_suggestions(text, args.data)
    claims = sum(len(item.claims) for item in items)
    languages = Counter(item.language for item in items)
    lines = [
        f"{len(items)} texts ({languages['en']} English, {languages['ru']} Russian), {claims} labelled claims, "
        f"{s.quantity_spans.labelled} with figures",
        f"quantity claims: recall {s.quantity_spans.recall:.3f}, precision {quantity_precision:.3f}",
        f"all spans: recall {s.spans.recall:.3f}, precision {s.spans.precision:.3f}",
        f"values: recall {s.values.recall:.3f}, precision {s.values.precision:.3f}; years right "
        f"{s.years_right}/{s.years_labelled}",
        f"entities: recall {s.entities.recall:.3f}, precision {s.entities.precision:.3f}",
        f"kinds right {s.kinds_right}/{s.kinds_compared}; suggested quotes not exactly text[start:end]: {s.inexact}",
        f"{len(text):,}-character source: {whole:.2f} s in a project ({count} suggestions), "
        f"{alone:.2f} s for the text alone (target 2 s)",
    ]
    print("\n".join(lines))
    for line in mistakes if args.show else mistakes[:25]:
        print("  " + line)
    body = _report(lines, s, quantity_precision, mistakes)
    print(f"written to {write_results('suggest', chr(10).join(body))}")
    return 0


def _report(lines: list[str], s: Scores, quantity_precision: float, mistakes: list[str]) -> list[str]:
    quantity_row = (f"| quantity claims (spans) | {s.quantity_spans.recall:.3f} | {quantity_precision:.3f} | "
                    f"{s.quantity_spans.right} | {s.quantity_spans.predicted} | {s.quantity_spans.labelled} |")
    body = ["# Suggested claims", "", machine_line() + ".", "", *[f"- {line}" for line in lines], "",
            "| measure | recall | precision | right | suggested | labelled |", "|---|---|---|---|---|---|",
            quantity_row, s.spans.row("all claims (spans)"), s.values.row("values"), s.entities.row("entities"), "",
            "A span is right only when exact. Quantity-claim recall: labelled claims with figures whose exact span "
            "was suggested; precision: suggestions with figures whose span is a labelled claim. Values and "
            "entities are counted over every labelled claim and every suggestion (a missed claim's values are "
            "missed, a suggestion at no labelled span has only wrong ones).", "",
            "The rules were tuned on texts 01-23, so their figures flatter them. The first run on 01-23, before "
            "any tuning, scored quantity claims recall 0.964 and precision 0.963, values recall 0.898 and "
            "precision 0.937, entities recall 0.662 and precision 0.901, all spans recall 0.821 and precision "
            "0.955. Texts 24-27 were written afterwards as a fresh check and, before any rule was changed for "
            "them, scored quantity claims recall 1.000 and precision 1.000 (29 claims with figures), values "
            "0.971/1.000, entities 0.771/1.000, all spans 0.861/1.000: the better guess for unseen texts is "
            "between the two.", "",
            "What is missed is mostly what the rules do not try: sentences without figures whose claim is a fact "
            "or an undated event; places and organisations that are neither in the reference data nor in the "
            "project nor shaped like an organisation name (Hong Kong, Turkey, Apple, Google, Urals); figures "
            "written as words of comparison (\"sevenfold\", \"вдвое\").", "",
            "Remaining mistakes:" if mistakes else "No mistakes.", ""]
    body += [f"- {m}" for m in mistakes]
    body += ["", "Run: `python -m workbench.bench suggest` (`--show` prints every mistake)."]
    return body
