"""Writing REFI-QDA (QDA-XML 1.0): a ``.qdpx`` project archive or a ``.qdc`` codebook.

Mapping: tags are codes (the tag tree is nested codes), sources are ``TextSource``s whose
text is ``sources/GUID.txt`` (UTF-8, referred to as ``internal://GUID.txt``), claims are
``PlainTextSelection``s with their code-point offsets, a ``Coding`` per tag, the statement
as ``Description`` and the note as a ``Note`` the selection refers to; entities are
``Case``s that refer to the selections naming them. Every object's UUID is its ``guid``.
What QDA-XML has no place for (claim kind, grading, quantities, source metadata, claim
links as ours) travels in ``workbench.json`` beside ``project.qde``; other tools ignore
it and this program reads it back, so a round trip keeps everything.
"""

from __future__ import annotations

import io
import json
import uuid as uuid_lib
import zipfile
from xml.etree import ElementTree as ET

from ... import __version__
from ...core.model import utc_now
from .bundle import Bundle, ExClaim, ExTag

NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SIDECAR = "workbench.json"
SIDECAR_FORMAT = "research-workbench-exchange"
_GUID_NAMESPACE = uuid_lib.UUID("6f1c1a52-4f4e-4b0e-9d7e-7e0a0c4b2a11")


def derived_guid(*parts: str) -> str:
    """A stable GUID for something we have no UUID of our own for (a coding, a claim's note)."""
    return str(uuid_lib.uuid5(_GUID_NAMESPACE, "/".join(parts)))


def _el(parent: ET.Element, tag: str, ns: str = NS, **attrs: str | None) -> ET.Element:
    return ET.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v not in (None, "")})


def _text_el(parent: ET.Element, tag: str, text: str, ns: str = NS) -> None:
    if text:
        _el(parent, tag, ns).text = text


def _color(value: str) -> str | None:
    value = value.strip()
    if len(value) in (4, 7) and value.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in value[1:]):
        return value.upper()
    return None


def _codes(parent: ET.Element, tags: list[ExTag], ns: str) -> None:
    children: dict[str | None, list[ExTag]] = {}
    known = {t.uuid for t in tags}
    for tag in tags:
        parent_uuid = tag.parent_uuid if tag.parent_uuid in known else None
        children.setdefault(parent_uuid, []).append(tag)

    def add(into: ET.Element, tag: ExTag) -> None:
        code = _el(into, "Code", ns, guid=tag.uuid, name=tag.name, isCodable="true", color=_color(tag.color))
        for child in sorted(children.get(tag.uuid, []), key=lambda t: t.name.lower()):
            add(code, child)

    codes = _el(parent, "Codes", ns)
    for tag in sorted(children.get(None, []), key=lambda t: t.name.lower()):
        add(codes, tag)


def user_guid(bundle: Bundle) -> str:
    return derived_guid("user", bundle.project_uuid or bundle.title)


def _selection(parent: ET.Element, claim: ExClaim, user: str) -> None:
    sel = _el(parent, "PlainTextSelection", guid=claim.uuid, name=claim.quote[:200],
              startPosition=str(claim.start), endPosition=str(claim.end), creatingUser=user,
              creationDateTime=claim.created_at or None, modifyingUser=user,
              modifiedDateTime=claim.modified_at or None)
    _text_el(sel, "Description", claim.statement)
    for tag_uuid in claim.tag_uuids:
        coding = _el(sel, "Coding", guid=derived_guid("coding", claim.uuid, tag_uuid), creatingUser=user,
                     creationDateTime=claim.modified_at or None)
        _el(coding, "CodeRef", targetGUID=tag_uuid)
    if claim.note:
        _el(sel, "NoteRef", targetGUID=derived_guid("note", claim.uuid))


def project_xml(bundle: Bundle) -> bytes:
    """The ``project.qde`` document for ``bundle``."""
    now = utc_now()
    user = user_guid(bundle)
    root = ET.Element(f"{{{NS}}}Project", {"name": bundle.title or "Research Workbench project",
                                           "origin": f"Research Workbench {__version__}",
                                           "creatingUserGUID": user, "creationDateTime": now,
                                           "modifyingUserGUID": user, "modifiedDateTime": now})
    users = _el(root, "Users")
    _el(users, "User", guid=user, name=bundle.title and f"{bundle.title} (Research Workbench)")
    for extra in bundle.users:
        if extra.get("guid") and extra["guid"] != user:
            _el(users, "User", guid=extra["guid"], name=extra.get("name"))
    if bundle.tags:
        _codes(_el(root, "CodeBook"), bundle.tags, NS)
    by_source: dict[str, list[ExClaim]] = {}
    for claim in bundle.claims:
        by_source.setdefault(claim.source_uuid, []).append(claim)
    _cases(root, bundle)
    if bundle.sources:
        sources = _el(root, "Sources")
        for source in bundle.sources:
            element = _el(sources, "TextSource", guid=source.uuid, name=source.meta.title,
                          plainTextPath=f"internal://{source.uuid}.txt", creatingUser=user,
                          creationDateTime=source.imported_at or None, modifyingUser=user,
                          modifiedDateTime=source.modified_at or None)
            _text_el(element, "Description", _source_description(source.meta))
            for claim in by_source.get(source.uuid, []):
                _selection(element, claim, user)
    _notes(root, bundle, user)
    _links(root, bundle)
    ET.register_namespace("", NS)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def _source_description(meta) -> str:
    parts = [meta.author, meta.publisher, meta.published, meta.url]
    return " · ".join(p for p in parts if p)


def _cases(root: ET.Element, bundle: Bundle) -> None:
    claims_naming: dict[str, list[str]] = {}
    for claim in bundle.claims:
        for entity_uuid in claim.entity_uuids:
            claims_naming.setdefault(entity_uuid, []).append(claim.uuid)
    if not bundle.entities:
        return
    cases = _el(root, "Cases")
    for entity in bundle.entities:
        case = _el(cases, "Case", guid=entity.uuid, name=entity.name)
        description = f"{entity.kind}" + (f", {entity.country}" if entity.country else "")
        _text_el(case, "Description", description + (f"\n{entity.note}" if entity.note else ""))
        for claim_uuid in claims_naming.get(entity.uuid, []):
            _el(case, "SelectionRef", targetGUID=claim_uuid)


def _notes(root: ET.Element, bundle: Bundle, user: str) -> None:
    noted = [claim for claim in bundle.claims if claim.note]
    if not noted and not bundle.project_notes:
        return
    notes = _el(root, "Notes")
    for number, memo in enumerate(bundle.project_notes, 1):
        note = _el(notes, "Note", guid=derived_guid("memo", bundle.project_uuid, memo), name=f"Memo {number}")
        _text_el(note, "PlainTextContent", memo)
    for claim in noted:
        note = _el(notes, "Note", guid=derived_guid("note", claim.uuid), name=f"Note on {claim.quote[:60]}",
                   creatingUser=user, creationDateTime=claim.created_at or None, modifyingUser=user,
                   modifiedDateTime=claim.modified_at or None)
        _text_el(note, "PlainTextContent", claim.note)


def _links(root: ET.Element, bundle: Bundle) -> None:
    if not bundle.links:
        return
    links = _el(root, "Links")
    for link in bundle.links:
        _el(links, "Link", guid=link.uuid, name=link.kind, direction="OneWay", originGUID=link.from_uuid,
            targetGUID=link.to_uuid)


def codebook_xml(bundle: Bundle) -> bytes:
    """A ``.qdc`` codebook: the tag tree alone."""
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": f"Research Workbench {__version__}"})
    if bundle.tags:
        _codes(root, bundle.tags, CODEBOOK_NS)
    else:  # the schema wants at least one code; an empty codebook says so in its only code
        _el(_el(root, "Codes", CODEBOOK_NS), "Code", CODEBOOK_NS, guid=derived_guid("empty", bundle.project_uuid),
            name="(no tags)", isCodable="false")
    ET.register_namespace("", CODEBOOK_NS)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def sidecar(bundle: Bundle) -> dict:
    """What QDA-XML has no place for, keyed by UUID."""
    return {
        "format": SIDECAR_FORMAT, "version": 1, "project": {"uuid": bundle.project_uuid, "title": bundle.title},
        "sources": {s.uuid: {"author": s.meta.author, "publisher": s.meta.publisher, "published": s.meta.published,
                             "url": s.meta.url, "language": s.meta.language, "media_type": s.media_type,
                             "filename": s.filename, "encoding": s.encoding, "reliability": s.reliability,
                             "note": s.note, "page_starts": list(s.page_starts),
                             "original": f"sources/{s.uuid}.original" if s.original else ""}
                    for s in bundle.sources},
        "tags": {t.uuid: {"color": t.color} for t in bundle.tags if t.color},
        "entities": {e.uuid: {"kind": e.kind, "country": e.country, "aliases": list(e.aliases), "note": e.note,
                              "created_at": e.created_at, "modified_at": e.modified_at} for e in bundle.entities},
        "claims": {c.uuid: {"kind": c.kind, "reliability": c.reliability, "credibility": c.credibility,
                            "quantities": [[q.value, q.unit, q.year] for q in c.quantities],
                            "entities": list(c.entity_uuids), "prefix": c.prefix, "suffix": c.suffix,
                            "anchor_status": c.anchor_status,
                            # An orphaned claim's quote is no longer the text at its offsets: keep it.
                            **({"quote": c.quote} if c.anchor_status == "orphaned" else {})}
                   for c in bundle.claims},
        "links": {link.uuid: {"kind": link.kind, "note": link.note, "created_at": link.created_at}
                  for link in bundle.links},
        "relations": bundle.relations, "measures": bundle.measures,
    }


def qdpx_bytes(bundle: Bundle) -> bytes:
    """The whole ``.qdpx`` archive."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml(bundle))
        for source in bundle.sources:
            archive.writestr(f"sources/{source.uuid}.txt", source.text.encode("utf-8"))
            if source.original:
                archive.writestr(f"sources/{source.uuid}.original", source.original)
        archive.writestr(SIDECAR, json.dumps(sidecar(bundle), ensure_ascii=False, indent=1).encode("utf-8"))
    return out.getvalue()
