"""W3C Web Annotation (JSON-LD) out and in, and the Hypothesis JSON export in.

Out: one ``AnnotationCollection`` with one annotation per claim: a ``TextQuoteSelector``
(exact, prefix, suffix) and a ``TextPositionSelector`` (code points, as ours), tags as
``tagging`` bodies, the statement as a ``describing`` and the note as a ``commenting``
``TextualBody``; the target's source is the source's URL, or ``urn:uuid:`` of the source
when it has none. Fields the model has no term for use an ``rw:`` prefix.

In: annotations land on the project's existing sources: the target is matched by
``urn:uuid:``, then URL, then title; the quote is re-anchored by position, exact quote with
its context, white space, then fuzzily (``core.reanchor``). Whatever cannot be matched or
placed with confidence is reported with why.
"""

from __future__ import annotations

import json
import re
import uuid as uuid_lib
from pathlib import Path
from typing import Any

from ...core.errors import InvalidInputError
from ...core.model import Quantity, new_uuid
from ...storage.taxonomy import name_key, split_tag_path
from ..project import Project
from .bundle import Bundle, ExClaim, ExEntity, ExSource, ExTag, bundle_from_project, bundle_lookups

MAX_JSON_BYTES = 200 * 2**20
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RW_CONTEXT = {"rw": "urn:research-workbench:terms#"}
_HYPOTHESIS_NAMESPACE = uuid_lib.UUID("0b8f6c1e-1f43-4c55-a3f5-3c4f0f7b9e21")


def _urn(uuid: str) -> str:
    return f"urn:uuid:{uuid}"


def _annotation(claim: ExClaim, source, tag_paths: dict[str, str], entity_names: dict[str, str]) -> dict:
    bodies = []
    if claim.statement:
        bodies.append({"type": "TextualBody", "value": claim.statement, "purpose": "describing",
                       "format": "text/plain"})
    if claim.note:
        bodies.append({"type": "TextualBody", "value": claim.note, "purpose": "commenting", "format": "text/plain"})
    bodies += [{"type": "TextualBody", "value": tag_paths[t], "purpose": "tagging"} for t in claim.tag_uuids]
    target = {"source": source.meta.url or _urn(source.uuid), "rw:sourceId": _urn(source.uuid),
              "rw:title": source.meta.title,
              "selector": [{"type": "TextQuoteSelector", "exact": claim.quote, "prefix": claim.prefix,
                            "suffix": claim.suffix},
                           {"type": "TextPositionSelector", "start": claim.start, "end": claim.end}]}
    annotation: dict[str, Any] = {"id": _urn(claim.uuid), "type": "Annotation", "motivation": "describing",
                  "created": claim.created_at, "modified": claim.modified_at, "target": target,
                  "rw:kind": claim.kind,
                  "rw:quantities": [{"value": q.value, "unit": q.unit, "year": q.year} for q in claim.quantities],
                  "rw:entities": [entity_names[e] for e in claim.entity_uuids if e in entity_names]}
    if bodies:
        annotation["body"] = bodies
    if claim.reliability:
        annotation["rw:reliability"] = claim.reliability
    if claim.credibility:
        annotation["rw:credibility"] = claim.credibility
    return annotation


def w3c_document(project: Project) -> dict:
    bundle = bundle_from_project(project, with_originals=False)
    paths, names = bundle_lookups(bundle)
    sources = {s.uuid: s for s in bundle.sources}
    items = [_annotation(c, sources[c.source_uuid], paths, names) for c in bundle.claims]
    return {"@context": [ANNO_CONTEXT, RW_CONTEXT], "id": _urn(project.db.info("uuid") or new_uuid()),
            "type": "AnnotationCollection", "label": project.title, "total": len(items),
            "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}}


def w3c_bytes(project: Project) -> bytes:
    return json.dumps(w3c_document(project), ensure_ascii=False, indent=1).encode("utf-8")


# -- reading ---------------------------------------------------------------------------


def load_json(path: Path) -> object:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise InvalidInputError(f"{path.name}: refused: larger than {MAX_JSON_BYTES >> 20} MB")
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path.name}: not UTF-8 JSON") from None
    except ValueError as exc:
        raise InvalidInputError(f"{path.name}: not valid JSON ({exc})") from None


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _annotations_in(document, name: str) -> tuple[list[dict], str]:
    """The annotations of a W3C collection, page, list or single annotation, or Hypothesis rows."""
    if isinstance(document, dict) and isinstance(document.get("rows"), list):
        return [r for r in document["rows"] if isinstance(r, dict)], "hypothesis"
    if isinstance(document, list):
        return [a for a in document if isinstance(a, dict)], "w3c"
    if not isinstance(document, dict):
        raise InvalidInputError(f"{name}: neither a W3C Web Annotation document nor a Hypothesis export")
    kinds = {str(k) for k in _as_list(document.get("type"))}
    if "Annotation" in kinds:
        return [document], "w3c"
    items: list[dict] = []
    for page in [document, document.get("first")] if "AnnotationCollection" in kinds else [document]:
        if isinstance(page, dict):
            items += [a for a in _as_list(page.get("items")) if isinstance(a, dict)]
    if not items and not kinds & {"AnnotationCollection", "AnnotationPage"}:
        raise InvalidInputError(f"{name}: neither a W3C Web Annotation document nor a Hypothesis export")
    return items, "w3c"


def _selectors(target: dict) -> tuple[dict, dict]:
    quote: dict[str, Any] = {}
    position: dict[str, Any] = {}
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            continue
        kind = selector.get("type")
        if kind == "TextQuoteSelector" and not quote:
            quote = selector
        elif kind == "TextPositionSelector" and not position:
            position = selector
    return quote, position


def _uuid_of(value: str) -> str | None:
    match = re.fullmatch(r"(?:urn:uuid:)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})",
                         str(value or "").strip())
    return match.group(1).lower() if match else None


def _norm_url(url: str) -> str:
    url = str(url or "").strip().split("#", 1)[0]
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/").lower()


class _SourceMatcher:
    def __init__(self, local: Bundle):
        self.by_uuid = {s.uuid: s for s in local.sources}
        self.by_url: dict[str, list] = {}
        self.by_title: dict[str, list] = {}
        for source in local.sources:
            if source.meta.url:
                self.by_url.setdefault(_norm_url(source.meta.url), []).append(source)
            self.by_title.setdefault(name_key(source.meta.title), []).append(source)

    def match(self, ids: list[str], urls: list[str], titles: list[str]) -> tuple[ExSource | None, str]:
        for value in ids:
            uuid = _uuid_of(value)
            if uuid in self.by_uuid:
                return self.by_uuid[uuid], ""
        for candidates, keys, what in ((self.by_url, [_norm_url(u) for u in urls if u], "URL"),
                                       (self.by_title, [name_key(t) for t in titles if t], "title")):
            for key in keys:
                found = candidates.get(key, [])
                if len(found) == 1:
                    return found[0], ""
                if len(found) > 1:
                    return None, f"{len(found)} sources here share its {what}"
        shown = (urls or titles or ["(none)"])[0]
        return None, f"no source in this project has its URL or title ({str(shown)[:80]})"


def _hypothesis_parts(row: dict) -> dict:
    target = next((t for t in _as_list(row.get("target")) if isinstance(t, dict)), {})
    document: dict[str, Any] = row["document"] if isinstance(row.get("document"), dict) else {}
    raw_id = str(row.get("id", ""))
    return {"uuid": _uuid_of(raw_id) or str(uuid_lib.uuid5(_HYPOTHESIS_NAMESPACE, raw_id or json.dumps(row)[:200])),
            "target": target, "ids": [], "urls": [target.get("source", ""), row.get("uri", "")],
            "titles": [str(t) for t in _as_list(document.get("title"))], "statement": "",
            "note": str(row.get("text") or ""), "tags": [str(t) for t in _as_list(row.get("tags"))],
            "created": str(row.get("created", "")), "modified": str(row.get("updated") or row.get("created", "")),
            "extra": {}}


def _w3c_parts(annotation: dict) -> dict:
    target = next((t for t in _as_list(annotation.get("target")) if isinstance(t, dict)), {})
    if not target and isinstance(annotation.get("target"), str):
        target = {"source": annotation["target"]}
    statement: list[str] = []
    notes: list[str] = []
    tags: list[str] = []
    if isinstance(annotation.get("bodyValue"), str):  # the model's shorthand for one plain-text body
        notes.append(annotation["bodyValue"])
    for body in _as_list(annotation.get("body")):
        if isinstance(body, str):
            notes.append(body)
            continue
        if not isinstance(body, dict) or body.get("value") is None:
            continue
        purpose = set(_as_list(body.get("purpose")))
        value = str(body["value"])
        (tags if "tagging" in purpose else statement if "describing" in purpose else notes).append(value)
    source = target.get("source", "")
    return {"uuid": _uuid_of(annotation.get("id", "")) or new_uuid(), "target": target,
            "ids": [target.get("rw:sourceId", ""), source], "urls": [source],
            "titles": [target.get("rw:title", "")], "statement": "\n\n".join(statement), "note": "\n\n".join(notes),
            "tags": tags, "created": str(annotation.get("created", "")),
            "modified": str(annotation.get("modified") or annotation.get("created", "")), "extra": annotation}


class _TagAndEntityNames:
    """Tags and entities named in a file, given the UUIDs they have here (new ones when absent)."""

    def __init__(self, local: Bundle, bundle: Bundle):
        self.bundle = bundle
        paths, _ = bundle_lookups(local)
        self.tag_by_path = {name_key(path): uuid for uuid, path in paths.items()}
        self.entity_by_name = {name_key(e.name): e.uuid for e in local.entities}
        for entity in local.entities:
            for alias in entity.aliases:
                self.entity_by_name.setdefault(name_key(alias), entity.uuid)

    def tag(self, path: str) -> str | None:
        try:
            parts = split_tag_path(path)
        except InvalidInputError:
            self.bundle.skipped.append(f"tag {path!r}: not a usable tag name")
            return None
        parent = None
        for depth in range(1, len(parts) + 1):
            key = name_key("/".join(parts[:depth]))
            if key not in self.tag_by_path:
                self.tag_by_path[key] = new_uuid()
                self.bundle.tags.append(ExTag(self.tag_by_path[key], parts[depth - 1], parent))
            parent = self.tag_by_path[key]
        return parent

    def entity(self, name: str) -> str:
        key = name_key(name)
        if key not in self.entity_by_name:
            self.entity_by_name[key] = new_uuid()
            self.bundle.entities.append(ExEntity(self.entity_by_name[key], name.strip()))
        return self.entity_by_name[key]


def _extras(claim_fields: dict, extra: dict, names: _TagAndEntityNames) -> dict:
    quantities = []
    for q in _as_list(extra.get("rw:quantities")):
        try:
            quantities.append(Quantity(float(q["value"]), str(q.get("unit") or ""),
                                       int(q["year"]) if q.get("year") is not None else None))
        except (KeyError, TypeError, ValueError):
            continue
    claim_fields.update(kind=str(extra.get("rw:kind") or "fact"), quantities=tuple(quantities),
                        reliability=extra.get("rw:reliability"), credibility=extra.get("rw:credibility"),
                        entity_uuids=tuple(names.entity(str(n)) for n in _as_list(extra.get("rw:entities"))
                                           if str(n).strip()))
    return claim_fields


def read_annotations(project: Project, path: str | Path) -> Bundle:
    """A bundle of claims on this project's sources from a W3C JSON-LD or Hypothesis JSON file."""
    path = Path(path)
    items, flavour = _annotations_in(load_json(path), path.name)
    local = bundle_from_project(project, with_originals=False)
    bundle = Bundle(origin=path.name, complete=False)
    matcher, names = _SourceMatcher(local), _TagAndEntityNames(local, bundle)
    for number, item in enumerate(items, 1):
        parts = _hypothesis_parts(item) if flavour == "hypothesis" else _w3c_parts(item)
        label = f"annotation {number} ({parts['uuid'][:8]})"
        quote, position = _selectors(parts["target"])
        exact = str(quote.get("exact") or "")
        if not exact:
            bundle.skipped.append(f"{label}: no quote (TextQuoteSelector): a note on a whole page")
            continue
        source, why = matcher.match(parts["ids"], parts["urls"], parts["titles"])
        if source is None:
            bundle.skipped.append(f"{label} {exact[:40]!r}: {why}")
            continue
        start, end = position.get("start"), position.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            start = end = 0
        fields = {"statement": parts["statement"], "note": parts["note"],
                  "tag_uuids": tuple(t for t in (names.tag(p) for p in parts["tags"]) if t)}
        if parts["extra"]:
            fields = _extras(fields, parts["extra"], names)
        bundle.claims.append(ExClaim(parts["uuid"], source.uuid, start, end, exact, str(quote.get("prefix") or ""),
                                     str(quote.get("suffix") or ""), created_at=parts["created"],
                                     modified_at=parts["modified"], **fields))
    if flavour == "hypothesis" and items:
        bundle.deviations.append("Hypothesis export: positions refer to the web page, so quotes were found by "
                                 "their text")
    return bundle
