"""Web pages saved from a browser: the article's text and the page's metadata.

trafilatura finds the main content (dropping menus, sidebars, cookie banners and
comment sections) and reads title, author, site, date and canonical URL from the
page's meta tags. It parses with lxml and fetches nothing: scripts are dropped
unrun, and images, frames and style sheets are never requested. The worker process
that runs this has networking disabled as well (see worker.py).
"""

from __future__ import annotations

import codecs
import re

from ...core.errors import InvalidInputError
from ...core.model import SourceMeta
from .article_meta import strip_site_name
from .base import Draft, ImportOptions, tidy
from .encodings import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)""", re.I)
_CONTENT_LANGUAGE = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?content-language["']?[^>]+content\s*=\s*["']?([A-Za-z-]+)""", re.I)


# Dates from the page's own markup only: a wider search turns "© 2024" into 2024-01-01.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def decode_html(data: bytes, name: str, forced: str | None) -> tuple[str, str]:
    """Forced encoding, else a BOM, else the page's own <meta charset>, else a guess."""
    if not forced and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _META_CHARSET.search(data[:8192])
        if declared:
            try:
                codec = codecs.lookup(declared.group(1).decode("ascii")).name
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common: fall back to guessing
    return decode_text(data, name, forced)


def page_language(html: str) -> str:
    head = html[:20000]
    found = _HTML_LANG.search(head) or _CONTENT_LANGUAGE.search(head)
    return found.group(1).lower() if found else ""


def extract(data: bytes, name: str, options: ImportOptions, media_type: str) -> Draft:
    import trafilatura  # heavy: loaded in the worker only when an HTML file comes

    html, encoding = decode_html(data, name, options.encoding)
    if not html.strip():
        raise InvalidInputError(f"{name}: contains no text")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                      include_images=False, include_links=False, deduplicate=False,
                                      date_extraction_params=_DATE_PARAMS)
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():  # a dict only with as_dict=True
        raise InvalidInputError(f"{name}: no article text found in the page")
    body = doc.text or ""
    # One block per line (heading, paragraph, list item, table row), a blank line between.
    lines = [line.strip() for line in tidy(body).split("\n")]
    text = "\n\n".join(line for line in lines if line)
    site = (doc.sitename or doc.hostname or "").strip()
    meta = SourceMeta(title=strip_site_name(doc.title or "", site), author=(doc.author or "").strip(),
                      publisher=(doc.sitename or doc.hostname or "").strip(), published=(doc.date or "").strip(),
                      url=(doc.url or "").strip(), language=(doc.language or page_language(html)))
    return Draft(meta, text, media_type, encoding)
