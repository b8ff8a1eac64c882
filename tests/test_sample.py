import json

from workbench.core.model import EntityKind
from workbench.services.project import open_project
from workbench.services.sample import build_sample
from workbench.services.search import search


def test_sample_project_is_full_and_exact(tmp_path):
    path = build_sample(tmp_path / "sample.wbproj")
    with open_project(path, writable=False) as project:
        sources = project.sources.list()
        assert len(sources) >= 5
        assert {s.meta.language for s in sources} >= {"en", "ru", "zh"}
        claims = project.claims.list()
        assert len(claims) >= 25
        texts = {s.id: project.sources.text(s.id) for s in sources}
        for claim in claims:
            assert texts[claim.source_id][claim.anchor.start:claim.anchor.end] == claim.anchor.quote
        assert any(any(ord(ch) > 0xFFFF for ch in texts[c.source_id][:c.anchor.start]) for c in claims)
        assert all(c.tags for c in claims)
        assert project.relations.list() and project.measures.list()
        assert all(r.evidence for r in project.relations.list())
        assert not [e for e in project.entities.list() if e.kind == EntityKind.OTHER]
        assert project.db.integrity_problems() == []
        assert search(project, "ещё") and search(project, "昇腾") and search(project, "GigaChat")


def test_sample_command_keeps_the_users_copy(cli, workbench_home):
    code, out, _ = cli("sample")
    path = out.strip()
    assert code == 0 and path.startswith(str(workbench_home))
    code, out, _ = cli("claim", "add", path, "--source",
                       json.loads(cli("sources", path, "--json")[1])[0]["id"], "--quote", "BRICS", "--occurrence", "1")
    assert code == 0
    count = len(json.loads(cli("claims", path, "--json")[1]))
    assert cli("sample")[1].strip() == path
    assert len(json.loads(cli("claims", path, "--json")[1])) == count


def test_sample_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "mine.wbproj"
    target.write_bytes(b"precious")
    code, _, err = cli("sample", target)
    assert code == 1 and "already exists" in err
    assert target.read_bytes() == b"precious"
