import csv
import io
import json

from workbench.services.export import escape_markdown, render_csv
from workbench.services.project import open_project
from workbench.services.settings import Settings, user_dirs


def test_csv_round_trips_every_quote_exactly(cli, project_path, tmp_path):
    sources = json.loads(cli("sources", project_path, "--json")[1])
    quotes = {"chinese.txt": "美国出口管制", "combining.txt": "résumé is fine", "emoji.md": "🇷🇺 teams buy GPUs"}
    by_name = {s["filename"]: s["id"] for s in sources}
    for name, quote in quotes.items():
        assert cli("claim", "add", project_path, "--source", by_name[name], "--quote", quote, "--tag", "a/b",
                   "--tag", "c", "--entity", "X")[0] == 0
    out = tmp_path / "claims.csv"
    assert cli("export", project_path, "--format", "csv", "-o", out)[0] == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(r["quote"] for r in rows) == sorted(quotes.values())
    assert {r["tags"] for r in rows} == {"a/b; c"}
    with open_project(project_path, writable=False) as project:
        assert render_csv(project).splitlines()[0].startswith("id,source_id,source_title,start,end,quote")


def test_markdown_escaping_keeps_quotes_literal():
    assert escape_markdown("*bold* [link](x) <b>") == r"\*bold\* \[link\](x) \<b\>"
    assert escape_markdown("# not a heading\n- not a list\n11.2 trillion") == (
        "\\# not a heading\n\\- not a list\n11.2 trillion")


def test_workbench_home_moves_all_user_files(workbench_home):
    dirs = user_dirs()
    assert all(str(p).startswith(str(workbench_home)) for p in (dirs.config, dirs.data, dirs.cache))


def test_recent_projects_are_remembered(tmp_path, workbench_home):
    projects = []
    for i in range(12):
        path = tmp_path / f"p{i}.wbproj"
        path.write_bytes(b"x")
        projects.append(path)
        Settings().add_recent_project(path)
    recent = Settings().recent_projects()
    assert len(recent) == 10 and recent[0] == str(projects[-1].resolve())
    projects[-1].unlink()
    assert Settings().last_project() == str(projects[-2].resolve())


def test_damaged_settings_file_is_set_aside(workbench_home):
    path = user_dirs().config / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert Settings().recent_projects() == []
    assert path.with_name("settings.json.damaged").read_text() == "{not json"
