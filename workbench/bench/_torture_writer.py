"""The writer the crash torture kills: random edits through the services, each reported once committed.

``python -m workbench.bench._torture_writer PROJECT INPUTS SEED``. Standard output is
the pipe to the torture process: one JSON line per committed edit, written and flushed
only after the edit's transaction returned. It runs until it is killed.
"""

from __future__ import annotations

import json
import os
import random
import sys
import traceback
from pathlib import Path

from ..core.errors import WorkbenchError
from ..core.model import ClaimDraft, ClaimKind, Grading
from ..services import network, screening
from ..services.commands import CreateClaim, DeleteClaim, EditClaim, draft_of
from ..services.ingest import ImportOptions, import_file
from ..services.ingest.worker import Extractor
from ..services.intelligence.judging import VERDICT_CHOICES, JudgeConflict
from ..services.project import Project, open_project
from ..services.screening.decisions import DecideCandidate
from ..services.screening.lists import import_list
from ..services.search.saved import delete_command, save_command
from ..storage.taxonomy import name_key as label_key

NAMES = ("Baikal Electronics", "MCST", "Yadro", "Angstrem", "Mikron", "Elvees", "Sitronics", "T-Platforms",
         "Huawei", "SMIC", "Nvidia", "TSMC", "Rostec", "Sber", "Yandex", "Kaspersky Lab")
WORDS = ("chips", "export", "controls", "accelerators", "sanctions", "foundry", "supply", "licence", "servers",
         "Russia", "China", "India", "Brazil", "policy", "compute", "memory", "tariff", "shipments")
TAGS = ("hardware/gpu", "hardware/cpu", "policy/export-controls", "region/russia", "region/china", "supply-chain")


_pipe = sys.stdout  # where reports go; a forked writer sets its end of the pipe here


def intend(kind: str, key) -> None:
    """Name an object the next edit may change, before the edit: if the writer dies mid-edit, the torture
    process knows which objects may hold either their old or their new state."""
    emit({"t": "intent", "k": kind, "u": key})


def emit(report: dict) -> None:
    _pipe.write(json.dumps(report) + "\n")
    _pipe.flush()


class Writer:
    def __init__(self, project: Project, inputs: Path, rng: random.Random):
        self.project, self.inputs, self.rng = project, inputs, rng
        self.done: list = []  # undo history (claim commands and screening decisions)
        self.undone: list = []
        self.extractor = Extractor()
        self.serial = 0

    def sentence(self, n: int = 12) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    def unique(self) -> str:
        self.serial += 1
        return f"{self.rng.getrandbits(48):012x}-{self.serial}"

    # -- claims and their undo history ---------------------------------------------------

    def create_claim(self) -> None:
        sources = self.project.sources.list()
        source = self.rng.choice(sources)
        text = self.project.sources.text(source.id)
        start = self.rng.randrange(max(len(text) - 30, 1))
        end = min(len(text), start + self.rng.randint(5, 30))
        if not text[start:end].strip():
            return
        draft = ClaimDraft(statement=self.sentence(6), kind=self.rng.choice(list(ClaimKind)),
                           grading=Grading(self.rng.choice("ABCDEF"), self.rng.randint(1, 6)),
                           tags=tuple(self.rng.sample(TAGS, self.rng.randint(0, 2))),
                           entities=tuple(self.rng.sample(NAMES, self.rng.randint(0, 2))))
        self.run_command(CreateClaim(source.id, start, end, draft), "claim")

    def any_claim(self):
        claims = self.project.claims.list()
        return self.rng.choice(claims) if claims else None

    def edit_claim(self) -> None:
        claim = self.any_claim()
        if claim is not None:
            intend("claim", claim.uuid)
            before = draft_of(claim)
            after = ClaimDraft(self.sentence(5), before.kind, before.quantities, before.grading, before.note,
                               before.tags, before.entities)
            self.run_command(EditClaim(claim.id, before, after), "claim edit")

    def delete_claim(self) -> None:
        claim = self.any_claim()
        if claim is not None:
            intend("claim", claim.uuid)
            self.run_command(DeleteClaim(claim.id), "claim delete")

    def run_command(self, command, op: str) -> None:
        command.do(self.project)
        self.done.append(command)
        self.undone.clear()
        self.report_command(command, op)

    def undo(self) -> None:
        if self.done:
            command = self.done.pop()
            if self._entity_gone(command):
                return  # its entity was deleted since, taking the decision with it: nothing to undo
            self.intend_command(command)
            command.undo(self.project)
            self.undone.append(command)
            self.report_command(command, "undo")

    def redo(self) -> None:
        if self.undone:
            command = self.undone.pop()
            if self._entity_gone(command):
                return
            self.intend_command(command)
            command.do(self.project)
            self.done.append(command)
            self.report_command(command, "redo")

    def intend_command(self, command) -> None:
        if isinstance(command, DecideCandidate):
            entity_id, list_key, entry_key = command._key
            intend("decision", [self.entity_uuid(entity_id), list_key, entry_key])
            return
        row = self.project.db.conn.execute("SELECT uuid FROM claim WHERE id = ?", (command.claim_id,)).fetchone()
        intend("claim", row[0] if row else command._deleted.uuid)

    def _entity_gone(self, command) -> bool:
        if not isinstance(command, DecideCandidate):
            return False
        entity_id = command._key[0]
        return self.project.db.conn.execute("SELECT 1 FROM entity WHERE id = ?", (entity_id,)).fetchone() is None

    def entity_uuid(self, entity_id: int) -> str:
        return self.project.db.conn.execute("SELECT uuid FROM entity WHERE id = ?", (entity_id,)).fetchone()[0]

    def report_command(self, command, op: str) -> None:
        if isinstance(command, DecideCandidate):
            entity_id, list_key, entry_key = command._key
            row = self.project.db.conn.execute(
                "SELECT decision FROM screening_decision WHERE entity_id = ? AND list_name_key = ? AND entry_key = ?",
                (entity_id, list_key, entry_key)).fetchone()
            emit({"t": "decision", "op": op, "e": self.entity_uuid(entity_id), "l": list_key, "k": entry_key,
                  "decision": row[0] if row else None})
            return
        claim_id = command.claim_id
        row = self.project.db.conn.execute("SELECT uuid, statement FROM claim WHERE id = ?", (claim_id,)).fetchone()
        if row is not None:
            emit({"t": "claim", "op": op, "u": row[0], "p": True, "v": row[1], "judged": self.judgements_of(row[0])})
        elif getattr(command, "_deleted", None) is not None:
            emit({"t": "claim", "op": op, "u": command._deleted.uuid, "p": False, "judged": []})

    def judgements_of(self, claim_uuid: str) -> list:
        """The conflict judgements a claim is in now ([uuid a, uuid b, verdict]): a claim's delete takes them,
        its undo brings them back."""
        return [list(row) for row in self.project.db.conn.execute(
            "SELECT a.uuid, b.uuid, j.verdict FROM claim_judgement j JOIN claim a ON a.id = j.claim_a "
            "JOIN claim b ON b.id = j.claim_b WHERE j.topic = 'conflict' AND ? IN (a.uuid, b.uuid)", (claim_uuid,))]

    # -- judgements and saved searches ---------------------------------------------------------

    def judge(self) -> None:
        claims = self.project.claims.list()
        if len(claims) < 2:
            return
        first, second = sorted(self.rng.sample(claims, 2), key=lambda claim: claim.id)
        intend("judgement", [first.uuid, second.uuid])
        JudgeConflict(first.id, second.id, self.rng.choice(VERDICT_CHOICES), self.sentence(3)).do(self.project)
        row = self.project.db.conn.execute(
            "SELECT verdict FROM claim_judgement WHERE claim_a = ? AND claim_b = ? AND topic = 'conflict'",
            (first.id, second.id)).fetchone()
        emit({"t": "judgement", "op": "judgement", "a": first.uuid, "b": second.uuid, "verdict": row[0] if row else None})

    def save_search(self) -> None:
        name = f"search {self.rng.randint(1, 5)}"
        intend("saved", name)
        if self.rng.random() < 0.25:
            delete_command(name).do(self.project)  # a name never saved is refused (WorkbenchError): not reported
            query = None
        else:
            query = f"{self.rng.choice(WORDS)} AND {self.rng.choice(WORDS)}"
            save_command(name, query).do(self.project)
        emit({"t": "saved", "op": "saved search", "name": name, "query": query})

    # -- entities, relations, measures -------------------------------------------------------

    def add_entity(self) -> None:
        entity = network.add_entity(self.project, f"{self.rng.choice(NAMES)} {self.unique()}",
                                    self.rng.choice(["company", "chip", "facility", "organisation"]))
        emit({"t": "entity", "op": "entity add", "u": entity.uuid, "p": True, "v": entity.name})

    def edit_entity(self) -> None:
        entities = self.project.entities.list()
        if entities:
            target = self.rng.choice(entities).uuid
            intend("entity", target)
            entity = network.edit_entity(self.project, target,
                                         name=f"{self.rng.choice(NAMES)} {self.unique()}")
            emit({"t": "entity", "op": "entity edit", "u": entity.uuid, "p": True, "v": entity.name})

    def delete_entity(self) -> None:
        entities = self.project.entities.list()
        if len(entities) > 10:
            victim = self.rng.choice(entities)
            gone = [r.uuid for r in self.project.relations.list() if victim.id in (r.subject_id, r.object_id)]
            intend("entity", victim.uuid)
            for uuid in gone:
                intend("relation", uuid)
            network.delete_entity(self.project, victim.uuid)
            # Its relations went with it, in the same transaction: one report for all of them.
            emit({"t": "entity", "op": "entity delete", "u": victim.uuid, "p": False,
                  "also": [{"t": "relation", "u": uuid, "p": False} for uuid in gone]})

    def add_relation(self) -> None:
        entities = self.project.entities.list()
        if len(entities) >= 2:
            subject, obj = self.rng.sample(entities, 2)
            relation = network.add_relation(self.project, subject.uuid, self.rng.choice(["supplies", "depends_on"]),
                                            obj.uuid, note=self.unique())
            emit({"t": "relation", "op": "relation add", "u": relation.uuid, "p": True, "v": relation.note})

    def edit_relation(self) -> None:
        relations = self.project.relations.list()
        if relations:
            target = self.rng.choice(relations).uuid
            intend("relation", target)
            relation = network.edit_relation(self.project, target, note=self.unique())
            emit({"t": "relation", "op": "relation edit", "u": relation.uuid, "p": True, "v": relation.note})

    def add_measure(self) -> None:
        targets = [e.uuid for e in self.rng.sample(self.project.entities.list(), 1)] \
            if self.project.entities.list() else []
        measure = network.add_measure(self.project, f"Measure {self.unique()}", "export_control",
                                      authority="BIS", targets=targets)
        emit({"t": "measure", "op": "measure add", "u": measure.uuid, "p": True, "v": measure.name})

    # -- imports, lists and screening -----------------------------------------------------

    def import_source(self) -> None:
        kind = self.rng.choice(["txt", "html", "docx", "pdf"])
        body = [self.sentence() for _ in range(self.rng.randint(3, 12))]
        title = f"Note {self.unique()}"
        path = self.inputs / f"{title.replace(' ', '-')}.{kind}"
        write_document(path, kind, title, body)
        # Parsed in this process: a reader process takes longer to start than most writers live, and it is
        # the database write, not the parse, whose crash safety is on trial here.
        result = import_file(self.project, path, ImportOptions(timeout=30, isolate=False), self.extractor)
        path.unlink(missing_ok=True)
        if result.status == "imported":
            emit({"t": "source", "op": f"import {kind}", "u": result.source.uuid, "p": True,
                  "v": result.source.title})

    def import_list(self) -> None:
        name = f"Torture list {self.rng.randint(1, 3)}"
        path = self.inputs / f"list-{self.unique()}.ftm.json"
        with path.open("w", encoding="utf-8") as out:
            for n in range(self.rng.randint(5, 40)):
                caption = self.rng.choice(NAMES) if n % 3 == 0 else f"{self.rng.choice(NAMES)} {self.unique()}"
                out.write(json.dumps({"id": f"e{n}-{self.rng.randint(0, 50)}", "schema": "Company",
                                      "caption": caption, "properties": {"name": [caption]}}) + "\n")
        import_list(self.project, [path], "ftm", name=name)
        path.unlink(missing_ok=True)
        imports = self.project.db.conn.execute(
            "SELECT count(*) FROM list_import i JOIN sanctions_list l ON l.id = i.list_id WHERE l.name = ?",
            (name,)).fetchone()[0]
        emit({"t": "list", "op": "list import", "name": name, "imports": imports})

    def decide(self) -> None:
        candidates = screening.run_screening(self.project)
        if candidates:
            candidate = self.rng.choice(candidates)
            intend("decision", [self.entity_uuid(candidate.entity_id), label_key(candidate.list_name),
                                candidate.entry_key])
            self.run_command(DecideCandidate(candidate.code, self.rng.choice(["confirmed", "rejected"])), "decision")


def write_document(path: Path, kind: str, title: str, body: list[str]) -> None:
    if kind == "txt":
        path.write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    elif kind == "html":
        paragraphs = "".join(f"<p>{line}</p>" for line in body)
        path.write_text(f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
                        "</article></body></html>", encoding="utf-8")
    elif kind == "docx":
        import docx

        document = docx.Document()
        document.add_heading(title, 1)
        for line in body:
            document.add_paragraph(line)
        document.save(path)
    else:
        from fpdf import FPDF  # a development dependency: the torture is run from a development install

        pdf = FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, title + "\n\n" + "\n\n".join(body))
        pdf.output(str(path))


OPERATIONS = (("create_claim", 8), ("edit_claim", 3), ("delete_claim", 1), ("undo", 3), ("redo", 2),
              ("add_entity", 3), ("edit_entity", 2), ("delete_entity", 1), ("add_relation", 3), ("edit_relation", 2),
              ("add_measure", 2), ("import_source", 2), ("import_list", 1), ("decide", 1), ("judge", 1),
              ("save_search", 1))


def run_forked(project_path: Path, inputs: Path, seed: int, pipe_fd: int) -> None:
    """The body of a writer forked from the torture process: reports go to ``pipe_fd``; never returns."""
    global _pipe
    try:
        _pipe = os.fdopen(pipe_fd, "w", buffering=1)
        main([str(project_path), str(inputs), str(seed)])
    except BaseException as exc:  # noqa: BLE001 - a writer that fails is a finding: tell the torture process
        try:
            where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            place = f" (at {Path(where.filename).name}:{where.lineno} in {where.name})" if where else ""
            emit({"t": "error", "message": f"{type(exc).__name__}: {exc}{place}"})
        finally:
            os._exit(1)
    os._exit(0)


def main(argv: list[str]) -> int:
    project_path, inputs, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    rng = random.Random(seed)
    names, weights = zip(*OPERATIONS, strict=True)
    with open_project(project_path) as project:
        writer = Writer(project, inputs, rng)
        emit({"t": "ready"})
        while True:
            operation = rng.choices(names, weights)[0]
            try:
                getattr(writer, operation)()
            except WorkbenchError:
                pass  # a refused edit (a name taken, a duplicate relation) changed nothing and is not reported


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
