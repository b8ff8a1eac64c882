"""The query language analysts type into the search box, parsed into a small tree.

    words            sanctions chips          every word, in any of its forms (stemmed)
    =word            =sanctions               exactly this word (folded for case and accents)
    prefix           sanction*                every word that begins so
    phrase           "export controls"        these words, exactly, side by side
    boolean          a AND b, a OR b, NOT a, -a, ( ... )   (juxtaposition is AND)
    proximity        huawei NEAR/5 chips      at most 5 words apart (NEAR alone: 10)
    field filters    tag: entity: kind: in: source: lang: date:2024..2025

Operators are written in capitals, so "and" and "or" stay searchable words. Field
filters narrow the whole query, so they stand at its top level (optionally negated),
never inside OR or parentheses: "tag:x OR y" has no meaning an analyst could rely on.
Every mistake is one line naming what is wrong and where.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...core.errors import InvalidInputError
from ...core.text import contains_cjk, fold_for_search

NEAR_DEFAULT = 10
FIELDS = ("tag", "entity", "kind", "in", "source", "lang", "date")
SCOPES = ("sources", "claims")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # folded
    mode: str = "stem"  # "stem" | "exact" | "prefix"

    @property
    def cjk(self) -> bool:
        return contains_cjk(self.text)


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]  # folded, matched exactly and in order


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: Node


@dataclass(frozen=True, slots=True)
class Near:
    left: Node
    right: Node
    distance: int


@dataclass(frozen=True, slots=True)
class Filter:
    field: str
    value: str
    negated: bool = False


Leaf = Word | Phrase
Node = Word | Phrase | And | Or | Not | Near


@dataclass(frozen=True, slots=True)
class Query:
    """What to find (None when only filters were given) and the filters narrowing it."""

    text: str
    tree: Node | None
    filters: tuple[Filter, ...] = ()

    def leaves(self) -> list[Leaf]:
        return leaves_of(self.tree) if self.tree is not None else []

    @property
    def plain(self) -> bool:
        """Only required words and phrases, no =exact word, no filter: a query the ranked best-hits
        search (storage.search_index) reads the same way."""
        return not self.filters and self.tree is not None and _plain(self.tree)


def _plain(node: Node) -> bool:
    if isinstance(node, Word):
        return node.mode != "exact"
    if isinstance(node, And):
        return all(map(_plain, node.parts))
    return isinstance(node, Phrase)


def leaves_of(node: Node) -> list[Leaf]:
    if isinstance(node, Word | Phrase):
        return [node]
    if isinstance(node, Not):
        return leaves_of(node.part)
    if isinstance(node, Near):
        return leaves_of(node.left) + leaves_of(node.right)
    return [leaf for part in node.parts for leaf in leaves_of(part)]


# -- tokens ---------------------------------------------------------------------

_TOKEN = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<quote>"[^"]*"?)|(?P<bare>[^\s()"]+(?:"[^"]*"?)?))')
_NEAR = re.compile(r"NEAR(?:/(\d+))?")
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.S)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(" ")" "AND" "OR" "NOT" "NEAR" "term" "filter"
    text: str
    at: int  # character position in the query, for error messages
    node: object = None


def _tokens(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(query):
        found = _TOKEN.match(query, pos)
        if found is None or found.end() == pos:
            break
        at = found.start(found.lastgroup or 0)
        pos = found.end()
        if found.group("lp"):
            tokens.append(_Token("(", "(", at))
        elif found.group("rp"):
            tokens.append(_Token(")", ")", at))
        elif found.group("quote") is not None:
            tokens.append(_quoted(found.group("quote"), at))
        else:
            tokens.extend(_bare(found.group("bare"), at))
    return tokens


def _quoted(raw: str, at: int) -> _Token:
    if len(raw) < 2 or not raw.endswith('"'):
        raise InvalidInputError(f"the quote opened at character {at + 1} is not closed")
    words = _folded_words(raw[1:-1])
    if not words:
        raise InvalidInputError(f"the phrase at character {at + 1} has no words")
    return _Token("term", raw, at, Phrase(tuple(words)))


def _bare(raw: str, at: int) -> list[_Token]:
    if raw in ("AND", "OR", "NOT"):
        return [_Token(raw, raw, at)]
    near = _NEAR.fullmatch(raw)
    if near:
        return [_Token("NEAR", raw, at, int(near.group(1)) if near.group(1) else NEAR_DEFAULT)]
    if raw.startswith("-") and len(raw) > 1 and raw[1] not in "-":
        return [_Token("NOT", "-", at), *_bare(raw[1:], at + 1)]
    field = _FIELD.fullmatch(raw)
    if field and not field.group(2).startswith("/"):
        return [_filter_token(field.group(1).lower(), field.group(2), raw, at)]
    return [_Token("term", raw, at, _term(raw, at))]


def _filter_token(name: str, value: str, raw: str, at: int) -> _Token:
    if name not in FIELDS:
        raise InvalidInputError(f"unknown field {name + ':'!r} at character {at + 1}; "
                                f"fields are {', '.join(f + ':' for f in FIELDS)}")
    value = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
    if not value.strip():
        raise InvalidInputError(f"the field {name}: at character {at + 1} needs a value")
    if name == "in" and value.lower() not in SCOPES:
        raise InvalidInputError(f"in: takes {' or '.join(SCOPES)}, not {value!r}")
    if name == "date":
        parse_date_range(value)
    return _Token("filter", raw, at, Filter(name, value.strip()))


def _folded_words(text: str) -> list[str]:
    folded = fold_for_search(unicodedata.normalize("NFC", text))  # as the stored text is NFC
    return re.findall(r"\w+", folded)


def _term(raw: str, at: int) -> Word | Phrase:
    exact = raw.startswith("=")
    body = raw[1:] if exact else raw
    prefix = body.endswith("*") and len(body.rstrip("*")) > 0
    body = body.rstrip("*") if prefix else body
    if "*" in body:
        raise InvalidInputError(f"'*' stands only at the end of a word ({raw!r} at character {at + 1})")
    words = _folded_words(body)
    if not words:
        raise InvalidInputError(f"{raw!r} at character {at + 1} has no letters or digits to search for")
    if len(words) > 1:  # "china-only", "U.S.": the words side by side
        if prefix:
            return Phrase(tuple(words[:-1]) + (words[-1] + "*",))
        return Phrase(tuple(words))
    mode = "prefix" if prefix else "exact" if exact else "stem"
    return Word(words[0], mode)


def parse_date_range(value: str) -> tuple[str, str]:
    """``2024``, ``2024-03``, ``2024..2025``, ``..2023`` or ``2024..`` as inclusive ISO prefixes."""
    low, sep, high = value.partition("..")
    if not sep:
        high = low
    for bound in (low, high):
        if bound and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", bound):
            raise InvalidInputError(f"date: takes years or ISO dates such as 2024..2025 or 2024-03, not {value!r}")
    if not low and not high:
        raise InvalidInputError("date: needs at least one year, as in date:2024..2025")
    return low, high


# -- grammar --------------------------------------------------------------------

class _Parser:
    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expression(self, depth: int) -> Node | Filter:
        parts = [self.conjunction(depth)]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            self._need_operand("OR", token)
            parts.append(self.conjunction(depth))
        return parts[0] if len(parts) == 1 else Or(tuple(_no_filter(p, "OR") for p in parts))

    def conjunction(self, depth: int) -> Node | Filter:
        parts = [self.unary(depth)]
        while (token := self.peek()) is not None and token.kind not in ("OR", ")"):
            if token.kind == "AND":
                self.take()
                self._need_operand("AND", token)
            parts.append(self.unary(depth))
        if len(parts) == 1:
            return parts[0]
        return _AndWithFilters(tuple(parts))  # type: ignore[return-value]

    def unary(self, depth: int) -> Node | Filter:
        token = self.peek()
        if token is not None and token.kind == "NOT":
            self.take()
            self._need_operand("NOT", token)
            inner = self.unary(depth)
            if isinstance(inner, Filter):
                return Filter(inner.field, inner.value, not inner.negated)
            return Not(inner)
        return self.proximity(depth)

    def proximity(self, depth: int) -> Node | Filter:
        left = self.primary(depth)
        while (token := self.peek()) is not None and token.kind == "NEAR":
            self.take()
            self._need_operand(token.text, token)
            right = self.primary(depth)
            for side in (left, right):
                if isinstance(side, Not | Filter | _AndWithFilters):
                    raise InvalidInputError(f"{token.text} at character {token.at + 1} joins words, phrases or "
                                            "groups of them, not NOT or filters")
            left = Near(left, right, int(token.node))  # type: ignore[arg-type, call-overload]
        return left

    def primary(self, depth: int) -> Node | Filter:
        token = self.take()
        if token.kind == "(":
            if self.peek() is not None and self.peek().kind == ")":  # type: ignore[union-attr]
                raise InvalidInputError(f"the parentheses at character {token.at + 1} are empty")
            inner = self.expression(depth + 1)
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise InvalidInputError(f"the parenthesis opened at character {token.at + 1} is not closed")
            self.take()
            return _no_filter(_flatten(inner), "parentheses")
        if token.kind in ("term", "filter"):
            return token.node  # type: ignore[return-value]
        if token.kind == ")":
            raise InvalidInputError(f"the parenthesis at character {token.at + 1} closes nothing")
        raise InvalidInputError(f"{token.text} at character {token.at + 1} needs a word before it")

    def _need_operand(self, name: str, token: _Token) -> None:
        following = self.peek()
        if following is None or following.kind in (")", "AND", "OR"):
            raise InvalidInputError(f"{name} at character {token.at + 1} needs a word after it")


@dataclass(frozen=True, slots=True)
class _AndWithFilters:
    """A conjunction whose filters have not been separated from its words yet."""

    parts: tuple[Node | Filter, ...]


def _flatten(node) -> Node | Filter:
    if isinstance(node, _AndWithFilters):
        return _no_filter(node, "parentheses")
    return node


def _no_filter(node, where: str) -> Node:
    if isinstance(node, Filter):
        raise InvalidInputError(f"the filter {node.field}:{node.value} narrows the whole query; "
                                f"it cannot stand inside {where}")
    if isinstance(node, _AndWithFilters):
        return And(tuple(_no_filter(p, where) for p in node.parts))
    return node


def parse(query: str) -> Query:
    """The query as a tree, or InvalidInputError naming the first mistake."""
    tokens = _tokens(query)
    if not tokens:
        raise InvalidInputError("the search query has no words")
    if tokens[0].kind in ("AND", "OR", "NEAR"):
        raise InvalidInputError(f"{tokens[0].text} at character {tokens[0].at + 1} needs a word before it")
    parser = _Parser(tokens)
    top = parser.expression(0)
    if parser.peek() is not None:
        token = parser.peek()
        raise InvalidInputError(f"the parenthesis at character {token.at + 1} closes nothing")  # type: ignore[union-attr]
    parts = top.parts if isinstance(top, _AndWithFilters) else (top,)
    filters = tuple(p for p in parts if isinstance(p, Filter))
    words = [p for p in parts if not isinstance(p, Filter)]
    tree: Node | None = None
    if words:
        tree = words[0] if len(words) == 1 else And(tuple(words))
    if tree is not None and not any(True for _ in positive_leaves(tree)):
        raise InvalidInputError("the query only says what to leave out; add a word to find")
    if tree is None:
        raise InvalidInputError("the search query has no words, only filters; add a word to find")
    return Query(query, tree, filters)


def positive_leaves(node: Node):
    """The words and phrases a match must or may hold (not those under NOT)."""
    if isinstance(node, Word | Phrase):
        yield node
    elif isinstance(node, Near):
        yield from positive_leaves(node.left)
        yield from positive_leaves(node.right)
    elif isinstance(node, And | Or):
        for part in node.parts:
            yield from positive_leaves(part)
