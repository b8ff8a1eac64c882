"""Plain text and Markdown; Markdown front matter gives the metadata."""

from __future__ import annotations

import re

from ...core.model import SourceMeta
from .base import Draft, ImportOptions, tidy
from .encodings import decode_text

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_META_KEYS = {"title", "author", "publisher", "published", "date", "url", "language"}


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


def extract(data: bytes, name: str, options: ImportOptions, media_type: str) -> Draft:
    raw, encoding = decode_text(data, name, options.encoding)
    markdown = media_type == "text/markdown"
    fields: dict[str, str] = {}
    text = raw
    if markdown:
        fields, text = split_front_matter(text.replace("\r\n", "\n"))
    text = tidy(text)
    title = fields.get("title", "")  # otherwise the cleaner reads it from the text's header
    meta = SourceMeta(title=title, author=fields.get("author", ""), publisher=fields.get("publisher", ""),
                      published=fields.get("published") or fields.get("date", ""), url=fields.get("url", ""),
                      language=fields.get("language", ""))
    return Draft(meta, text, media_type, encoding)
