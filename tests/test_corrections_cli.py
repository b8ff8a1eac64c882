"""The analyst's corrections and the over-removal guard through the command line:
``show --remove``, ``source edit``, ``source clean-anyway``, ``import --clean-anyway`` and its warnings."""

import json

import pytest

from workbench.bench.cleaning import DEFAULT_DATA, read_labelled
from workbench.services.project import open_project


def _body(name: str) -> str:
    return read_labelled(DEFAULT_DATA / name).text


@pytest.fixture
def project(cli, tmp_path):
    path = tmp_path / "p.wbproj"
    assert cli("new", path)[0] == 0
    return path


def _import_one(cli, project, path, *flags):
    code, out, err = cli("import", project, path, *flags)
    assert code == 0, err
    sources = json.loads(cli("sources", project, "--json")[1])
    return next(s["id"][:8] if "id" in s else s["uuid"][:8] for s in sources if s["filename"] == path.name), out, err


def _claims(project_path, source_ref):
    with open_project(project_path, writable=False) as project:
        source = project.sources.resolve(source_ref)
        return {c.statement: (c.anchor.start, c.anchor.quote, c.anchor_status)
                for c in project.claims.list(source_id=source.id)}, project.sources.text(source.id)


def test_remove_a_stretch_as_boilerplate_keeps_claims_after_it_and_restores(cli, project, tmp_path):
    path = tmp_path / "ai.txt"
    path.write_text(_body("24-no-clutter.txt"), encoding="utf-8")
    source, _, _ = _import_one(cli, project, path)
    assert cli("claim", "add", project, "--source", source, "--quote", "several hundred accelerators",
               "--statement", "after")[0] == 0
    claims, text = _claims(project, source)
    start = text.index("Critics note")
    end = text.index("\n", start) + 1
    code, out, err = cli("show", project, source, "--remove", f"{start}:{end}")
    assert code == 0, err
    assert "as boilerplate" in out and "1 claim(s) kept their place" in out
    _, removed, _ = cli("show", project, source, "--removed")
    assert "removed by the analyst" in removed and "Critics note" in removed
    after, new_text = _claims(project, source)
    assert "Critics note" not in new_text and after["after"][1] == "several hundred accelerators"
    assert cli("check", project)[0] == 0


def test_remove_refuses_a_span_over_a_claim_and_bad_spans(cli, project, tmp_path):
    path = tmp_path / "ai.txt"
    path.write_text(_body("24-no-clutter.txt"), encoding="utf-8")
    source, _, _ = _import_one(cli, project, path)
    cli("claim", "add", project, "--source", source, "--quote", "Santos Dumont supercomputer")
    _, text = _claims(project, source)
    at = text.index("Santos Dumont")
    code, _, err = cli("show", project, source, "--remove", f"{at - 5}:{at + 5}")
    assert code == 1 and "overlaps 1 claim" in err
    code, _, err = cli("show", project, source, "--remove", "abc")
    assert code == 1 and err.count("\n") == 1 and "START:END" in err
    assert _claims(project, source)[1] == text  # nothing changed


def test_source_edit_shifts_reanchors_and_flags_claims(cli, project, tmp_path):
    path = tmp_path / "ai.txt"
    path.write_text(_body("24-no-clutter.txt"), encoding="utf-8")
    source, _, _ = _import_one(cli, project, path)
    for quote, name in (("several hundred accelerators", "shifted"), ("one flagship machine", "edited-around"),
                        ("thousands of researchers", "gone")):
        assert cli("claim", "add", project, "--source", source, "--quote", quote, "--statement", name)[0] == 0
    before, text = _claims(project, source)
    edited = ("A paragraph the extractor dropped.\n\n" + text).replace("than from one flagship machine",
                                                                        "than from just one flagship machine")
    edited = edited.replace("thousands of researchers", "many researchers")
    new_file = tmp_path / "fixed.txt"
    new_file.write_text(edited, encoding="utf-8")
    code, out, err = cli("source", "edit", project, source, "--text-file", new_file)
    assert code == 0, err
    assert "1 claim(s) kept their place" in out and "1 re-anchored" in out and "1 flagged" in out
    after, new_text = _claims(project, source)
    assert new_text == edited
    shift = len("A paragraph the extractor dropped.\n\n")
    assert after["shifted"] == (before["shifted"][0] + shift, "several hundred accelerators", "exact")
    assert after["edited-around"][2] == "reanchored" and new_text[after["edited-around"][0]:].startswith(
        "one flagship machine")
    assert after["gone"][2] == "orphaned"
    assert cli("check", project)[0] == 0


def test_import_warns_of_a_held_back_cleaning_and_clean_anyway_applies_it(cli, project, tmp_path):
    path = tmp_path / "pack.txt"
    path.write_text(_body("06-compilation.txt"), encoding="utf-8")
    source, out, err = _import_one(cli, project, path)
    assert "warning:" in err and "repeat far apart" in err and f"clean-anyway PROJECT {source}" in err
    assert "1 with a cleaning warning" in out
    repeated = "The BRICS grouping now has ten members"
    assert _claims(project, source)[1].count(repeated) == 3
    code, out, err = cli("source", "clean-anyway", project, source)
    assert code == 0, err and "cleaned" in out
    assert _claims(project, source)[1].count(repeated) == 1
    code, _, err = cli("source", "clean-anyway", project, source)
    assert code == 1 and "nothing more to remove" in err


def test_import_clean_anyway_flag(cli, project, tmp_path):
    path = tmp_path / "pack.txt"
    path.write_text(_body("06-compilation.txt"), encoding="utf-8")
    source, _, err = _import_one(cli, project, path, "--clean-anyway")
    assert "warning:" not in err
    assert _claims(project, source)[1].count("The BRICS grouping now has ten members") == 1


FOOTNOTED = ('The alliance was announced as the "AI Alliance Network."1 Members pledged capacity by 20303, '
             "and costs were cheaper2 than planned.\nThe Nvidia H100 and A100 remain the reference chips; the G20 met "
             "in 2023, and prices rose 3.5% in 12 months.\nNotes\n1. Kazan declaration, 23 October 2024.\n"
             "2. Ministry data, 2025.\n3. Strategy for AI to 2030.")


def test_footnote_markers_are_listed_with_their_notes_and_the_text_is_unchanged(cli, project, tmp_path):
    from workbench.services.ingest.footnotes import footnote_refs

    refs = footnote_refs(FOOTNOTED)
    assert [(r.number, FOOTNOTED[r.start - 3:r.end]) for r in refs] == [(1, 'k."1'), (3, "0303"), (2, "per2")]
    path = tmp_path / "notes.txt"
    path.write_text(FOOTNOTED, encoding="utf-8")
    source, _, _ = _import_one(cli, project, path)
    code, out, _ = cli("show", project, source, "--footnotes")
    assert code == 0 and out.count("\n") == 3
    assert "56:57 [1] after “…as the \"AI Alliance Network.\"”: Kazan declaration, 23 October 2024." in out
    assert "[3] after “…mbers pledged capacity by 2030”: Strategy for AI to 2030." in out
    assert _claims(project, source)[1] == FOOTNOTED  # the text the offsets refer to is untouched
    assert footnote_refs("No notes here, cheaper2 than before.") == []
