"""Sanctions lists at full size: import a generated list and screen 1,000 entities against it.

``python -m workbench.bench lists [N_ENTRIES] [N_ENTITIES]`` (100,000 entries unless told; the
issue's figures are for 1,000,000). The list is written as OpenSanctions FtM JSON lines (the
largest of the formats) in a temporary folder; the import runs in a child process so that its
peak memory is its own. The import includes filing the names for screening (the index is
saved in the user's cache folder, here a temporary one), so screening starts by loading it.
Wall and CPU seconds are both given: the machine is shared, and wall time says more about
the neighbours than about the code.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import machine_line, write_results

TARGET_IMPORT_S, TARGET_PEAK_MB, TARGET_SCREEN_S = 60.0, 1000.0, 10.0
_SYLLABLES = ("ka", "ra", "mi", "to", "lo", "ve", "sa", "ni", "bor", "dan", "zel", "gor", "tek", "vol", "mar", "sib",
              "pro", "len", "kov", "nev", "tas", "rus", "ark", "dor", "ele", "kon", "lin", "mos", "pet", "str")
_FIRST = ("Ivan", "Sergey", "Dmitry", "Alexei", "Mikhail", "Andrei", "Yuri", "Oleg", "Pavel", "Nikolai", "Anna",
          "Elena", "Olga", "Tatiana", "Irina", "Natalia", "Viktor", "Boris", "Igor", "Roman")
_WORDS = ("Technologies", "Systems", "Electronics", "Engineering", "Trading", "Logistics", "Microelectronics",
          "Instruments", "Semiconductor", "Holding", "Machinery", "Research", "Computing", "Supply", "Energy")
_FORMS = ("LLC", "JSC", "OOO", "AO", "Ltd", "PJSC", "GmbH", "Co., Ltd.")
_CYRILLIC = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "k": "к", "l": "л",
             "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х",
             "y": "ы", "c": "к", "x": "кс", "j": "й", "w": "в", "q": "к"}


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def to_cyrillic(text: str) -> str:
    """A rough Russian spelling of a generated Latin name, as a list would give it as an alias."""
    out = []
    for ch in text:
        low = ch.lower()
        cyr = _CYRILLIC.get(low, ch)
        out.append(cyr.upper() if ch.isupper() else cyr)
    return "".join(out)


def generated_party(rng: random.Random, taken: set[str] | None = None) -> tuple[str, str, str, list[str]]:
    """(schema, name, name without legal form, aliases) of a made-up party, its name not in ``taken``."""
    while True:
        if rng.random() < 0.45:
            first = rng.choice(_FIRST)
            core = f"{first} {_word(rng, rng.randint(2, 4))}{rng.choice(('ov', 'in', 'enko', 'sky'))}"
            schema, name, aliases = "Person", core, [to_cyrillic(core)]
        else:
            core = _word(rng, rng.randint(2, 4)) + (" " + rng.choice(_WORDS) if rng.random() < 0.7 else "")
            schema, name = "Company", f"{core} {rng.choice(_FORMS)}"
            aliases = [to_cyrillic(core)] if rng.random() < 0.5 else []
        if taken is None or core not in taken:
            if taken is not None:
                taken.add(core)
            return schema, name, core, aliases


def write_ftm(path: Path, count: int, seed: int = 5) -> list[tuple[str, str, str]]:
    """Write ``count`` entities (plus one Address per 10) and return (schema, name, core name) of each party."""
    rng = random.Random(seed)
    parties, taken = [], set()
    with path.open("w", encoding="utf-8") as fh:
        for number in range(count):
            schema, name, core, aliases = generated_party(rng, taken)
            parties.append((schema, name, core))
            props = {"name": [name], "alias": aliases, "country": [rng.choice(("ru", "by", "cn", "ir", "ae"))],
                     "topics": ["sanction"]}
            if schema == "Company" and rng.random() < 0.5:
                props["innCode"] = [str(rng.randrange(10 ** 9, 10 ** 10))]
            fh.write(json.dumps({"id": f"gen-{number}", "caption": name, "schema": schema, "properties": props,
                                 "datasets": ["generated"], "first_seen": "2024-01-01T00:00:00"},
                                ensure_ascii=False) + "\n")
            if number % 10 == 0:
                fh.write(json.dumps({"id": f"addr-{number}", "schema": "Address",
                                     "properties": {"full": ["Somewhere"]}}) + "\n")
    return parties


_CHILD = """
import json, sys, time
from workbench.services.project import open_project
from workbench.services.screening.lists import import_list
started, cpu = time.perf_counter(), time.process_time()
with open_project(sys.argv[1]) as project:
    summary = import_list(project, [sys.argv[2]], "ftm", name="Generated")
print(json.dumps({"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
                  "entries": summary.entries}))
"""


def _import_in_child(project: Path, list_file: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", _CHILD, str(project), str(list_file)], capture_output=True,
                            text=True, check=True)
    figures = json.loads(result.stdout)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return figures


def _screen(project_path: Path, parties: list[tuple[str, str, str]], count: int) -> dict:
    from ..core.matching import STRONG_SCORE
    from ..core.model import EntityKind
    from ..services import screening
    from ..services.project import open_project

    rng = random.Random(11)
    planted = rng.sample(range(len(parties)), count * 3 // 10)
    expected = {}
    with open_project(project_path) as project:
        with project.db.transaction():
            for number in planted:  # listed parties, some companies written in Cyrillic without their legal form
                schema, name, core = parties[number]
                kind = EntityKind.PERSON if schema == "Person" else EntityKind.COMPANY
                shown = to_cyrillic(core) if kind is EntityKind.COMPANY and rng.random() < 0.5 else name
                expected[project.entities.add(shown, kind).id] = f"gen-{number}"
            taken = {core for _, _, core in parties}
            for _ in range(count - len(planted)):  # parties that are not on the list
                _, name, _, _ = generated_party(rng, taken)
                project.entities.add(name, EntityKind.COMPANY)
        started, cpu = time.perf_counter(), time.process_time()
        index = screening.build_index(project)
        built, built_cpu = time.perf_counter(), time.process_time()
        entities = screening.screenable_entities(project)
        found = screening.screen_entities(project, entities, index)
        done, done_cpu = time.perf_counter(), time.process_time()
    hits = {(f.entity_id, f.entry_key) for f in found if f.method == "identifier" or f.score >= STRONG_SCORE}
    return {"index_s": built - started, "screen_s": done - built, "index_cpu": built_cpu - cpu,
            "screen_cpu": done_cpu - built_cpu, "entities": len(entities), "candidates": len(found),
            "planted": len(planted), "planted_found": sum((e, k) in hits for e, k in expected.items())}


def main(argv: list[str]) -> int:
    entries = int(argv[0]) if argv else 100_000
    entities = int(argv[1]) if len(argv) > 1 else 1_000
    from ..services.project import create_project

    with tempfile.TemporaryDirectory() as folder:
        os.environ["WORKBENCH_HOME"] = str(Path(folder) / "home")  # the index cache goes with the folder
        list_file = Path(folder) / "generated.ftm.json"
        started = time.perf_counter()
        parties = write_ftm(list_file, entries)
        generated_s = time.perf_counter() - started
        size_mb = list_file.stat().st_size / 1e6
        project = Path(folder) / "bench.wbproj"
        create_project(project).close()
        imported = _import_in_child(project, list_file)
        screened = _screen(project, parties, entities)
    lines = [
        f"list: {entries:,} FtM entities ({size_mb:.1f} MB, generated in {generated_s:.1f} s)",
        f"import (names filed for screening included): {imported['entries']:,} entries in "
        f"{imported['seconds']:.1f} s, {imported['cpu']:.1f} s of CPU (target < {TARGET_IMPORT_S:g} s: "
        f"{imported['seconds'] / TARGET_IMPORT_S:.2f} of it); peak memory {imported['peak_mb']:.0f} MB "
        f"(target < {TARGET_PEAK_MB:g} MB: {imported['peak_mb'] / TARGET_PEAK_MB:.2f} of it)",
        f"screening: index of all names loaded in {screened['index_s']:.1f} s ({screened['index_cpu']:.1f} s "
        f"of CPU); {screened['entities']:,} entities ({screened['planted']} of them listed) screened in "
        f"{screened['screen_s']:.1f} s ({screened['screen_cpu']:.1f} s of CPU); together "
        f"{screened['index_s'] + screened['screen_s']:.1f} s (target < {TARGET_SCREEN_S:g} s: "
        f"{(screened['index_s'] + screened['screen_s']) / TARGET_SCREEN_S:.2f} of it); "
        f"{screened['candidates']:,} candidates; {screened['planted_found']} of the {screened['planted']} listed "
        f"entities found as strong matches of their own entry",
    ]
    print("\n".join(lines))
    write_results("lists", "# Sanctions lists at full size\n\n" + machine_line() + "\n\n"
                  "Figures are noisy: other work shares the machine's two cores.\n\n"
                  + "\n".join(f"- {line}" for line in lines))
    return 0
