"""REFI-QDA exchange: schema-valid export, exact round trips, lenient import of real deviations, safety."""

import io
import json
import zipfile
from pathlib import Path

import pytest
import xmlschema

from tests.conftest import project_snapshot
from workbench.core.errors import InvalidInputError
from workbench.services.exchange.formats import export_bytes, import_exchange_file
from workbench.services.project import create_project, open_project
from workbench.services.sample import build_sample

QDA = Path(__file__).parent / "fixtures" / "qda"
NS = "urn:QDA-XML:project:1.0"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory):
    return build_sample(tmp_path_factory.mktemp("sample") / "sample.wbproj")


@pytest.fixture
def sample(sample_file, tmp_path):
    copy = tmp_path / "sample.wbproj"
    copy.write_bytes(Path(sample_file).read_bytes())
    with open_project(copy) as project:
        yield project


def test_qdpx_project_validates_against_the_refi_qda_schema(sample, tmp_path):
    data = export_bytes(sample, "qdpx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        qde = archive.read("project.qde")
        schema = xmlschema.XMLSchema(str(QDA / "Project.xsd"))
        schema.validate(qde.decode("utf-8"))
        document = schema.to_dict(qde.decode("utf-8"))
        sources = document["Sources"]["TextSource"]
        assert len(sources) == len(sample.sources.list())
        for source in sample.sources.list():
            assert f"sources/{source.uuid}.txt" in names
            assert archive.read(f"sources/{source.uuid}.txt").decode("utf-8") == sample.sources.text(source.id)
    by_guid = {s["@guid"]: s for s in sources}
    claim = sample.claims.list()[0]
    element = by_guid[claim.source_uuid]
    assert element["@plainTextPath"] == f"internal://{claim.source_uuid}.txt"
    selection = next(s for s in element["PlainTextSelection"] if s["@guid"] == claim.uuid)
    assert (selection["@startPosition"], selection["@endPosition"]) == (claim.anchor.start, claim.anchor.end)
    assert selection.get("Description", "") == claim.statement
    coded = {c["CodeRef"]["@targetGUID"] for c in selection.get("Coding", [])}
    assert coded == {sample.tags.find(t).uuid for t in claim.tags}


def test_qdc_codebook_validates_and_nests_the_tag_tree(sample):
    data = export_bytes(sample, "qdc").decode("utf-8")
    schema = xmlschema.XMLSchema(str(QDA / "Codebook.xsd"))
    schema.validate(data)
    codes = schema.to_dict(data)["Codes"]["Code"]
    tags = sample.tags.list()
    top = {t.uuid for t in tags if t.parent_id is None}
    assert {c["@guid"] for c in codes} == top
    nested = {child["@guid"] for c in codes for child in c.get("Code", [])}
    assert nested == {t.uuid for t in tags if t.parent_id is not None}


def _claims_by_uuid(project):
    return {c.uuid: c for c in project.claims.list()}


def test_round_trip_keeps_every_field(sample, tmp_path):
    out = tmp_path / "sample.qdpx"
    out.write_bytes(export_bytes(sample, "qdpx"))
    with create_project(tmp_path / "empty.wbproj") as empty:
        report = import_exchange_file(empty, out)
        assert not report.skipped and not report.conflicts and not report.flagged
        before, after = sample.sources.list(), {s.uuid: s for s in empty.sources.list()}
        assert set(after) == {s.uuid for s in before}
        for source in before:
            copy = after[source.uuid]
            assert empty.sources.text(copy.id).encode() == sample.sources.text(source.id).encode()
            assert copy.meta == source.meta
            assert (copy.media_type, copy.filename, copy.encoding, copy.reliability, copy.content_hash) == \
                   (source.media_type, source.filename, source.encoding, source.reliability, source.content_hash)
            assert empty.sources.original(copy.id) == sample.sources.original(source.id)
            assert empty.sources.page_starts(copy.id) == sample.sources.page_starts(source.id)
        assert [(t.uuid, t.path, t.color) for t in empty.tags.list()] == \
               [(t.uuid, t.path, t.color) for t in sample.tags.list()]
        theirs, ours = _claims_by_uuid(empty), _claims_by_uuid(sample)
        assert set(theirs) == set(ours)
        for uuid, claim in ours.items():
            copy = theirs[uuid]
            assert copy.anchor == claim.anchor  # offsets, quote, prefix, suffix
            assert copy.source_uuid == claim.source_uuid
            assert (copy.statement, copy.kind, copy.quantities, copy.grading, copy.note) == \
                   (claim.statement, claim.kind, claim.quantities, claim.grading, claim.note)
            assert (copy.tags, copy.entities, copy.anchor_status) == (claim.tags, claim.entities, claim.anchor_status)
            assert (copy.created_at, copy.modified_at) == (claim.created_at, claim.modified_at)
        assert {(e.uuid, e.name, e.kind, e.country, e.aliases, e.note) for e in empty.entities.list()} == \
               {(e.uuid, e.name, e.kind, e.country, e.aliases, e.note) for e in sample.entities.list()}
        assert {(lk.uuid, lk.kind, lk.note) for lk in empty.claims.links()} == \
               {(lk.uuid, lk.kind, lk.note) for lk in sample.claims.links()}
        from workbench.storage.exchange_network import read_measures, read_relations

        assert read_relations(empty.db.conn) == read_relations(sample.db.conn) != []
        assert read_measures(empty.db.conn) == read_measures(sample.db.conn) != []
        assert empty.db.integrity_problems() == []


def test_atlasti_example_imports_codes_and_reports_missing_sources(tmp_path):
    with create_project(tmp_path / "a.wbproj") as project:
        report = import_exchange_file(project, QDA / "atlasti-standard-project.qde")
        tags = {t.path: t for t in project.tags.list()}
        assert "Coke::diet Coke" in tags and "cornflakes" in tags and '"rushed"' in tags
        assert tags["cornflakes"].uuid == "ae6d04ce-d987-4fc8-af97-d72ca6ffd08f"
        assert tags["cornflakes"].color == "#DC0000"
        assert report.added["tags"] == 14
        assert project.sources.count() == 0
        missing = [s for s in report.skipped if "its text is not in the file" in s]
        assert len(missing) == 8  # six text and two PDF sources whose text lives outside a bare .qde
        assert any("picture source" in s for s in report.skipped)
        assert any("coded passage(s) were not imported" in s for s in report.skipped)
        assert "16 set(s): this program has no place for them" in report.skipped


# -- a .qdpx written the way other tools write them -------------------------------------


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DEEP = 30


def _deviant_qdpx(path: Path) -> dict:
    """A project with every deviation the issue lists; returns what a person expects to come in."""
    crlf = "First line of the interview.\r\nSecond line: the chips came through Kazakhstan.\r\nThird line."
    codes = "".join(f'<Code guid="00000000-0000-4000-8000-{i:012d}" name="level {i}" isCodable="true">'
                    for i in range(DEEP)) + "</Code>" * DEEP
    start = crlf.index("the chips")
    end = start + len("the chips came through Kazakhstan")
    third = crlf.index("Third line")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="Deviant export">
 <Users><User guid="AD68FBE7-E1EE-4A82-A279-23CC698C89EB" name="Analyst One"/></Users>
 <CodeBook><Codes>{codes}<Code guid="{{11111111-2222-4333-8444-555555555555}}" name="routes/transit" isCodable="true"/></Codes></CodeBook>
 <Sources>
  <TextSource guid="AAAAAAAA-0000-4000-8000-000000000001" name="interview.txt" plainTextPath="AAAAAAAA-0000-4000-8000-000000000001.txt">
   <PlainTextSelection guid="BBBBBBBB-0000-4000-8000-000000000001" name="the chips came through Kazakhstan" startPosition="{start + 1}" endPosition="{end + 1}">
    <Description>Transit route named</Description>
    <Coding guid="CCCCCCCC-0000-4000-8000-000000000001"><CodeRef targetGUID="00000000-0000-4000-8000-{DEEP - 1:012d}"/></Coding>
    <NoteRef targetGUID="DDDDDDDD-0000-4000-8000-000000000001"/>
   </PlainTextSelection>
   <PlainTextSelection guid="BBBBBBBB-0000-4000-8000-000000000002" name="Third line" startPosition="{third + 1}" endPosition="{third + 11}"/>
   <PlainTextSelection guid="BBBBBBBB-0000-4000-8000-000000000004" name="a name that is some other passage entirely" startPosition="1" endPosition="11"/>
  </TextSource>
  <TextSource guid="AAAAAAAA-0000-4000-8000-000000000002" name="memo.docx" plainTextPath="internal://AAAAAAAA-0000-4000-8000-000000000002.txt" richTextPath="internal://AAAAAAAA-0000-4000-8000-000000000003.docx">
   <PlainTextSelection guid="BBBBBBBB-0000-4000-8000-000000000003" name="servers arrived via Armenia" startPosition="0" endPosition="27"/>
  </TextSource>
  <TextSource guid="AAAAAAAA-0000-4000-8000-000000000004" name="lost.txt" plainTextPath="internal://AAAAAAAA-0000-4000-8000-000000000004.txt"/>
 </Sources>
 <Notes><Note guid="DDDDDDDD-0000-4000-8000-000000000001" name="n"><PlainTextContent>Check against customs data.</PlainTextContent></Note></Notes>
</Project>"""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Project.qde", qde)
        archive.writestr("Sources/AAAAAAAA-0000-4000-8000-000000000001.txt", b"\xef\xbb\xbf" + crlf.encode())
        archive.writestr("sources/AAAAAAAA-0000-4000-8000-000000000002.txt", b"")
        archive.writestr("sources/AAAAAAAA-0000-4000-8000-000000000003.docx",
                         _docx_bytes("Memo from the field.\n\nThe servers arrived via Armenia in 2023."))
    return {"quote": "the chips came through Kazakhstan"}


def test_deviations_of_real_exporters_are_read_and_each_reported(tmp_path):
    path = tmp_path / "deviant.qdpx"
    expected = _deviant_qdpx(path)
    with create_project(tmp_path / "d.wbproj") as project:
        report = import_exchange_file(project, path)
        text = "\n".join(report.deviations + report.skipped)
        assert "'Project.qde'" in text or "Project.qde" in text
        assert "lacks 'internal://'" in text
        assert "spelled differently" in text  # Sources/ for sources/
        assert "byte-order mark" in text and "CR LF" in text
        assert "plain-text file is empty" in text
        assert "lost.txt" in text and "not in the file" in text
        assert "without a code" in text
        assert f"nested {DEEP} levels" in text
        assert "'/' separates tag levels" in text
        claims = {c.uuid: c for c in project.claims.list()}
        route = claims["bbbbbbbb-0000-4000-8000-000000000001"]
        assert route.anchor.quote == expected["quote"]
        assert route.statement == "Transit route named" and route.note == "Check against customs data."
        assert route.tags == ("/".join(f"level {i}" for i in range(DEEP)),)
        assert claims["bbbbbbbb-0000-4000-8000-000000000002"].anchor.quote == "Third line"
        assert claims["bbbbbbbb-0000-4000-8000-000000000002"].tags == ()
        assert claims["bbbbbbbb-0000-4000-8000-000000000004"].anchor.quote == "First line"
        assert any("bbbbbbbb" in f and "is not the text at its offsets" in f for f in report.flagged)
        # The DOCX's text came through the ingestion; its passage was found by its text.
        memo = claims["bbbbbbbb-0000-4000-8000-000000000003"]
        assert memo.anchor.quote == "servers arrived via Armenia" and memo.anchor_status == "reanchored"
        interview = next(s for s in project.sources.list() if s.title == "interview.txt")
        assert "\r" not in project.sources.text(interview.id)
        assert project.db.info("exchange.users") and "Analyst One" in project.db.info("exchange.users")
        assert "routes∕transit" in {t.name for t in project.tags.list()}
        assert project.db.integrity_problems() == []
        summary = report.lines()[-1]
        assert "skipped" in summary and "deviation(s)" in summary


def _zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


HOSTILE = {
    "zip-slip": {"project.qde": f'<Project xmlns="{NS}" name="x"/>'.encode(), "../../evil.txt": b"x"},
    "absolute path": {"project.qde": f'<Project xmlns="{NS}" name="x"/>'.encode(), "/etc/evil": b"x"},
    "entity bomb": {"project.qde": b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
                                   b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Project name="&b;"/>'},
    "external entity": {"project.qde": b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                       b'<Project name="&x;"/>'},
    "zip bomb": {"project.qde": f'<Project xmlns="{NS}" name="x"/>'.encode(), "sources/big.txt": b"0" * (64 << 20)},
    "not xml": {"project.qde": b"<Project"},
    "no project": {"readme.txt": b"hello"},
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_archives_fail_alone_and_leave_the_project_as_it_was(kind, sample_file, tmp_path, cli):
    project_path = tmp_path / "p.wbproj"
    project_path.write_bytes(Path(sample_file).read_bytes())
    bad = _zip(tmp_path / f"{kind.replace(' ', '-')}.qdpx", HOSTILE[kind], zipfile.ZIP_DEFLATED)
    before = project_snapshot(project_path)
    with open_project(project_path) as project, pytest.raises(InvalidInputError) as caught:
        import_exchange_file(project, bad)
    assert "\n" not in str(caught.value) and bad.name in str(caught.value)
    assert project_snapshot(project_path) == before


def test_a_failing_import_in_the_middle_rolls_back(sample, tmp_path, monkeypatch):
    """One transaction: a failure after some rows were written leaves nothing behind."""
    from workbench.services.exchange import apply

    out = tmp_path / "s.qdpx"
    out.write_bytes(export_bytes(sample, "qdpx"))
    monkeypatch.setattr(apply._Merger, "links", lambda self: (_ for _ in ()).throw(InvalidInputError("boom")))
    with create_project(tmp_path / "e.wbproj") as empty:
        with pytest.raises(InvalidInputError):
            import_exchange_file(empty, out)
        assert empty.sources.count() == 0 and empty.claims.count() == 0 and empty.tags.list() == []


def test_cli_export_and_import_by_suffix(sample_file, tmp_path, cli):
    qdpx, qdc, empty = tmp_path / "s.qdpx", tmp_path / "s.qdc", tmp_path / "e.wbproj"
    assert cli("export", sample_file, "--format", "qdpx", "-o", qdpx)[0] == 0
    assert cli("export", sample_file, "--format", "qdc", "-o", qdc)[0] == 0
    assert cli("new", empty)[0] == 0
    code, out, err = cli("import", empty, qdpx, tmp_path / "missing.qdc")
    assert code == 1 and "missing.qdc" in err and "added 6 sources" in out
    code, out, _ = cli("tags", empty, "--json")
    tags = json.loads(out)
    with open_project(sample_file, writable=False) as sample:
        assert {(t["id"], t["path"]) for t in tags} == {(t.uuid, t.path) for t in sample.tags.list()}
        assert sum(t["claims"] for t in tags) == sum(len(c.tags) for c in sample.claims.list())


def test_existing_source_import_still_works(tmp_path, text_files, cli):
    path = tmp_path / "x.wbproj"
    assert cli("new", path)[0] == 0
    code, out, _ = cli("import", path, *text_files.values())
    assert code == 0 and f"{len(text_files)} imported" in out


def _pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def test_a_pdf_source_without_its_text_is_read_through_the_ingestion(tmp_path):
    pdf = _pdf_bytes("Rosatom plans a data centre beside the Kalinin nuclear plant.")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="{NS}" name="PDF export">
 <Sources>
  <PDFSource guid="EEEEEEEE-0000-4000-8000-000000000001" name="plan.pdf" path="internal://EEEEEEEE-0000-4000-8000-000000000001.pdf">
   <PDFSelection guid="EEEEEEEE-0000-4000-8000-000000000002" firstX="1" firstY="1" secondX="50" secondY="50"/>
  </PDFSource>
 </Sources>
</Project>"""
    path = _zip(tmp_path / "pdf.qdpx", {"project.qde": qde.encode(),
                                        "sources/EEEEEEEE-0000-4000-8000-000000000001.pdf": pdf})
    with create_project(tmp_path / "p.wbproj") as project:
        report = import_exchange_file(project, path)
        (source,) = project.sources.list()
        assert source.uuid == "eeeeeeee-0000-4000-8000-000000000001" and source.media_type == "application/pdf"
        assert "Kalinin nuclear plant" in project.sources.text(source.id)
        assert any("PDF area selection" in s for s in report.skipped)


def test_users_and_memos_from_another_tool_go_out_again_in_a_valid_qdpx(tmp_path):
    with create_project(tmp_path / "a.wbproj") as project:
        import_exchange_file(project, QDA / "atlasti-standard-project.qde")
        data = export_bytes(project, "qdpx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        qde = archive.read("project.qde").decode("utf-8")
    schema = xmlschema.XMLSchema(str(QDA / "Project.xsd"))
    schema.validate(qde)
    document = schema.to_dict(qde)
    names = {u.get("@name") for u in document["Users"]["User"]}
    assert {"Friedrich Markgraf", "Sebastian Petrausch"} <= names
    assert len(document["Notes"]["Note"]) == 2
    assert len(document["CodeBook"]["Codes"]["Code"]) == 14


def test_an_orphaned_claim_stays_orphaned_with_its_quote(tmp_path):
    from workbench.core.model import ClaimDraft, SourceMeta
    from workbench.services.annotate import add_claim_by_quote

    text = "alpha beta gamma delta"
    with create_project(tmp_path / "a.wbproj") as project:
        source = project.sources.add(SourceMeta("T"), text, text.encode(), "text/plain")
        claim = add_claim_by_quote(project, source.uuid, "beta", ClaimDraft())
        with project.db.transaction() as conn:  # as a re-extraction that lost the passage leaves it
            conn.execute("UPDATE claim SET anchor_status = 'orphaned', quote = 'bXtX' WHERE id = ?", (claim.id,))
        (tmp_path / "a.qdpx").write_bytes(export_bytes(project, "qdpx"))
    with create_project(tmp_path / "b.wbproj") as other:
        report = import_exchange_file(other, tmp_path / "a.qdpx")
        (copy,) = other.claims.list()
        assert (copy.anchor_status, copy.anchor.quote) == ("orphaned", "bXtX")
        assert any("orphaned" in f for f in report.flagged) and not report.deviations
        assert other.db.integrity_problems() == []
