"""Importing files as sources. Each file succeeds or fails alone; a failure changes nothing."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InvalidInputError, WorkbenchError
from ..core.model import Source, SourceMeta
from ..core.text import normalise_text
from ..storage.sources import content_hash
from .project import Project

MAX_TEXT_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown", ".markdown": "text/markdown"}
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_META_KEYS = {"title", "author", "publisher", "published", "date", "url", "language"}


@dataclass(frozen=True, slots=True)
class ImportResult:
    path: str
    status: str  # "imported", "duplicate" or "failed"
    message: str
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class ExtractedText:
    meta: SourceMeta
    text: str
    media_type: str
    encoding: str


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InvalidInputError(f"{name}: damaged UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InvalidInputError(f"{name}: binary data, not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{name}: not valid UTF-8 text (bad byte at position {exc.start})"
        ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise InvalidInputError(f"{name}: binary data, not a text file")
    return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines between ``---`` fences at the top of a Markdown file."""
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    fields = {}
    for line in found.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _META_KEYS:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[found.end():]


def extract_plain(data: bytes, path: Path) -> ExtractedText:
    media_type = TEXT_SUFFIXES.get(path.suffix.lower(), "text/plain")
    raw, encoding = decode_text(data, path.name)
    text = normalise_text(raw)
    fields: dict[str, str] = {}
    if media_type == "text/markdown":
        fields, text = split_front_matter(text)
    text = text.strip("\n")
    if not text.strip():
        raise InvalidInputError(f"{path.name}: contains no text")
    title = fields.get("title") or _first_line_title(text, media_type) or path.stem
    meta = SourceMeta(title=title, author=fields.get("author", ""), publisher=fields.get("publisher", ""),
                      published=fields.get("published") or fields.get("date", ""), url=fields.get("url", ""),
                      language=fields.get("language", ""))
    return ExtractedText(meta, text, media_type, encoding)


def _first_line_title(text: str, media_type: str) -> str:
    first = text.lstrip().split("\n", 1)[0].strip()
    if media_type == "text/markdown":
        first = first.lstrip("#").strip()
    return first if 0 < len(first) <= 150 else ""


def read_source_file(path: Path) -> bytes:
    if not path.exists():
        raise InvalidInputError(f"{path}: no such file")
    if path.is_dir():
        raise InvalidInputError(f"{path}: is a folder; give the files inside it")
    if not path.is_file():
        raise InvalidInputError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise InvalidInputError(f"{path}: empty file")
    if size > MAX_TEXT_BYTES:
        raise InvalidInputError(f"{path}: too large ({size // 2**20} MB; the limit is {MAX_TEXT_BYTES // 2**20} MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot read ({exc.strerror})") from None


def import_file(project: Project, path: str | os.PathLike) -> ImportResult:
    path = Path(path)
    try:
        data = read_source_file(path)
        extracted = extract_plain(data, path)
        existing = project.sources.find_by_hash(content_hash(extracted.text))
        if existing is not None:
            return ImportResult(str(path), "duplicate",
                                f"same text as source {existing.uuid[:8]} ({existing.title!r}); not imported again",
                                existing)
        source = project.sources.add(extracted.meta, extracted.text, data, extracted.media_type,
                                     filename=path.name, encoding=extracted.encoding)
    except WorkbenchError as exc:
        return ImportResult(str(path), "failed", str(exc))
    return ImportResult(str(path), "imported", f"{source.uuid[:8]} {source.title}", source)


def import_files(project: Project, paths: Iterable[str | os.PathLike],
                 on_result: Callable[[ImportResult], None] | None = None) -> list[ImportResult]:
    results = []
    for path in paths:
        result = import_file(project, path)
        results.append(result)
        if on_result:
            on_result(result)
    return results
