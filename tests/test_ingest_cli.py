"""``workbench import`` on folders and new formats; ``show --removed`` and ``--restore``; progress and cancel."""

from workbench.services.ingest import import_files
from workbench.services.project import create_project

from . import ingest_inputs as inputs


def _source_id(cli, project, filename):
    import json

    code, out, _ = cli("sources", project, "--json")
    return next(s["id"] for s in json.loads(out) if s["filename"] == filename)


def test_import_folder_prints_a_line_per_file_and_a_summary(cli, tmp_path):
    folder = tmp_path / "in"
    inputs.write_all(folder)
    (folder / "notes").mkdir()
    (folder / "notes" / "koi.txt").write_bytes(" ".join(inputs.RUSSIAN_SENTENCES).encode("koi8_r"))
    (folder / ".hidden.txt").write_text("not imported")
    (folder / "image.png").write_bytes(b"\x89PNG")
    project = tmp_path / "p.wbproj"
    cli("new", project)
    code, out, err = cli("import", project, folder)
    assert code == 1  # the scanned PDF
    assert err.count("\n") == 1 and "scanned.pdf" in err and "no text layer" in err
    assert out.splitlines()[-1] == "6 imported, 0 duplicate(s), 1 failed"
    assert "boilerplate block(s) kept out" in out
    code, out, err = cli("import", project, folder)
    assert out.splitlines()[-1] == "0 imported, 6 duplicate(s), 1 failed"
    code, out, _ = cli("show", project, _source_id(cli, project, "koi.txt"))
    assert out.strip() == " ".join(inputs.RUSSIAN_SENTENCES)


def _imported_promo(cli, tmp_path):
    """A new project holding the promotional text; its path and the source's id."""
    path = tmp_path / "india.txt"
    path.write_text(inputs.promo_text(), encoding="utf-8")
    project = tmp_path / "p.wbproj"
    cli("new", project)
    cli("import", project, path)
    return project, _source_id(cli, project, "india.txt")


def test_show_removed_and_restore(cli, tmp_path):
    project, source = _imported_promo(cli, tmp_path)
    code, out, _ = cli("show", project, source, "--removed")
    assert code == 0 and out.count("(newsletter or subscription pitch):") == 3 and "    Use code CHIPS30" in out
    assert "#7 at" in out and "(site chrome)" in out
    code, out, _ = cli("show", project, source, "--restore", "2", "--restore", "4")
    assert code == 0 and "restored 2 block(s)" in out
    code, out, _ = cli("show", project, source)
    assert "Read more: Why Gujarat" in out and "Share | Tweet" in out and "CHIPS30" not in out
    code, out, err = cli("show", project, source, "--restore", "2")
    assert code == 1 and "has no removed block 2" in err


def test_encoding_and_keep_boilerplate_flags(cli, tmp_path):
    project = tmp_path / "p.wbproj"
    cli("new", project)
    koi = tmp_path / "koi.txt"
    koi.write_bytes("Мир".encode("koi8_r"))
    code, out, _ = cli("import", project, koi, "--encoding", "koi8-r")
    assert code == 0
    code, out, _ = cli("show", project, _source_id(cli, project, "koi.txt"))
    assert out == "Мир\n"
    promo = tmp_path / "promo.txt"
    promo.write_text(inputs.promo_text(), encoding="utf-8")
    cli("import", project, promo, "--keep-boilerplate")
    code, out, _ = cli("show", project, _source_id(cli, project, "promo.txt"))
    assert out == inputs.promo_text()


def test_progress_and_cancellation(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        (folder / f"note{i}.txt").write_text(f"Note number {i} on chip supply.", encoding="utf-8")
    progress, results = [], []
    with create_project(tmp_path / "p.wbproj") as project:
        done = import_files(project, [folder], results.append, on_progress=lambda d, t: progress.append((d, t)),
                            should_cancel=lambda: len(results) >= 3)
        assert progress == [(1, 5), (2, 5), (3, 5)] and done == results
        assert [r.status for r in done] == ["imported"] * 3 and project.sources.count() == 3


def test_failed_restore_of_several_blocks_restores_none(cli, tmp_path):
    from .conftest import project_snapshot

    project, source = _imported_promo(cli, tmp_path)
    before = project_snapshot(project)
    code, out, err = cli("show", project, source, "--restore", "2", "--restore", "99")
    assert code == 1 and err == f"workbench: source {source[:8]} has no removed block 99\n"
    assert project_snapshot(project) == before


def test_keep_boilerplate_on_a_page_without_a_title_names_the_source_after_its_file(cli, tmp_path):
    page = tmp_path / "untitled page.html"
    paragraph = "An article paragraph about chip supplies that is long enough to count as the main text. "
    page.write_text(f"<html><body><article><p>{paragraph * 3}</p><p>{paragraph * 2}</p></article></body></html>",
                    encoding="utf-8")
    project = tmp_path / "p.wbproj"
    cli("new", project)
    code, out, err = cli("import", project, page, "--keep-boilerplate")
    assert code == 0, err
    code, out, _ = cli("sources", project)
    assert "untitled page.html" in out
