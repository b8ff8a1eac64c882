"""The bundled sample project: briefing notes in data/sample plus a JSON list of what to mark in them."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from ..core.errors import InvalidInputError, ProjectFileError
from ..core.model import ClaimDraft, ClaimKind, EntityKind, Grading, LinkKind, MeasureKind, Quantity, RelationKind
from .annotate import add_claim_by_quote
from .ingest import ImportOptions, import_files
from .project import Project, create_project

SPEC_NAME = "sample.json"


def sample_dir() -> Path:
    return Path(str(resources.files("workbench.data").joinpath("sample")))


def user_sample() -> Path:
    """The per-user copy of the sample project, made on first use and kept after (the analyst may work in it)."""
    from .settings import user_dirs

    path = user_dirs().data / "sample.wbproj"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_sample(path)
    return path


def build_sample(path: str | os.PathLike) -> Path:
    """Write the sample project to ``path`` (which must not exist yet), all at once or not at all.

    The project is built in a hidden folder beside ``path`` and linked into place only
    when complete, so a killed build never leaves an empty or half-made sample under
    the real name. Folders left by builds that were killed are removed on the next run.
    """
    target = Path(path)
    if target.suffix == "":
        target = target.with_suffix(".wbproj")
    if target.exists():
        raise ProjectFileError(f"{target}: already exists; choose another name")
    _remove_dead_builds(target)
    folder = sample_dir()
    spec = json.loads((folder / SPEC_NAME).read_text(encoding="utf-8"))
    workdir = Path(tempfile.mkdtemp(prefix=f"{_build_prefix(target)}{os.getpid()}.", dir=target.parent))
    try:
        with create_project(workdir / target.name, spec["title"]) as project:
            with project.db.transaction():  # all or nothing
                _populate(project, folder, spec)
        try:
            os.link(workdir / target.name, target)
        except FileExistsError:
            raise ProjectFileError(f"{target}: already exists; choose another name") from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return target


def _build_prefix(target: Path) -> str:
    return f".{target.name}.building."


def _remove_dead_builds(target: Path) -> None:
    prefix = _build_prefix(target)
    for leftover in target.parent.glob(prefix + "*"):
        pid = leftover.name[len(prefix):].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _populate(project: Project, folder: Path, spec: dict) -> None:
    source_refs = {}
    # The bundled notes are our own files: parsed in this process, no worker needed.
    results = import_files(project, [folder / item["file"] for item in spec["sources"]],
                           options=ImportOptions(isolate=False))
    for item, result in zip(spec["sources"], results, strict=True):
        if result.status != "imported" or result.source is None:
            raise InvalidInputError(f"sample source {item['file']}: {result.message}")
        source_refs[item["file"]] = result.source.uuid
        if item.get("reliability"):
            project.db.conn.execute("UPDATE source SET reliability = ? WHERE id = ?",
                                    (item["reliability"], result.source.id))
    for item in spec.get("entities", []):
        project.entities.add(item["name"], EntityKind(item["kind"]), item.get("country", ""),
                             tuple(item.get("aliases", ())), item.get("note", ""))
    claims = {}
    for item in spec["claims"]:
        draft = ClaimDraft(
            statement=item.get("statement", ""), kind=ClaimKind(item.get("kind", "fact")),
            quantities=tuple(Quantity(q["value"], q.get("unit", ""), q.get("year")) for q in item.get("quantities", ())),
            grading=Grading(item.get("reliability"), item.get("credibility")), note=item.get("note", ""),
            tags=tuple(item.get("tags", ())), entities=tuple(item.get("entities", ())),
        )
        claims[item["key"]] = add_claim_by_quote(project, source_refs[item["source"]], item["quote"], draft,
                                                 item.get("occurrence")).id
    for item in spec.get("links", []):
        project.claims.link(claims[item["from"]], claims[item["to"]], LinkKind(item["kind"]), item.get("note", ""))

    def entity_id(name: str) -> int:
        return project.entities.ensure(name)

    for item in spec.get("relations", []):
        project.relations.add(entity_id(item["subject"]), RelationKind(item["kind"]), entity_id(item["object"]),
                              item.get("valid_from", ""), item.get("valid_to", ""), item.get("note", ""),
                              tuple(claims[k] for k in item.get("evidence", ())))
    for item in spec.get("measures", []):
        project.measures.add(item["name"], MeasureKind(item["kind"]), item.get("authority", ""),
                             item.get("citation", ""), item.get("announced", ""), item.get("effective_from", ""),
                             item.get("effective_to", ""), item.get("note", ""),
                             tuple(entity_id(n) for n in item.get("targets", ())),
                             tuple(claims[k] for k in item.get("evidence", ())))
