import json
import sqlite3

import pytest

from workbench.storage.schema import SCHEMA_VERSION

from .conftest import SAMPLE_TEXTS, file_digest, project_snapshot
from .test_storage import damage


def _sources(cli, path):
    code, out, _ = cli("sources", path, "--json")
    assert code == 0
    return {s["filename"]: s for s in json.loads(out)}


def assert_one_line_error(err, *needles):
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0]


def test_new_import_list_show(cli, project_path):
    sources = _sources(cli, project_path)
    assert set(sources) == set(SAMPLE_TEXTS)
    assert sources["emoji.md"]["title"] == "Emoji note"
    assert sources["emoji.md"]["published"] == "2024-12-12"
    assert sources["english.txt"]["title"] == "Export controls on AI chips"
    code, out, _ = cli("show", project_path, sources["russian.txt"]["id"][:6])
    assert code == 0
    assert out == SAMPLE_TEXTS["russian.txt"]


def test_claim_add_after_emoji_stores_exact_code_point_offsets(cli, project_path):
    source = _sources(cli, project_path)["emoji.md"]
    code, out, err = cli("claim", "add", project_path, "--source", source["id"], "--quote", "Power is cheap",
                         "--statement", "Nuclear power is cheap", "--kind", "opinion", "--tag", "energy/nuclear",
                         "--entity", "Rosatom", "--reliability", "c", "--credibility", "3", "--json")
    assert code == 0, err
    claim = json.loads(out)[0]
    _, text, _ = cli("show", project_path, source["id"])
    assert text[claim["start"]:claim["end"]] == claim["quote"] == "Power is cheap"
    assert claim["prefix"] == text[claim["start"] - 32:claim["start"]]
    assert (claim["reliability"], claim["credibility"], claim["tags"], claim["entities"]) == (
        "C", 3, ["energy/nuclear"], ["Rosatom"])


@pytest.mark.parametrize("name, quote", [
    ("combining.txt", "résumé is fine"), ("combining.txt", "🚀 launch"), ("chinese.txt", "美国出口管制"),
    ("russian.txt", "объём рынка растёт"), ("emoji.md", "🇷🇺 teams buy GPUs"),
])
def test_every_stored_quote_equals_its_span(cli, project_path, name, quote):
    source = _sources(cli, project_path)[name]
    assert cli("claim", "add", project_path, "--source", source["id"], "--quote", quote)[0] == 0
    _, out, _ = cli("claims", project_path, "--json")
    texts = {}
    for claim in json.loads(out):
        text = texts.setdefault(claim["source_id"], cli("show", project_path, claim["source_id"])[1])
        assert text[claim["start"]:claim["end"]] == claim["quote"]


def test_claims_filters(cli, project_path):
    sources = _sources(cli, project_path)
    cli("claim", "add", project_path, "--source", sources["english.txt"]["id"], "--quote", "October 2022",
        "--tag", "export-controls/us", "--entity", "United States")
    cli("claim", "add", project_path, "--source", sources["russian.txt"]["id"], "--quote", "Сбер обучил GigaChat",
        "--tag", "models/llm", "--entity", "Сбер")
    by_tag = json.loads(cli("claims", project_path, "--tag", "export-controls", "--json")[1])
    assert [c["quote"] for c in by_tag] == ["October 2022"]
    by_source = json.loads(cli("claims", project_path, "--source", sources["russian.txt"]["id"], "--json")[1])
    assert [c["quote"] for c in by_source] == ["Сбер обучил GigaChat"]
    by_entity = json.loads(cli("claims", project_path, "--entity", "сбер", "--json")[1])
    assert len(by_entity) == 1
    code, out, _ = cli("claims", project_path)
    assert code == 0 and "October 2022" in out and "Сбер обучил GigaChat" in out


def test_search_and_export_markdown(cli, project_path, tmp_path):
    code, out, _ = cli("search", project_path, "ЕЩЕ", "--json")
    hits = json.loads(out)
    assert code == 0 and hits[0]["type"] == "source" and hits[0]["snippet"][slice(*hits[0]["snippet_hit"])] == "Ещё"
    source = _sources(cli, project_path)["english.txt"]
    cli("claim", "add", project_path, "--source", source["id"], "--quote", "11.2 trillion rubles",
        "--statement", "Russia targets 11.2 trillion rubles from AI by 2030", "--kind", "statistic")
    out_path = tmp_path / "report.md"
    assert cli("export", project_path, "--format", "md", "-o", out_path)[0] == 0
    report = out_path.read_text(encoding="utf-8")
    assert "> 11.2 trillion rubles" in report and "Russia targets 11.2 trillion rubles" in report
    # One heading per source cited, in the claims and again in the appendix of sources.
    assert sum(line.startswith("### ") for line in report.splitlines()) == 2


def test_duplicate_import_is_reported_not_copied(cli, project_path, text_files):
    code, out, err = cli("import", project_path, text_files["english.txt"])
    assert code == 0 and "duplicate" in out
    assert len(_sources(cli, project_path)) == len(SAMPLE_TEXTS)


def test_import_carries_on_past_bad_files(cli, project_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Société générale, numéro d'ordre".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text("A new and useful note.", encoding="utf-8")
    empty_folder = tmp_path / "nothing-here"
    empty_folder.mkdir()
    before = len(_sources(cli, project_path))
    code, out, err = cli("import", project_path, tmp_path / "missing.txt", empty_folder, empty, binary, latin, good)
    assert code == 1
    failures = err.splitlines()
    assert len(failures) == 4 and "Traceback" not in err
    for needle in ("no such file", "holds no files that can be imported", "empty file", "binary data"):
        assert any(needle in line for line in failures), needle
    assert "2 imported, 0 duplicate(s), 4 failed" in out
    assert len(_sources(cli, project_path)) == before + 2


def test_forced_encoding_that_does_not_fit_fails_clearly(cli, project_path, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Société générale, numéro d'ordre".encode("latin-1"))
    code, out, err = cli("import", project_path, latin, "--encoding", "utf-8")
    assert code == 1 and "not valid utf-8 text (bad byte at position 4)" in err
    code, out, err = cli("import", project_path, latin, "--encoding", "no-such-codec")
    assert code == 1 and "unknown encoding 'no-such-codec'" in err


BAD_PROJECT_CASES = ["missing", "directory", "empty", "text", "damaged", "newer"]


def _bad_project(kind, tmp_path, cli):
    path = tmp_path / f"{kind}.wbproj"
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("not a project")
    elif kind in ("damaged", "newer"):
        cli("new", path)
        big = tmp_path / "big.txt"
        big.write_text("lorem ipsum " * 3000)
        cli("import", path, big)
        if kind == "damaged":
            damage(path)
        else:
            conn = sqlite3.connect(path)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
            conn.close()
    return path


@pytest.mark.parametrize("kind", BAD_PROJECT_CASES)
@pytest.mark.parametrize("command", [["sources"], ["claims"], ["search", "x"], ["check"], ["import", "IN"],
                                     ["claim", "add", "P", "--source", "abcd", "--quote", "q"]])
def test_bad_project_gives_one_line_and_changes_nothing(cli, tmp_path, text_files, kind, command):
    path = _bad_project(kind, tmp_path, cli)
    digest = file_digest(path) if path.is_file() else None
    args = [str(text_files["english.txt"]) if a == "IN" else a for a in command]
    if args[0] == "claim":
        args[2] = path
    else:
        args.insert(1, path)
    code, out, err = cli(*args)
    assert code == 1
    if command[0] == "import":
        err = "\n".join(line for line in err.splitlines())
    assert_one_line_error(err, str(path))
    if digest:
        assert file_digest(path) == digest


def test_unknown_source_and_absent_or_ambiguous_quote_change_nothing(cli, project_path):
    source = _sources(cli, project_path)["english.txt"]
    before = project_snapshot(project_path)
    cases = [
        (["--source", "ffffffff", "--quote", "AI"], "no source with id"),
        (["--source", "ab", "--quote", "AI"], "too short"),
        (["--source", source["id"], "--quote", "not in the text"], "quote not found"),
        (["--source", source["id"], "--quote", "AI"], "appears 3 times"),
        (["--source", source["id"], "--quote", "AI", "--occurrence", "5"], "occurrence 5 does not exist"),
        (["--source", source["id"], "--quote", "2022", "--credibility", "9"], "credibility"),
        (["--source", source["id"], "--quote", "2022", "--kind", "rumour"], "kind must be one of"),
    ]
    for extra, message in cases:
        code, _, err = cli("claim", "add", project_path, *extra)
        assert code == 1, extra
        assert_one_line_error(err, message)
    assert project_snapshot(project_path) == before
    code, _, err = cli("show", project_path, "0000dead")
    assert code == 1 and "no source with id" in err


def test_occurrence_picks_the_nth_appearance(cli, project_path):
    source = _sources(cli, project_path)["english.txt"]
    code, out, _ = cli("claim", "add", project_path, "--source", source["id"], "--quote", "AI", "--occurrence", "2",
                       "--json")
    claim = json.loads(out)[0]
    text = SAMPLE_TEXTS["english.txt"]
    assert claim["start"] == text.index("AI", text.index("AI") + 1)


def test_check_reports_ok_and_problems(cli, project_path):
    code, out, _ = cli("check", project_path)
    assert code == 0 and out.strip().endswith("ok")


def test_new_refuses_existing(cli, project_path):
    digest = file_digest(project_path)
    code, _, err = cli("new", project_path)
    assert code == 1
    assert_one_line_error(err, "already exists")
    assert file_digest(project_path) == digest


def test_export_to_missing_folder_writes_nothing(cli, project_path, tmp_path):
    target = tmp_path / "nope" / "r.md"
    code, _, err = cli("export", project_path, "--format", "md", "-o", target)
    assert code == 1
    assert_one_line_error(err, "does not exist")
    assert not target.parent.exists()


@pytest.mark.parametrize("args, message", [
    (("claim", "add", "{p}", "--source", "abcd"), "the following arguments are required: --quote"),
    (("search", "{p}", "chips", "--limit", "many"), "argument --limit: invalid int value: 'many'"),
    (("no-such-command",), "invalid choice: 'no-such-command'"),
])
def test_usage_mistakes_are_one_line_and_exit_1(cli, project_path, args, message):
    before = project_snapshot(project_path)
    code, out, err = cli(*(a.format(p=project_path) for a in args))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("workbench: ") and message in err
    assert project_snapshot(project_path) == before
