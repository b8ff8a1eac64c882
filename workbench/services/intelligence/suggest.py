"""Suggested claims: the checkable sentences of a source, each with an exact span, a kind, figures and actors.

A sentence is suggested when it states a figure (money, a percentage, a count), or dates
an event or a plan of a named actor, or states who belongs to what. When a figure and what
it measures are split across two sentences ("…you need to know: 11.2 trillion. That's
how many rubles…"), the suggestion spans both and the figure takes the currency or unit
the second names. The quote is always text[start:end] of the source's normalised text.

Everything is read once over the whole text (figures, dates, actors) and then handed to
the sentences by position, so a 300,000-character source takes well under a second.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ...core.model import ClaimDraft, ClaimKind, Quantity
from ...core.quantities import ParsedDate, ParsedQuantity, currency_named, parse_figures
from .actors import Actor, ActorIndex, new_organisations
from .sentences import Sentence, split_sentences

_FORECAST = re.compile(
    r"\b(?:will|shall|would|is expected|are expected|expects?|expected to|forecasts?|forecasted|projected|"
    r"plans? to|planned|aims? to|targets?|is set to|are set to|could reach|may reach|is likely|are likely|outlook|"
    r"estimates? (?:that|it)|intends? to|going to|predicts?|envisages?)\b"
    r"|(?<![\w])(?:будет|будут|составит|составят|достигнет|достигнут|вырастет|вырастут|увеличится|сократится|"
    r"снизится|планир\w+|ожида\w+|прогноз\w*|намерен\w*|собира\w+|рассчитыва\w+|предполага\w+|может составить|"
    r"превысит|удвоит|получит|направит|выделит|планах)(?![\w])", re.IGNORECASE)
_EVENT = re.compile(
    r"\b(?:signed|joined|join|imposed|announced|added|adopted|launched|took effect|entered into force|became|held|"
    r"met|agreed|approved|designated|sanctioned|banned|introduced|opened|admitted|invited|expanded|published|"
    r"accepted|hosted|declared|blocked|restricted|withdrew|unveiled|completed|started|began|issued|extended|"
    r"created|established|founded|set up|followed|warned|visited|ended|stopped|entered)\b"
    r"|(?<![\w])(?:подписал\w*|вступил\w*|ввел\w*|ввёл\w*|введен\w*|объявил\w*|присоединил\w*|стал\w*|прош[её]л|"
    r"прошла|состоял\w*|принял\w*|одобрил\w*|запустил\w*|открыл\w*|внес\w*|внесл\w*|расширил\w*|опубликовал\w*|"
    r"утвердил\w*|заблокировал\w*|запретил\w*|пригласил\w*|начал\w*|начн[её]т\w*|заверш\w*|создан\w*|"
    r"созда[лн]\w*|учрежд\w*|прекратил\w*|посетил\w*|предупредил\w*|подпис\w*)(?![\w])", re.IGNORECASE)
_MEMBERSHIP = re.compile(
    r"\b(?:members?|membership|partner countr(?:y|ies)|include[sd]?|including|joined|admitted|expanded to)\b"
    r"|(?<![\w])(?:член\w*|участни\w*|вош[её]л|вошли|вошла|включ\w+|партн[её]р\w*|присоедин\w+)(?![\w])",
    re.IGNORECASE)
# The second sentence of a split figure points back at it: "That's how many rubles…", "Столько рублей…".
_POINTS_BACK = re.compile(r"[\"'“«]?(?:That|This|It|Such|These|Those|Это|Столько|Такова|Таков|Именно)\b",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Suggestion:
    source_id: int
    start: int
    end: int
    quote: str
    kind: ClaimKind
    quantities: tuple[ParsedQuantity, ...]
    dates: tuple[ParsedDate, ...]
    actors: tuple[Actor, ...]  # known ones first named, then organisations offered as new entities

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(actor.name for actor in self.actors)

    @property
    def new_entities(self) -> tuple[Actor, ...]:
        return tuple(actor for actor in self.actors if not actor.known)

    def draft(self) -> ClaimDraft:
        """The claim this suggestion proposes, ready to edit or accept."""
        quantities = tuple(Quantity(q.value, q.unit or q.currency, q.year) for q in self.quantities)
        return ClaimDraft(kind=self.kind, quantities=quantities, entities=self.entities)


class _Sorted:
    """Items read from the whole text, in text order, handed out by the span they lie in."""

    def __init__(self, items: Sequence):
        self.items = tuple(items)
        self.starts = [item.start for item in self.items]

    def within(self, span: Sentence) -> tuple:
        first = bisect_left(self.starts, span.start)
        last = bisect_left(self.starts, span.end)
        return tuple(item for item in self.items[first:last] if item.end <= span.end)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What was read from the whole text once."""

    quantities: _Sorted
    dates: _Sorted
    mentions: _Sorted


def suggest_in_text(text: str, index: ActorIndex, source_id: int = 0, language: str = "",
                    notes: Sequence[tuple[int, int]] = (), end_of_body: int | None = None,
                    pace: Callable[[], None] | None = None) -> list[Suggestion]:
    """Every suggested claim of ``text`` in order; ``end_of_body`` excludes a list of notes at the end.
    ``pace`` is called between the passes over the text and every few hundred sentences (a worker thread's
    chance to wait while the window is in use)."""
    pace = pace or _no_pause
    body_end = len(text) if end_of_body is None else end_of_body
    known = index.find(text)
    pace()
    quantities, dates = parse_figures(text, language, notes=notes)
    pace()
    parsed = _Parsed(_Sorted(quantities), _Sorted(dates),
                     _Sorted(sorted(known + new_organisations(text, known), key=lambda mention: mention.start)))
    pace()
    sentences = [sentence for sentence in split_sentences(text) if sentence.end <= body_end]
    found: list[Suggestion] = []
    skip_next = False
    for position, sentence in enumerate(sentences):
        if position % 200 == 0:
            pace()
        if skip_next:
            skip_next = False
            continue
        following = sentences[position + 1] if position + 1 < len(sentences) else None
        span = Sentence(sentence.start, sentence.end)
        quantities = parsed.quantities.within(span)
        if quantities and following is not None and _split_figure(text, quantities, sentence, following):
            span, skip_next = Sentence(sentence.start, following.end), True
            quantities = _named_by(parsed.quantities.within(span), text[following.start:following.end],
                                   parsed.dates.within(following))
        suggestion = _suggestion(text, span, source_id, quantities, parsed)
        if suggestion is not None:
            found.append(suggestion)
    return found


_WORD = re.compile(r"[^\W\d_]+")  # a word of letters (numbers are the dates' own)


def _no_pause() -> None:
    return None


def _split_figure(text: str, quantities: tuple[ParsedQuantity, ...], sentence: Sentence, following: Sentence) -> bool:
    """A bare figure ("11.2 trillion.") whose next sentence, in the same paragraph, says what it counts."""
    if any(q.unit or q.currency for q in quantities):
        return False
    if "\n" in text[sentence.end:following.start]:
        return False
    return bool(_POINTS_BACK.match(text, following.start))


def _named_by(quantities: tuple[ParsedQuantity, ...], second: str,
              dates: tuple[ParsedDate, ...]) -> tuple[ParsedQuantity, ...]:
    """Bare figures take the currency the second sentence names ("That's how many rubles") and its year."""
    currency = currency_named(second)
    year = dates[0].year if dates else None
    return tuple(replace(q, unit=q.unit or currency, currency=q.currency or currency, year=q.year or year)
                 for q in quantities)


def _suggestion(text: str, span: Sentence, source_id: int, quantities: tuple[ParsedQuantity, ...],
                parsed: _Parsed) -> Suggestion | None:
    quote = text[span.start:span.end]
    dates = parsed.dates.within(span)
    if not quantities and _dateline(text, span, dates):
        return None
    mentions = parsed.mentions.within(span)
    kind = _kind(quote, quantities, dates, mentions)
    if kind is None:
        return None
    actors: list[Actor] = []
    for mention in sorted(mentions, key=lambda m: (not m.actor.known, m.start)):
        if mention.actor.name not in {actor.name for actor in actors}:
            actors.append(mention.actor)
    return Suggestion(source_id, span.start, span.end, quote, kind, quantities, dates, tuple(actors))


def _dateline(text: str, span: Sentence, dates: tuple[ParsedDate, ...]) -> bool:
    """A date and a word or two ("Published 2024-12-16.", "Updated: 5 May 2025"): when the text was written,
    not something it claims."""
    if not dates:
        return False
    rest, at = [], span.start
    for date in dates:
        rest.append(text[at:max(at, date.start)])
        at = max(at, date.end)
    rest.append(text[at:span.end])
    return len(_WORD.findall(" ".join(rest))) < 3


def _kind(quote: str, quantities: tuple, dates: tuple[ParsedDate, ...], mentions: tuple) -> ClaimKind | None:
    """Why this sentence is checkable, or None when it is not."""
    future = bool(_FORECAST.search(quote)) or any(date.qualifier == "by" for date in dates)
    if quantities:
        return ClaimKind.FORECAST if future else ClaimKind.STATISTIC
    if not mentions:
        # Without a named actor only a precisely dated happening is checkable ("in October 2024 the
        # leaders created…", "начнётся с 1 сентября 2026 года").
        if any(date.month for date in dates) and _EVENT.search(quote):
            return ClaimKind.FORECAST if future else ClaimKind.EVENT
        return None
    if dates and future:
        return ClaimKind.FORECAST
    if dates and _EVENT.search(quote):
        return ClaimKind.EVENT
    if _MEMBERSHIP.search(quote) and len(mentions) >= 2:
        return ClaimKind.FACT
    return None
