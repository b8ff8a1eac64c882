"""Malformed and hostile files fail alone, with one clear line, and leave the project as it was."""

import io
import random
import zipfile

import pytest

from workbench.services.ingest import ImportOptions, import_files
from workbench.services.ingest.worker import extract_path
from workbench.services.project import create_project, open_project

from . import ingest_inputs as inputs
from .conftest import project_snapshot


def _minimal_pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _page_pdf(content: bytes, stream_dict: bytes = b"") -> bytes:
    return _minimal_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d %s>>\nstream\n" % (len(content), stream_dict) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])


def endless_layout_pdf() -> bytes:
    """Thousands of scattered one-letter text runs: pdfminer's layout grouping is quadratic
    in them and runs for minutes, as on some real catalogue pages."""
    rnd = random.Random(7)
    runs = b" ".join(b"1 0 0 1 %d %d Tm (%c) Tj" % (rnd.randrange(600), rnd.randrange(780), rnd.randrange(97, 123))
                     for _ in range(6000))
    return _page_pdf(b"BT /F1 4 Tf " + runs + b" ET")


def flate_bomb_pdf(size: int) -> bytes:
    """A content stream that inflates to ``size`` bytes of spaces from well under a megabyte."""
    import zlib

    packer, chunk, parts = zlib.compressobj(9), b" " * 2**20, []
    for _ in range(size // len(chunk)):
        parts.append(packer.compress(chunk))
    parts.append(packer.flush())
    return _page_pdf(b"".join(parts), b"/Filter /FlateDecode ")


def zip_bomb_docx() -> bytes:
    buffer = io.BytesIO(inputs.docx_bytes())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/filler.xml", b"\0" * (64 * 2**20))
    return buffer.getvalue()


HOSTILE = {
    "truncated.pdf": (lambda: inputs.two_column_pdf()[:1500], "damaged or unreadable PDF"),
    # pdfminer's quadratic layout grouping, and inflating 1.2 GB, meet the memory cap first on a fast or
    # quiet machine and the time cap first on a slow or busy one: either stops them with its own clear message.
    "endless-layout.pdf": (endless_layout_pdf,
                           ("took longer than 4 s and was stopped", "needs more memory than the limit of 600 MB")),
    "flate-bomb.pdf": (lambda: flate_bomb_pdf(1200 * 2**20),
                       ("needs more memory than the limit of 600 MB", "took longer than 4 s and was stopped")),
    "entity-bomb.docx": (lambda: inputs.docx_bytes(doctype=inputs.ENTITY_BOMB_DOCTYPE), "declares a DTD or entities"),
    "climbing.docx": (lambda: inputs.docx_bytes(extra_members={"../../etc/evil.xml": b"<x/>"}), "unsafe path"),
    "zip-bomb.docx": (zip_bomb_docx, "zip bomb"),
    "junk.txt": (lambda: random.Random(3).randbytes(50_000), "binary data, not a text file"),
    "not-a-zip.docx": (lambda: b"PK\x03\x04 this is not really a zip", "not a valid DOCX file"),
}
OPTIONS = ImportOptions(timeout=4, memory_mb=600)


@pytest.fixture
def hostile_files(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    expected = {}
    for name, (make, message) in HOSTILE.items():
        (folder / name).write_bytes(make())
        expected[name] = message
    huge = folder / "huge.txt"  # 200 MB, sparse: refused by size before a byte is read
    with huge.open("wb") as stream:
        stream.truncate(200 * 2**20)
    expected["huge.txt"] = "too large (200 MB; the limit is 100 MB)"
    return folder, expected


def test_hostile_files_fail_alone_with_clear_messages_and_change_nothing(tmp_path, hostile_files):
    folder, expected = hostile_files
    path = tmp_path / "p.wbproj"
    create_project(path).close()
    before = project_snapshot(path)
    with open_project(path) as project:
        results = import_files(project, [folder], options=OPTIONS)
    assert project_snapshot(path) == before
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in results}
    assert set(by_name) == set(expected)
    for name, message in expected.items():
        result = by_name[name]
        alternatives = message if isinstance(message, tuple) else (message,)
        assert result.status == "failed" and any(m in result.message for m in alternatives), (name, result.message)
        assert "\n" not in result.message and "Traceback" not in result.message


def test_rest_of_the_batch_is_imported(tmp_path, hostile_files):
    folder, expected = hostile_files
    good = tmp_path / "good"
    inputs.write_all(good)
    with create_project(tmp_path / "p.wbproj") as project:
        results = import_files(project, [folder / "endless-layout.pdf", good / "news.html", folder / "junk.txt",
                                         good / "two-column.pdf", folder / "entity-bomb.docx", good / "strategy.docx"],
                               options=OPTIONS)
        assert [r.status for r in results] == ["failed", "imported"] * 3
        assert project.sources.count() == 3


def test_html_scripts_and_remote_references_are_never_fetched(tmp_path, offline):
    page = tmp_path / "page.html"
    page.write_text(inputs.news_page(), encoding="utf-8")
    extracted = extract_path(page, ImportOptions(isolate=False))  # in this process, where sockets are watched
    assert offline == [] and "dataLayer" not in extracted.text and "trackingPixel" not in extracted.text


def test_worker_refuses_network_connections():
    import multiprocessing

    from workbench.services.ingest import worker

    context = multiprocessing.get_context("spawn")
    with context.Pool(1, initializer=worker._confine, initargs=(512,)) as pool:
        assert "disabled" in pool.apply(_try_connect)


def _try_connect() -> str:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    except OSError as exc:
        return str(exc)
    return "connected"
