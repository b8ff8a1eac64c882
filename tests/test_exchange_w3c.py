"""W3C Web Annotation out and in, Hypothesis in, and re-anchoring after planted re-extraction changes."""

import json
from pathlib import Path

import pytest

from workbench.core.model import ClaimDraft
from workbench.core.reanchor import reanchor
from workbench.services.annotate import add_claim_by_quote
from workbench.services.exchange.formats import export_bytes, import_exchange_file
from workbench.services.ingest import ImportOptions, import_files
from workbench.services.project import create_project, open_project
from workbench.services.sample import build_sample, sample_dir


def _source(project, title: str, text: str, url: str = ""):
    from workbench.core.model import SourceMeta

    return project.sources.add(SourceMeta(title, url=url), text, text.encode(), "text/plain")


def test_w3c_export_has_selectors_bodies_and_targets(tmp_path):
    with create_project(tmp_path / "p.wbproj") as project:
        with_url = _source(project, "Page", "Nvidia H20 sales to China were capped in 2023. 🚀 Later more.",
                           url="https://example.org/h20")
        without = _source(project, "Memo", "Baikal Electronics lost access to TSMC.")
        first = add_claim_by_quote(project, with_url.uuid, "🚀 Later", ClaimDraft(
            statement="A rocket", note="check", tags=("compute/gpu", "china"), kind="opinion",
            entities=("Nvidia",)))
        add_claim_by_quote(project, without.uuid, "lost access", ClaimDraft())
        document = json.loads(export_bytes(project, "w3c"))
    assert document["type"] == "AnnotationCollection" and document["total"] == 2
    assert document["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    items = {a["id"]: a for a in document["first"]["items"]}
    annotation = items[f"urn:uuid:{first.uuid}"]
    assert annotation["type"] == "Annotation"
    assert annotation["target"]["source"] == "https://example.org/h20"
    selectors = {s["type"]: s for s in annotation["target"]["selector"]}
    quote, position = selectors["TextQuoteSelector"], selectors["TextPositionSelector"]
    assert quote["exact"] == "🚀 Later" and quote["prefix"].endswith("2023. ") and quote["suffix"] == " more."
    # Code points, as the W3C model counts: the emoji is one.
    text = "Nvidia H20 sales to China were capped in 2023. 🚀 Later more."
    assert (position["start"], position["end"]) == (text.index("🚀"), text.index("🚀") + len("🚀 Later"))
    bodies = {(b["purpose"], b["value"]) for b in annotation["body"]}
    assert bodies == {("describing", "A rocket"), ("commenting", "check"), ("tagging", "compute/gpu"),
                      ("tagging", "china")}
    assert annotation["rw:kind"] == "opinion" and annotation["rw:entities"] == ["Nvidia"]
    other = next(a for a in items.values() if a is not annotation)
    assert other["target"]["source"].startswith("urn:uuid:") and "body" not in other


def test_sample_to_w3c_to_a_project_with_the_same_sources_reanchors_every_claim(tmp_path):
    sample_path = build_sample(tmp_path / "sample.wbproj")
    out = tmp_path / "sample.jsonld"
    with open_project(sample_path) as sample:
        out.write_bytes(export_bytes(sample, "w3c"))
        claims = {c.uuid: c for c in sample.claims.list()}
    spec = json.loads((sample_dir() / "sample.json").read_text(encoding="utf-8"))
    with create_project(tmp_path / "same-sources.wbproj") as project:  # the same files, imported afresh
        import_files(project, [sample_dir() / s["file"] for s in spec["sources"]], options=ImportOptions(isolate=False))
        report = import_exchange_file(project, out)
        assert report.added["claims"] == len(claims) and not report.skipped and not report.flagged
        for copy in project.claims.list():
            claim = claims[copy.uuid]
            assert copy.anchor == claim.anchor and copy.source_title == claim.source_title
            assert (copy.statement, copy.note, copy.tags, copy.kind, copy.quantities, copy.grading,
                    copy.entities) == (claim.statement, claim.note, claim.tags, claim.kind, claim.quantities,
                                       claim.grading, claim.entities)
        assert project.db.integrity_problems() == []


ORIGINAL = (
    "Import routes\n\n"
    "Servers with Nvidia GPUs kept arriving through Kazakhstan and Armenia in 2023.\n\n"
    "A second paragraph says the supply of spare parts dried up within a year.\n\n"
    "Yandex trained its model on clusters of A100 cards bought before the controls.\n\n"
    "Sber said its GigaChat model reached parity with earlier Western systems.\n\n"
    "The ministry expects domestic chips by 2030. The ministry expects domestic chips by 2030 at the latest.\n\n"
    "Closing remarks about energy prices near nuclear plants."
)
CHANGED = (
    "Import routes\n\n"
    "Yandex trained its model on clusters of A100 cards bought before the controls.\n\n"  # moved up
    "Servers with Nvidia GPUs kept arriving through Kazakhstan and Armenia in 2023.\n\n"
    "A second paragraph says the supply of spare\nparts dried up within a year.\n\n"  # re-wrapped
    "Sber said its GigaChat model achieved parity with earlier Western systems.\n\n"  # a word changed
    "Closing remarks about electricity tariffs only.\n\n"  # rewritten
    "Footer."
)
PLANTED = {  # quote -> what a person would do after re-extraction
    "Import routes": "position",
    "Yandex trained its model on clusters of A100 cards": "quote",  # moved paragraph
    "Servers with Nvidia GPUs kept arriving through Kazakhstan": "quote",
    "the supply of spare parts dried up within a year": "whitespace",
    "Sber said its GigaChat model reached parity with earlier Western systems": "fuzzy",
    "energy prices near nuclear plants": "reported",  # the passage was rewritten
    "The ministry expects domestic chips by 2030.": "reported",  # the passage is gone
}


def test_reanchoring_after_planted_re_extraction_changes(tmp_path):
    with create_project(tmp_path / "before.wbproj") as before:
        source = _source(before, "Briefing", ORIGINAL)
        for quote in PLANTED:
            add_claim_by_quote(before, source.uuid, quote, ClaimDraft(statement=quote[:10]), occurrence=1)
        out = tmp_path / "claims.jsonld"
        out.write_bytes(export_bytes(before, "w3c"))
    with create_project(tmp_path / "after.wbproj") as after:
        _source(after, "Briefing", CHANGED)  # same title, re-extracted text, a new UUID
        report = import_exchange_file(after, out)
        placed = {c.statement: c for c in after.claims.list()}
        counts = {"placed": 0, "reported": 0}
        for quote, expected in PLANTED.items():
            if expected == "reported":
                assert quote[:10] not in placed
                assert any(repr(quote[:40]) in line or quote[:30] in line for line in report.skipped), quote
                counts["reported"] += 1
                continue
            claim = placed[quote[:10]]
            counts["placed"] += 1
            assert CHANGED[claim.anchor.start:claim.anchor.end] == claim.anchor.quote
            if expected in ("position", "quote"):
                assert claim.anchor.quote == quote
            else:
                assert claim.anchor_status == "reanchored"
                assert any(claim.uuid[:8] in line for line in report.flagged)
        assert counts == {"placed": 5, "reported": 2}
        assert len(report.flagged) == 2 and len(report.skipped) == 2
        assert after.db.integrity_problems() == []


@pytest.mark.parametrize("quote, method", [
    ("kept arriving", "quote"), ("the supply of spare parts", "whitespace"),
])
def test_reanchor_methods(quote, method):
    text = CHANGED
    assert reanchor(text, quote).method == method


def test_a_repeated_quote_is_placed_by_its_context_or_reported():
    text = "alpha. The chip is banned. beta. The chip is banned. gamma."
    second = text.rindex("The chip")
    found = reanchor(text, "The chip is banned", prefix="beta. ", suffix=" gamma")
    assert found.method == "context" and found.anchor.start == second
    unsure = reanchor(text, "The chip is banned", prefix="zzz", suffix="yyy")
    assert not unsure.confident and unsure.anchor is None and "2 times" in unsure.reason


def test_a_doubtful_fuzzy_match_is_not_placed():
    found = reanchor("Rosatom builds reactors in many countries.", "Rosatom builds data centres in two places")
    assert not found.confident and "doubtful" in found.reason


def _hypothesis_export(url: str, title: str, quote: str, prefix: str, suffix: str) -> dict:
    return {"total": 2, "rows": [
        {"id": "J2rS9K0yEe6xQp3Y8vVhTw", "created": "2024-01-02T10:00:00.000000+00:00",
         "updated": "2024-01-03T10:00:00.000000+00:00", "uri": url, "text": "Route via Central Asia",
         "tags": ["routes", "compute/gpu"], "document": {"title": [title]},
         "target": [{"source": url, "selector": [
             {"type": "RangeSelector", "startContainer": "/div[1]/p[2]", "startOffset": 0,
              "endContainer": "/div[1]/p[2]", "endOffset": 30},
             {"type": "TextPositionSelector", "start": 4711, "end": 4711 + len(quote)},
             {"type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix}]}]},
        {"id": "PageNote0001", "created": "2024-01-02T10:00:00+00:00", "uri": url, "text": "A page note",
         "target": [{"source": url}], "document": {"title": [title]}},
    ]}


def test_hypothesis_export_lands_on_the_matching_source(tmp_path):
    quote = "kept arriving through Kazakhstan"
    with create_project(tmp_path / "h.wbproj") as project:
        _source(project, "Briefing", ORIGINAL, url="https://www.example.org/briefing")
        path = tmp_path / "hypothesis.json"
        path.write_text(json.dumps(_hypothesis_export("https://example.org/briefing/", "Other title", quote,
                                                      "Servers with Nvidia GPUs ", " and Armenia")))
        report = import_exchange_file(project, path)
        (claim,) = project.claims.list()
        assert claim.anchor.quote == quote and claim.note == "Route via Central Asia"
        assert set(claim.tags) == {"routes", "compute/gpu"}
        assert any("page" in s for s in report.skipped)
        again = import_exchange_file(project, path)  # the same export twice: nothing doubled
        assert again.added["claims"] == 0 and project.claims.count() == 1


def test_annotations_for_an_unknown_source_are_reported(tmp_path):
    with create_project(tmp_path / "u.wbproj") as project:
        _source(project, "Briefing", ORIGINAL)
        path = tmp_path / "h.json"
        path.write_text(json.dumps(_hypothesis_export("https://nowhere.example/x", "Nothing", "routes", "", "")))
        report = import_exchange_file(project, path)
        assert project.claims.count() == 0
        assert any("no source in this project" in s for s in report.skipped)


def test_json_that_is_not_annotations_fails_with_one_line(tmp_path):
    from workbench.core.errors import InvalidInputError

    with create_project(tmp_path / "j.wbproj") as project:
        for name, content in (("a.json", "{\"hello\": 1}"), ("b.jsonld", "[1, 2"), ("c.json", "7")):
            path = Path(tmp_path / name)
            path.write_text(content)
            with pytest.raises(InvalidInputError) as caught:
                import_exchange_file(project, path)
            assert name in str(caught.value) and "\n" not in str(caught.value)
