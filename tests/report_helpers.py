"""Shared by the report tests: projects to export, and checks that read outputs independently."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from workbench.core.model import ClaimDraft, ClaimKind, Grading
from workbench.services.annotate import add_claim_by_quote
from workbench.services.ingest import ImportOptions, import_files
from workbench.services.project import Project, create_project

_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"


def flat(text: str) -> str:
    """Whitespace as a layout engine may break it: runs become one space, none beside CJK characters.

    pdftotext also puts a space after a combining mark (the zero-width accent glyph ends
    left of the next letter, which it takes for a word gap): that space goes too.
    """
    text = " ".join(text.split())
    return re.sub(rf"(?<=[{_CJK}\u0300-\u036f]) | (?=[{_CJK}])", "", text)


def paragraph_of(text: str, offset: int) -> int:
    """The paragraph (1-based, blocks split by blank lines) that ``offset`` falls in, counted afresh."""
    return len(re.split(r"\n\s*\n", text[:offset]))


HOSTILE_TITLE = '<script>alert("t")</script> Report'
HOSTILE_TEXT = (
    "A note on chips\n\n"
    '<img src=file:///etc/passwd onerror=alert(1)> was in the page. Click javascript:alert(2) for more.\n\n'
    "=HYPERLINK(\"http://evil.example/x\",\"totals\") came from a spreadsheet.\n\n"
    "+7 495 123 4567 is the office line.\n\n"
    "-40% fell the imports, said the customs office.\n\n"
    "@SUM(A1:A9) is not a number.\n\n"
    "\tTabbed line that starts with a tab.\n"
)
HOSTILE_QUOTES = ['<img src=file:///etc/passwd onerror=alert(1)> was in the page',
                  "Click javascript:alert(2) for more.", '=HYPERLINK("http://evil.example/x","totals")',
                  "+7 495 123 4567", "-40% fell the imports", "@SUM(A1:A9)", "\tTabbed line"]


def hostile_project(folder: Path) -> Project:
    source_file = folder / "hostile.txt"
    source_file.write_text(HOSTILE_TEXT, encoding="utf-8")
    project = create_project(folder / "hostile.wbproj", "Hostile <b>project</b>")
    [result] = import_files(project, [source_file], options=ImportOptions(isolate=False))
    assert result.status == "imported", result.message
    source_id = result.source.id
    meta = dataclasses.replace(result.source.meta, title=HOSTILE_TITLE, url="javascript:alert('url')",
                               author='<a href="file:///etc/passwd">me</a>')
    project.sources.update_meta(source_id, meta, "B")
    for quote in HOSTILE_QUOTES:
        draft = ClaimDraft(statement="<b onmouseover=alert(3)>bold</b>", kind=ClaimKind.FACT,
                           grading=Grading("C", 3), note="<script>alert('note')</script>", tags=("<i>x</i>/y",),
                           entities=("<svg onload=alert(4)>",))
        add_claim_by_quote(project, result.source.uuid, quote, draft)
    return project
