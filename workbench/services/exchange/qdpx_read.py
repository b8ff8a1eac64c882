"""Reading REFI-QDA files (``.qdpx`` archive, bare ``.qde``, ``.qdc`` codebook) into a Bundle.

Lenient by design: real exporters deviate from the standard (``Project.qde`` for
``project.qde``, ``Sources/`` for ``sources/``, ``plainTextPath`` without ``internal://``,
sources listed but missing, empty plain-text files beside a DOCX, selections without
codes, CR LF line ends and byte-order marks, deep code trees). Each deviation is written
down in the bundle and the reading goes on; only a file that is not REFI-QDA at all, or is
hostile (zip bomb, path tricks, DTDs and entities), fails, and it fails whole.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from ...core.anchoring import anchor_at
from ...core.errors import InvalidInputError
from ...core.model import ClaimKind, Quantity, SourceMeta, enum_values
from ...core.reanchor import reanchor
from ..ingest import ImportOptions
from ..ingest.archive import open_zip, parse_xml, read_member
from ..ingest.worker import Extractor
from .bundle import Bundle, ExClaim, ExEntity, ExLink, ExSource, ExTag
from .offsets import OffsetMap, choose_counting, decode_plain_text, names_match
from .qdpx_write import SIDECAR, SIDECAR_FORMAT

MAX_QDE_BYTES = 256 * 2**20


def local(tag: str) -> str:
    """An element's name without its namespace: exporters disagree on namespaces."""
    return tag.rsplit("}", 1)[-1]


def children(element, name: str) -> list:
    return [child for child in element if local(child.tag) == name]


def child(element, name: str):
    return next((c for c in element if local(c.tag) == name), None)


def child_text(element, name: str) -> str:
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""


def norm_guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


class _Archive:
    """Members of a .qdpx looked up case-insensitively, so ``Sources/`` finds ``sources/``."""

    def __init__(self, archive: zipfile.ZipFile | None, name: str, bundle: Bundle):
        self.archive, self.name, self.bundle = archive, name, bundle
        self.by_lower = {info.filename.lower(): info.filename for info in archive.infolist()} if archive else {}
        self._case_noted = False

    def read(self, member: str) -> bytes | None:
        if self.archive is None:
            return None
        actual = self.by_lower.get(member.lower())
        if actual is None:
            return None
        if actual != member and not self._case_noted:
            self._case_noted = True
            self.bundle.deviations.append(f"archive member {actual!r} is spelled differently from {member!r}; "
                                          "read anyway")
        return read_member(self.archive, actual)

    def resolve(self, path: str, what: str) -> bytes | None:
        """The bytes ``internal://X`` (or a bare file name) points to, noting how it deviates."""
        if not path:
            return None
        if path.startswith("internal://"):
            member = path[len("internal://"):]
        elif "://" in path:
            self.bundle.deviations.append(f"{what}: {path!r} points outside the archive; not read")
            return None
        else:
            member = PurePosixPath(path.replace("\\", "/")).name
            self.bundle.deviations.append(f"{what}: path {path!r} lacks 'internal://'; looked for it in sources/")
        found = self.read(f"sources/{member}")
        if found is None and self.archive is not None:
            # Some tools put the files at the top of the archive or in a folder of another name.
            elsewhere = [name for low, name in self.by_lower.items() if low.rsplit("/", 1)[-1] == member.lower()]
            if len(elsewhere) == 1:
                self.bundle.deviations.append(f"{what}: found as {elsewhere[0]!r}, not in sources/")
                found = read_member(self.archive, elsewhere[0])
        return found


def read_qda_file(path: str | Path) -> Bundle:
    """A bundle from a .qdpx, .qde or .qdc file; InvalidInputError for what cannot be read at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    data = path.read_bytes()
    bundle = Bundle(origin=path.name)
    if suffix == ".qdc":
        root = parse_xml(data, path.name, path.name)
        _expect_root(root, "CodeBook", path.name)
        _read_codes(root, bundle)
        bundle.complete = False
        return bundle
    if suffix == ".qde":
        _read_project(parse_xml(data, path.name, path.name), _Archive(None, path.name, bundle), bundle, None)
        return bundle
    archive = open_zip(data, path.name, "REFI-QDA project (.qdpx)")
    with archive:
        files = _Archive(archive, path.name, bundle)
        qde_member = next((files.by_lower[n] for n in files.by_lower if n == "project.qde"), None)
        if qde_member is None:
            qde_member = next((files.by_lower[n] for n in files.by_lower if n.endswith(".qde") and "/" not in n),
                              None)
        if qde_member is None:
            raise InvalidInputError(f"{path.name}: not a REFI-QDA project: the archive has no project.qde")
        if qde_member != "project.qde":
            bundle.deviations.append(f"the project file is named {qde_member!r}, not 'project.qde'; read anyway")
        info = archive.getinfo(qde_member)
        if info.file_size > MAX_QDE_BYTES:
            raise InvalidInputError(f"{path.name}: refused: {qde_member} is larger than {MAX_QDE_BYTES >> 20} MB")
        root = parse_xml(read_member(archive, qde_member) or b"", path.name, qde_member)  # the member is there
        sidecar = _read_sidecar(files)
        _read_project(root, files, bundle, sidecar)
    return bundle


def _expect_root(root, name: str, filename: str) -> None:
    if local(root.tag) != name:
        raise InvalidInputError(f"{filename}: not a REFI-QDA file (its root element is {local(root.tag)!r}, "
                                f"not {name!r})")


def _read_sidecar(files: _Archive) -> dict | None:
    data = files.read(SIDECAR)
    if not data:
        return None
    try:
        value = json.loads(data.decode("utf-8"))
    except ValueError:
        files.bundle.deviations.append(f"{SIDECAR} is not valid JSON; only the standard part was read")
        return None
    return value if isinstance(value, dict) and value.get("format") == SIDECAR_FORMAT else None


def _read_project(root, files: _Archive, bundle: Bundle, sidecar: dict | None) -> None:
    _expect_root(root, "Project", bundle.origin)
    extra = sidecar or {}
    bundle.title = root.get("name", "") or bundle.origin
    bundle.project_uuid = norm_guid(extra.get("project", {}).get("uuid")) or norm_guid(root.get("creatingUserGUID"))
    users = child(root, "Users")
    for user in children(users, "User") if users is not None else []:
        bundle.users.append({"guid": norm_guid(user.get("guid")), "name": user.get("name", "")})
    codebook = child(root, "CodeBook")
    if codebook is not None:
        _read_codes(codebook, bundle, extra.get("tags", {}))
    notes = _read_notes(root, files)
    used_notes: set[str] = set()
    sources = child(root, "Sources")
    for element in list(sources) if sources is not None else []:
        _read_source(element, files, bundle, notes, used_notes, extra)
    _read_cases(root, bundle, extra.get("entities", {}))
    for container, what in (("Sets", "set(s)"), ("Graphs", "graph(s)"), ("Variables", "variable(s)")):
        element = child(root, container)
        if element is not None and len(element):
            bundle.skipped.append(f"{len(element)} {what}: this program has no place for them")
    _read_links(root, bundle, extra.get("links", {}))
    # Notes not attached to a passage or a source are the project's own (memos).
    bundle.project_notes = [text for guid, text in notes.items() if guid not in used_notes]
    _apply_claim_extras(bundle, extra.get("claims", {}))
    bundle.relations = [r for r in extra.get("relations", ()) if isinstance(r, dict) and r.get("uuid")]
    bundle.measures = [m for m in extra.get("measures", ()) if isinstance(m, dict) and m.get("uuid")]


def _read_codes(parent, bundle: Bundle, extras: dict | None = None) -> None:
    """Nested codes become the tag tree; walked without recursion, however deep."""
    extras = extras or {}
    codes = child(parent, "Codes")
    if codes is None:
        return
    stack: list[tuple[Any, str | None, int]] = [(code, None, 1) for code in reversed(children(codes, "Code"))]
    deepest = 0
    while stack:
        code, parent_uuid, depth = stack.pop()
        deepest = max(deepest, depth)
        guid = norm_guid(code.get("guid"))
        name = " ".join((code.get("name") or "").split())
        if not guid or not name:
            bundle.skipped.append(f"a code without {'guid' if not guid else 'name'} (and the codes below it)")
            continue
        if "/" in name:
            bundle.deviations.append(f"code {name!r}: '/' separates tag levels here; written as '∕'")
            name = name.replace("/", "∕")
        color = code.get("color") or extras.get(guid, {}).get("color", "")
        bundle.tags.append(ExTag(guid, name, parent_uuid, color))
        stack.extend((sub, guid, depth + 1) for sub in reversed(children(code, "Code")))
    if deepest > 8:
        bundle.deviations.append(f"codes are nested {deepest} levels deep; the whole tree was kept")


def _read_notes(root, files: _Archive) -> dict[str, str]:
    notes = {}
    container = child(root, "Notes")
    for note in children(container, "Note") if container is not None else []:
        text = child_text(note, "PlainTextContent")
        if not text and note.get("plainTextPath"):
            data = files.resolve(note.get("plainTextPath"), f"note {note.get('name', '')!r}")
            text = decode_plain_text(data).text.strip() if data else ""
        if text:
            notes[norm_guid(note.get("guid"))] = text
    return notes


def _note_text(element, notes: dict[str, str], used: set[str]) -> str:
    texts = []
    for ref in children(element, "NoteRef"):
        guid = norm_guid(ref.get("targetGUID"))
        if guid in notes:
            used.add(guid)
            texts.append(notes[guid])
    return "\n\n".join(texts)


def _source_text(element, files: _Archive, bundle: Bundle, label: str) -> tuple[str | None, object, str]:
    """(text, decoded-or-None, media type): the plain text, or a re-extraction of the original."""
    embedded = child_text(element, "PlainTextContent")
    if embedded:
        decoded = decode_plain_text(embedded.encode("utf-8"))
        return decoded.text, decoded, "text/plain"
    data = files.resolve(element.get("plainTextPath", ""), label)
    if data is not None and data.strip(b"\xef\xbb\xbf \r\n\t"):
        decoded = decode_plain_text(data)
        if decoded.had_bom:
            bundle.deviations.append(f"{label}: the text starts with a byte-order mark; offsets read as the "
                                     "exporter counted")
        if decoded.had_crlf or decoded.had_cr:
            bundle.deviations.append(f"{label}: the text has CR LF line ends; offsets read as the exporter "
                                     "counted, stored with LF")
        return decoded.text, decoded, "text/plain"
    rich = element.get("richTextPath") or element.get("path") or ""
    original = files.resolve(rich, label) if rich else None
    if data is not None:
        bundle.deviations.append(f"{label}: its plain-text file is empty" +
                                 ("; the text was taken from its original" if original else ""))
    if original is None:
        where = element.get("plainTextPath") or rich or "(no path)"
        bundle.skipped.append(f"{label}: listed, but its text is not in the file ({where})")
        return None, None, ""
    return _extract_original(original, rich, label, bundle)


def _extract_original(data: bytes, path: str, label: str, bundle: Bundle) -> tuple[str | None, object, str]:
    suffix = PurePosixPath(path).suffix.lower()
    if suffix not in (".docx", ".pdf", ".txt", ".html", ".htm", ".md"):
        bundle.skipped.append(f"{label}: its original ({suffix or 'no suffix'}) is not a format this program reads")
        return None, None, ""
    with tempfile.TemporaryDirectory(prefix="wb-qdpx-") as folder:
        target = Path(folder) / f"source{suffix}"
        target.write_bytes(data)
        try:
            with Extractor() as extractor:
                extracted = extractor.extract(target, ImportOptions(keep_boilerplate=True))
        except InvalidInputError as exc:
            bundle.skipped.append(f"{label}: its original could not be read ({exc})")
            return None, None, ""
    return extracted.text, None, extracted.media_type


def _read_source(element, files: _Archive, bundle: Bundle, notes: dict[str, str], used: set[str],
                 extra: dict) -> None:
    kind = local(element.tag)
    guid = norm_guid(element.get("guid"))
    name = element.get("name") or guid
    label = f"source {name!r}"
    if kind == "PDFSource":
        representation = child(element, "Representation")
        target = representation if representation is not None else element
    elif kind == "TextSource":
        target = element
    else:
        bundle.skipped.append(f"{label}: a {kind.removesuffix('Source').lower()} source; only text, PDF and DOCX "
                              "sources are imported")
        return
    text, decoded, media_type = _source_text(target, files, bundle, label)
    if not text:
        passages = len(children(target, "PlainTextSelection"))
        if passages:
            bundle.skipped.append(f"{label}: its {passages} coded passage(s) were not imported with it")
        return
    info = extra.get("sources", {}).get(guid, {})
    meta = SourceMeta(name, info.get("author", ""), info.get("publisher", ""), info.get("published", ""),
                      info.get("url", ""), info.get("language", ""))
    original = files.read(info["original"]) if info.get("original") else None
    bundle.sources.append(ExSource(
        guid, meta, text, original or text.encode("utf-8"), info.get("media_type") or media_type,
        info.get("filename", name), info.get("encoding", "utf-8"), info.get("reliability"),
        info.get("note") or _note_text(element, notes, used), element.get("creationDateTime", ""),
        element.get("modifiedDateTime", ""), tuple(info.get("page_starts", ()))))
    if children(element, "Coding"):
        bundle.skipped.append(f"{label}: {len(children(element, 'Coding'))} coding(s) of the whole source "
                              "(only coded passages become claims)")
    if kind == "PDFSource" and children(element, "PDFSelection"):
        bundle.skipped.append(f"{label}: {len(children(element, 'PDFSelection'))} PDF area selection(s) "
                              "(drawn regions, not text)")
    uncoded = _read_selections(target, guid, text, decoded, bundle, notes, used, label)
    if uncoded and not extra:  # in this program's own files a claim without tags is no deviation
        bundle.deviations.append(f"{label}: {uncoded} selection(s) without a code; imported as claims without tags")


def _read_selections(element, source_uuid: str, text: str, decoded, bundle: Bundle, notes: dict[str, str],
                     used: set[str], label: str) -> int:
    """Selections become claims; returns how many had no code."""
    selections = children(element, "PlainTextSelection")
    if not selections:
        return 0
    spans = []
    for sel in selections:
        try:
            spans.append((int(sel.get("startPosition", "")), int(sel.get("endPosition", "")), sel.get("name", "")))
        except ValueError:
            spans.append((-1, -1, sel.get("name", "")))
    mapping = None
    if decoded is not None:
        counting, _ = choose_counting(decoded, spans)
        mapping = OffsetMap(decoded, counting)
    uncoded = 0
    for sel, (start, end, name) in zip(selections, spans, strict=True):
        guid = norm_guid(sel.get("guid"))
        anchor = _selection_anchor(text, mapping, start, end, name, bundle, f"{label}, selection {guid[:8]}")
        if anchor is None:
            continue
        anchor, status = anchor
        if status == "exact" and len(name.strip()) >= 20 and not names_match(text, anchor.start, anchor.end, name):
            bundle.flagged.append(f"{label}, selection {guid[:8]}: its name ({name[:40]!r}) is not the text at "
                                  f"its offsets ({anchor.quote[:40]!r}); check the place")
        codes = tuple(norm_guid(c.get("targetGUID")) for coding in children(sel, "Coding")
                      for c in children(coding, "CodeRef"))
        uncoded += not codes
        bundle.claims.append(ExClaim(
            guid, source_uuid, anchor.start, anchor.end, anchor.quote, anchor.prefix, anchor.suffix, status,
            child_text(sel, "Description"), note=_note_text(sel, notes, used), tag_uuids=codes,
            created_at=sel.get("creationDateTime", ""), modified_at=sel.get("modifiedDateTime", "")))
    return uncoded


def _selection_anchor(text: str, mapping, start: int, end: int, name: str, bundle: Bundle, label: str):
    """The anchor of one selection and its status, or None (reported) when it cannot be placed."""
    if mapping is not None and start >= 0:
        a, b = mapping(start), mapping(end)
        if 0 <= a < b <= len(text) and text[a:b].strip():
            return anchor_at(text, a, b), "exact"
        bundle.skipped.append(f"{label}: offsets {start}-{end} are outside the text (length {len(text)})")
        return None
    # The text was re-extracted from the original: the exporter's offsets do not apply; the name may.
    found = reanchor(text, name) if name else None
    if found is not None and found.confident and found.anchor is not None:
        bundle.flagged.append(f"{label}: the source's text was re-extracted; placed by its text "
                              f"({found.method}) at {found.anchor.start}-{found.anchor.end}")
        return found.anchor, "reanchored"
    why = found.reason if found else "it has no text of its own to look for"
    bundle.skipped.append(f"{label}: not placed: the source's text was re-extracted and {why}")
    return None


def _read_cases(root, bundle: Bundle, extras: dict) -> None:
    """Cases become entities; a case's selection references tie it to claims."""
    cases = child(root, "Cases")
    if cases is None:
        return
    named_in: dict[str, list[str]] = {}
    for case in children(cases, "Case"):
        guid = norm_guid(case.get("guid"))
        name = " ".join((case.get("name") or "").split())
        if not guid or not name:
            bundle.skipped.append("a case without guid or name")
            continue
        info = extras.get(guid, {})
        note = info.get("note", child_text(case, "Description") if not info else "")
        bundle.entities.append(ExEntity(guid, name, info.get("kind", "other"), info.get("country", ""),
                                        tuple(info.get("aliases", ())), note, info.get("created_at", ""),
                                        info.get("modified_at", "")))
        for ref in children(case, "SelectionRef"):
            named_in.setdefault(norm_guid(ref.get("targetGUID")), []).append(guid)
    bundle.claims = [_with_entities(c, named_in.get(c.uuid, ())) for c in bundle.claims]


def _with_entities(claim: ExClaim, entity_uuids) -> ExClaim:
    return replace(claim, entity_uuids=tuple(dict.fromkeys((*claim.entity_uuids, *entity_uuids)))) \
        if entity_uuids else claim


def _read_links(root, bundle: Bundle, extras: dict) -> None:
    links = child(root, "Links")
    if links is None:
        return
    claim_uuids = {c.uuid for c in bundle.claims}
    kinds = ("corroborates", "contradicts", "duplicates")
    for link in children(links, "Link"):
        guid = norm_guid(link.get("guid"))
        origin, target = norm_guid(link.get("originGUID")), norm_guid(link.get("targetGUID"))
        kind = extras.get(guid, {}).get("kind") or (link.get("name") or "").strip().lower()
        if origin in claim_uuids and target in claim_uuids and kind in kinds and origin != target:
            bundle.links.append(ExLink(guid, origin, target, kind, extras.get(guid, {}).get("note", ""),
                                       extras.get(guid, {}).get("created_at", "")))
        else:
            bundle.skipped.append(f"link {link.get('name') or guid[:8]!r}: only links between two imported "
                                  "passages named corroborates, contradicts or duplicates become claim links")


def _apply_claim_extras(bundle: Bundle, extras: dict) -> None:
    """Kind, grading, quantities and context from this program's own sidecar."""
    if not extras:
        return
    kinds = set(enum_values(ClaimKind))
    updated = []
    for claim in bundle.claims:
        info = extras.get(claim.uuid)
        if not info:
            updated.append(claim)
            continue
        quantities = tuple(Quantity(float(v), str(u or ""), int(y) if y is not None else None)
                           for v, u, y in info.get("quantities", ()))
        updated.append(replace(
            claim, kind=info.get("kind") if info.get("kind") in kinds else "fact",
            reliability=info.get("reliability"), credibility=info.get("credibility"), quantities=quantities,
            entity_uuids=tuple(dict.fromkeys((*info.get("entities", ()), *claim.entity_uuids))),
            anchor_status=info.get("anchor_status", claim.anchor_status) if claim.anchor_status == "exact"
            else claim.anchor_status))
        if updated[-1].anchor_status == "orphaned" and len(str(info.get("quote", ""))) == claim.end - claim.start:
            updated[-1] = replace(updated[-1], quote=info["quote"])
    bundle.claims = updated
