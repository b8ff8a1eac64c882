"""The self-test's project steps (no Qt): sample project, imports, a claim, search, screening, exports.

Imports go through the sandboxed worker process, as an analyst's do, so a frozen app
whose worker cannot start (no ``freeze_support``, a missing hidden import) fails here.
Exports iterate over ``EXPORT_FORMATS``: a format added to the program is exercised
without touching this file, and each output is read back with a real reader where the
program ships one.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from ..core.model import ClaimDraft, ClaimKind, Grading
from ..services.annotate import add_claim_by_quote
from ..services.export import EXPORT_FORMATS, export_project
from ..services.ingest import ImportOptions
from ..services.ingest.batch import import_file
from ..services.ingest.worker import Extractor
from ..services.intelligence.analysis import analyse
from ..services.intelligence.review import suggestions_for_source
from ..services.project import Project, open_project
from ..services.sample import build_sample
from ..services.screening import run_screening
from ..services.screening.lists import import_list
from ..services.search import search

Step = tuple[str, Callable[[], str]]
CLAIM_QUOTE = "planned to draw up to 80 MW for computing"
# What each fixture must yield once imported: a phrase of its body text.
FIXTURES = {"text": ("note.txt", "fewer than 10,000 data-centre GPUs"),
            "HTML": ("page.html", "total processing performance of 4800"),
            "PDF": ("brief.pdf", "Kalinin nuclear power plant")}
LISTED = ("Baikal Electronics", "MCST")


def fixture_dir() -> Path:
    return Path(str(resources.files("workbench.resources").joinpath("selftest")))


class State:
    """What the steps share: the temporary folder, the open project, the worker, what was made."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.project: Project | None = None
        self.extractor = Extractor()
        self.source_ids: dict[str, int] = {}
        self.claim_id: int | None = None

    def need_project(self) -> Project:
        if self.project is None:
            raise RuntimeError("no project: the sample project step failed")
        return self.project

    def close(self) -> None:
        self.extractor.close()
        if self.project is not None:
            self.project.close()
            self.project = None


def _sample(state: State) -> str:
    path = build_sample(state.folder / "sample.wbproj")
    state.project = open_project(path)
    sources, claims = state.project.sources.count(), state.project.claims.count()
    if not sources or not claims:
        raise RuntimeError(f"the sample project is empty ({sources} sources, {claims} claims)")
    return f"{sources} sources, {claims} claims, {len(state.project.entities.list())} entities"


def _import(state: State, label: str) -> str:
    name, phrase = FIXTURES[label]
    result = import_file(state.need_project(), fixture_dir() / name, ImportOptions(), state.extractor)
    if result.status != "imported":
        raise RuntimeError(f"{name}: {result.status}: {result.message}")
    text = state.need_project().sources.text(result.source.id)
    if phrase not in " ".join(text.split()):
        raise RuntimeError(f"{name}: the imported text lacks {phrase!r}")
    state.source_ids[label] = result.source.id
    return f"{name} in the worker process, {len(text)} characters"


def _claim(state: State) -> str:
    project = state.need_project()
    source = project.sources.get(state.source_ids["PDF"])
    claim = add_claim_by_quote(project, source.uuid, CLAIM_QUOTE, ClaimDraft(
        statement="A data centre at Kalinin NPP was to draw up to 80 MW", kind=ClaimKind.STATISTIC,
        grading=Grading("B", 2), tags=("selftest",)))
    state.claim_id = claim.id
    if project.claims.get(claim.id).anchor.quote != CLAIM_QUOTE:
        raise RuntimeError("the stored claim does not read back with its quote")
    return f"claim {claim.uuid[:8]} at characters {claim.anchor.start}-{claim.anchor.end}"


def _search(state: State) -> str:
    project = state.need_project()
    hits = search(project, "accelerators")
    if not any(h.source_id == state.source_ids["text"] for h in hits):
        raise RuntimeError("searching 'accelerators' did not find the imported text")
    claim_hits = [h for h in search(project, "80 MW") if h.kind == "claim"]
    if not claim_hits:
        raise RuntimeError("searching '80 MW' did not find the new claim")
    cjk = search(project, "昇腾")
    if not cjk:
        raise RuntimeError("searching Chinese text found nothing")
    return f"{len(hits)} hits for 'accelerators', {len(claim_hits)} claim hits, {len(cjk)} for 昇腾"


def _screen(state: State) -> str:
    project = state.need_project()
    summary = import_list(project, [fixture_dir() / "list.csv"], "opensanctions-csv", name="Self-test list",
                          version_date="2024-06-01")
    candidates = run_screening(project)
    matched = {c.entity_label for c in candidates if c.list_name == "Self-test list"}
    missing = [name for name in LISTED if not any(name in label for label in matched)]
    if missing:
        raise RuntimeError(f"screening missed {', '.join(missing)} (found {sorted(matched)})")
    return f"{summary.entries} list entries, {len(candidates)} candidates"


def _ftm_list(state: State) -> str:
    """A FollowTheMoney list (read with orjson, a compiled module the bundle must carry)."""
    path = state.folder / "list.ftm.json"
    people = (("st-1", "Person", "Ivan Selftestov"), ("st-2", "Company", "Selftest Microelectronics JSC"))
    path.write_text("\n".join(json.dumps({"id": key, "schema": schema, "caption": name,
                                          "properties": {"name": [name]}}) for key, schema, name in people) + "\n",
                    encoding="utf-8")
    summary = import_list(state.need_project(), [path], "ftm", name="Self-test FtM list")
    if summary.entries != len(people):
        raise RuntimeError(f"the FtM list gave {summary.entries} entries, not {len(people)}")
    return f"{summary.entries} entries"


def _intelligence(state: State) -> str:
    project = state.need_project()
    suggested = sum(len(suggestions_for_source(project, source.id)) for source in project.sources.list())
    if not suggested:
        raise RuntimeError("no claim was suggested in any source")
    analysis = analyse(project)
    unrated = [claim.id for claim in project.claims.list() if analysis.standing(claim.id) is None]
    if unrated:
        raise RuntimeError(f"{len(unrated)} claims have no corroboration status or confidence")
    return (f"{suggested} suggested claims; {len(analysis.groups)} corroboration groups, "
            f"{len(analysis.conflicts)} conflicts, a confidence for every claim")


def _text_of_export(path: Path) -> str:
    """The export's text as its reader sees it: PDF and Office files through a real reader."""
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        from pdfminer.high_level import extract_text

        return extract_text(str(path))
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is not None:
                raise RuntimeError(f"{path.name}: damaged archive")
            parts = [n for n in archive.namelist() if n.endswith((".xml", ".qde"))]
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in parts)
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        return "\n".join("\t".join(row) for row in rows)
    return data.decode("utf-8")


def _export(state: State, fmt: str) -> str:
    out = state.folder / f"report.{fmt}"
    export_project(state.need_project(), fmt, out)
    size = out.stat().st_size
    if not size:
        raise RuntimeError(f"{out.name} is empty")
    text = " ".join(_text_of_export(out).split())
    if fmt == "qdc":  # a codebook holds the tag tree, not the claims
        if 'name="alliances"' not in text:
            raise RuntimeError(f"{out.name} lacks the sample's tags")
        return f"{out.name}, {size:,} bytes, the sample's tags found in it"
    # Markdown escapes nothing in this quote; HTML and Office files may break lines inside it.
    if "80 MW" not in text and "80&#160;MW" not in text:
        raise RuntimeError(f"{out.name} lacks the self-test claim")
    return f"{out.name}, {size:,} bytes, the new claim found in it"


def project_steps(state: State) -> list[Step]:
    steps: list[Step] = [("create the sample project", lambda: _sample(state))]
    steps += [(f"import {label}", lambda label=label: _import(state, label)) for label in FIXTURES]
    steps += [("add a claim", lambda: _claim(state)),
              ("search", lambda: _search(state)),
              ("screen against a list", lambda: _screen(state)),
              ("import an FtM list", lambda: _ftm_list(state)),
              ("suggest claims, corroborate and find conflicts", lambda: _intelligence(state))]
    steps += [(f"export {fmt}", lambda fmt=fmt: _export(state, fmt)) for fmt in EXPORT_FORMATS]
    return steps
