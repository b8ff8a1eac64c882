"""Hostile input, in bounded time: fuzzed bytes for every importer, and a corpus of known-bad files.

Whatever arrives, an import either succeeds or fails alone with one line: it never
crashes the process, hangs past its limit, prints a traceback, writes outside the
project, or changes the project when it fails.
"""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import ingest_inputs as inputs
from tests.conftest import project_snapshot
from workbench.core.errors import WorkbenchError
from workbench.services.ingest import ImportOptions, import_files
from workbench.services.ingest.worker import extract_path
from workbench.services.project import create_project
from workbench.services.screening.lists import import_list

SUFFIXES = (".txt", ".md", ".html", ".pdf", ".docx")
LIST_FORMATS = {"ofac": ".csv", "csl": ".csv", "opensanctions": ".csv", "ftm": ".json"}
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SEEDS = {".pdf": inputs.two_column_pdf(1), ".docx": inputs.docx_bytes(), ".html": b"<html><body><p>x</p></body></html>",
         ".txt": b"Export controls on chips.\n", ".md": b"# T\n\nText *em*\n"}


def _mutations():
    """Random bytes, and damaged copies of real files: cut short, bytes flipped, junk spliced in."""
    damaged = st.tuples(st.sampled_from(sorted(SEEDS)), st.integers(0, 10_000), st.binary(max_size=64)).map(
        lambda t: SEEDS[t[0]][:t[1] % max(len(SEEDS[t[0]]), 1)] + t[2] + SEEDS[t[0]][t[1] % max(len(SEEDS[t[0]]), 1) + 1:])
    return st.one_of(st.binary(min_size=1, max_size=2000), damaged)


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=_mutations())
def test_every_importer_reads_fuzzed_bytes_or_refuses_in_one_line(tmp_path, suffix, data):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        extracted = extract_path(path, ImportOptions(isolate=False))
    except WorkbenchError as exc:
        assert "\n" not in str(exc) and str(exc)
    else:
        assert isinstance(extracted.text, str) and "\x00" not in extracted.text


@FUZZ
@given(fmt=st.sampled_from(sorted(LIST_FORMATS)), data=st.binary(min_size=1, max_size=3000))
def test_every_list_format_reads_fuzzed_bytes_or_refuses_in_one_line(tmp_path, fmt, data):
    path = tmp_path / f"fuzz-{fmt}{LIST_FORMATS[fmt]}"
    path.write_bytes(data)
    project_path = tmp_path / f"fuzz-{fmt}-{abs(hash(data))}.wbproj"
    with create_project(project_path) as project:
        before = project_snapshot(project_path)
        try:
            import_list(project, [path], fmt, name="Fuzz")
        except WorkbenchError as exc:
            assert "\n" not in str(exc)
            assert project_snapshot(project_path) == before
    for leftover in tmp_path.glob(project_path.name + "*"):
        leftover.unlink()


def _page_tree_loop_pdf() -> bytes:
    """A page tree whose Kids point back at the root: a naive reader recurses for ever."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


XXE_HTML = (b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<html><body><p>&xxe; chips</p></body></html>")


def _docx_with_member(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO(inputs.docx_bytes())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


CORPUS = {
    "invalid-utf8.txt": b"Chips \xff\xfe\xc3\x28 export \xa0\xa1 controls " * 50,
    "nul-bytes.txt": b"Export\x00controls\x00on\x00chips " * 100,
    "one-line.txt": b"chips " * (10 * 2**20 // 6),
    "xxe.html": XXE_HTML,
    "page-loop.pdf": _page_tree_loop_pdf(),
    "dtd-in-odd-part.docx": _docx_with_member("word/custom.bin", inputs.ENTITY_BOMB_DOCTYPE.encode() + b"<x/>"),
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data in CORPUS.items():
        (folder / name).write_bytes(data)
    os.mkfifo(folder / "fifo.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    with (folder / "sparse.txt").open("wb") as sparse:
        sparse.truncate(2 * 2**30)  # 2 GB of holes: refused by size before a byte is read
    return folder


def test_the_known_bad_corpus_fails_alone_and_changes_nothing(tmp_path, corpus):
    path = tmp_path / "p.wbproj"
    create_project(path).close()
    from workbench.services.project import open_project

    with open_project(path) as project:
        before = project_snapshot(path)
        results = {os.path.basename(r.path): r for r in
                   import_files(project, sorted(corpus.iterdir()), options=ImportOptions(timeout=20))}
    for name in ("fifo.txt", "zero.txt", "sparse.txt", "dtd-in-odd-part.docx"):
        assert results[name].status == "failed", (name, results[name].message)
    assert "declares a DTD or entities" in results["dtd-in-odd-part.docx"].message
    assert "too large" in results["sparse.txt"].message
    for name, result in results.items():
        assert "\n" not in result.message and "Traceback" not in result.message, name
    with open_project(path, writable=False) as project:
        texts = [project.sources.text(s.id) for s in project.sources.list()]
    assert all("\x00" not in t for t in texts)
    assert not any("root:" in t for t in texts)  # the external entity was never read
    if not any(r.status == "imported" for r in results.values()):
        assert project_snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "p.wbproj", "p.wbproj.lock"]


def test_pdfminer_repairs_do_not_leak_onto_standard_error(tmp_path):
    import re

    pdf = tmp_path / "bad-mediabox.pdf"
    pdf.write_bytes(re.sub(rb"/MediaBox\s*\[[^\]]*\]", b"/MediaBox [0 0 1 (x)]  ", inputs.two_column_pdf(1)))
    project = tmp_path / "p.wbproj"
    create_project(project).close()
    done = subprocess.run([sys.executable, "-m", "workbench", "import", str(project), str(pdf)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
