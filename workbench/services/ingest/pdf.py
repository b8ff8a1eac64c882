"""PDF: text in reading order, de-hyphenated, with where each page starts.

pdfminer.six's layout analysis groups characters into lines and lines into text
boxes, and orders the boxes for reading, so the two columns of a journal page come
one after the other rather than interleaved line by line. Each box becomes one
paragraph: its lines are joined, and a word broken with a hyphen at a line end is
mended ("con-" + "trols"). A box that ends mid-sentence and a next box that starts
in lower case (a paragraph running on into the next column) are joined too.
"""

from __future__ import annotations

import io
import logging
import re

from ...core.errors import InvalidInputError
from ...core.model import SourceMeta
from ...core.text import is_cjk
from .base import Draft, ImportOptions, tidy

# pdfminer logs its repairs of damaged files ("Invalid MediaBox ...") through the logging module,
# which without a handler prints them on standard error, between our own one-line results.
_PDFMINER_LOG = logging.getLogger("pdfminer")
_PDFMINER_LOG.addHandler(logging.NullHandler())
_PDFMINER_LOG.propagate = False

_HYPHEN_END = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010]$")
_SENTENCE_END = re.compile(r"[.!?:;。！？：；\"”»)\]]$")
_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}")  # justified lines: word gaps widened, read as several spaces


def join_lines(lines: list[str]) -> str:
    """One paragraph from the lines of a text box: broken words mended, lines joined by a space."""
    out = ""
    for raw in lines:
        line = _SPACE_RUN.sub(" ", raw.strip().replace("\u00ad", ""))
        if not line:
            continue
        if not out:
            out = line
        elif _HYPHEN_END.search(out) and line[0].islower():
            out = out[:-1] + line
        elif out.endswith(("-", "\u2010", "/")) or (is_cjk(out[-1]) and is_cjk(line[0])):
            out += line
        else:
            out += " " + line
    return out


def _box_lines(box) -> list[str]:
    from pdfminer.layout import LTTextLine

    return [line.get_text() for line in box if isinstance(line, LTTextLine)]


def page_paragraphs(layout) -> tuple[list[str], int]:
    """The page's paragraphs in reading order, and how many images it holds."""
    from pdfminer.layout import LTFigure, LTImage, LTTextBox

    paragraphs: list[str] = []
    images = 0
    for item in layout:
        if isinstance(item, LTImage) or (isinstance(item, LTFigure) and any(isinstance(i, LTImage) for i in item)):
            images += 1
        if not isinstance(item, LTTextBox):
            continue
        paragraph = join_lines(_box_lines(item))
        if not paragraph:
            continue
        if paragraphs and not _SENTENCE_END.search(paragraphs[-1]) and paragraph[0].islower():
            paragraphs[-1] = join_lines([paragraphs[-1], paragraph])  # runs on from the previous column
        else:
            paragraphs.append(paragraph)
    return paragraphs, images


def _info_string(info: dict, key: str) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(info.get(key))
    if isinstance(value, bytes):
        value = decode_text(value)
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _pdf_date(value: str) -> str:
    found = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value)
    if not found:
        return ""
    return "-".join(part for part in found.groups() if part)


def document_meta(document) -> SourceMeta:
    from pdfminer.pdftypes import resolve1

    info = resolve1(document.info[0]) if document.info else {}
    info = info if isinstance(info, dict) else {}
    lang = resolve1(document.catalog.get("Lang"))
    language = lang.decode("latin-1", "replace") if isinstance(lang, bytes) else ""
    return SourceMeta(title=_info_string(info, "Title"), author=_info_string(info, "Author"),
                      publisher=_info_string(info, "Publisher") or _info_string(info, "Company"),
                      published=_pdf_date(_info_string(info, "CreationDate")), language=language.lower())


def extract(data: bytes, name: str, options: ImportOptions, media_type: str) -> Draft:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    if b"%PDF-" not in data[:1024]:
        raise InvalidInputError(f"{name}: not a PDF file (no PDF header)")
    try:
        document = PDFDocument(_parser(data))
    except PDFPasswordIncorrect:
        raise InvalidInputError(f"{name}: the PDF is encrypted with a password; save an unlocked copy") from None
    resources = PDFResourceManager(caching=True)
    device = PDFPageAggregator(resources, laparams=LAParams())
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[str] = []
    images = 0
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        paragraphs, page_images = page_paragraphs(device.get_result())
        pages.append("\n\n".join(paragraphs))
        images += page_images
    return _assemble(pages, images, name, document_meta(document), media_type)


def _parser(data: bytes):
    from pdfminer.pdfparser import PDFParser

    return PDFParser(io.BytesIO(data))


def _assemble(pages: list[str], images: int, name: str, meta: SourceMeta, media_type: str) -> Draft:
    if not pages:
        raise InvalidInputError(f"{name}: the PDF has no pages")
    texts = [tidy(page) for page in pages]
    empty = sum(1 for t in texts if not t.strip())
    if empty == len(texts):
        if images:
            raise InvalidInputError(f"{name}: the PDF has no text layer (a scanned document?); "
                                    "run OCR on it and import the result")
        raise InvalidInputError(f"{name}: the PDF contains no text")
    starts: list[int] = []
    chunks: list[str] = []
    offset = 0
    for text in texts:
        if text and chunks:
            offset += 2  # the blank line between pages
        starts.append(offset)
        if text:
            chunks.append(text)
            offset += len(text)
    notes = (f"{empty} of {len(texts)} pages have no text layer (scanned?)",) if empty else ()
    return Draft(meta, "\n\n".join(chunks), media_type, "", tuple(starts), notes)
