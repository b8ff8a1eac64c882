"""Name-screening quality: recall on 80 spellings of one name, precision on look-alikes.

``python -m workbench.bench screening``. A small list (written as FtM JSON lines in a
temporary folder) holds a few parties that matter to the project's subject; the
project's entities are every spelling in the shared putin_names.txt fixture, the
parties written differently (Cyrillic, legal forms), and look-alikes that share a word
with a listed name but are other parties. A "strong" candidate is one the program would
present as a likely match; "shown" means any candidate at the default minimum score.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from . import machine_line, write_results

NAMES_FILE = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "sanctions" / "names" / "putin_names.txt"
LISTED = [  # (id, schema, name, aliases)
    ("putin", "Person", "PUTIN, Vladimir Vladimirovich", []),
    ("baikal", "Company", "Baikal Electronics JSC", ["AO Baikal Electronics"]),
    ("sber", "Company", "Public Joint Stock Company Sberbank of Russia", ["Sberbank"]),
    ("mcst", "Company", "JSC MCST", ["Moscow Center of SPARC Technologies", "MCST Elbrus"]),
]
# Other spellings of listed parties (should be strong) and look-alikes (should not be).
SAME_PARTY = [
    ("ООО «Байкал Электроникс»", "baikal"), ("Baikal Electronics LLC", "baikal"), ("BAYKAL ELEKTRONIKS", "baikal"),
    ("ПАО Сбербанк", "sber"), ("Sberbank of Russia", "sber"), ("PJSC Sberbank", "sber"), ("АО МЦСТ", "mcst"),
    ("MCST JSC", "mcst"), ("Moscow Centre of SPARC Technologies", "mcst"),
]
LOOK_ALIKES = [
    "Baikal", "Baikal Arms", "Lake Baikal Fisheries", "Baikal Hunting Rifles", "Sber Logistics", "Sber Auto Parts",
    "Elbrus Hotel", "Elbrus Tours", "Elbrus", "Putin Cafe", "Vladimir Putilin", "Vladimir Sokolov",
    "Moscow Center of Art", "Russian Electronics JSC", "SPARC International",
]


def _write_list(path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for key, schema, name, aliases in LISTED:
            fh.write(json.dumps({"id": key, "schema": schema, "caption": name,
                                 "properties": {"name": [name], "alias": aliases}}) + "\n")


def _best(candidates, entity_id):
    own = [c for c in candidates if c.entity_id == entity_id]
    return max(own, key=lambda c: c.score) if own else None


def measure() -> dict:
    from ..core.model import EntityKind
    from ..services import screening
    from ..services.project import create_project
    from ..services.screening.lists import import_list

    spellings = [line.strip() for line in NAMES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        list_file = Path(folder) / "list.ftm.json"
        _write_list(list_file)
        with create_project(Path(folder) / "quality.wbproj") as project:
            import_list(project, [list_file], "ftm", name="Quality test list")
            spelling_ids = {project.entities.add(s, EntityKind.PERSON).id: s for s in spellings}
            same_ids = {project.entities.add(n, EntityKind.COMPANY).id: key for n, key in SAME_PARTY}
            alike_ids = {project.entities.add(n, EntityKind.COMPANY).id: n for n in LOOK_ALIKES}
            candidates = screening.run_screening(project)
    results = {"spellings": len(spellings), "shown": 0, "strong": 0, "missed": [], "same_strong": 0,
               "alike_strong": [], "alike_shown": []}
    for entity_id, spelling in spelling_ids.items():
        best = _best(candidates, entity_id)
        if best and best.entry_key == "putin":
            results["shown"] += 1
            results["strong"] += best.strong
        if not best or best.entry_key != "putin" or not best.strong:
            results["missed"].append(f"{spelling} ({best.score:g})" if best else spelling)
    for entity_id, key in same_ids.items():
        best = _best(candidates, entity_id)
        results["same_strong"] += bool(best and best.entry_key == key and best.strong)
    for entity_id, name in alike_ids.items():
        best = _best(candidates, entity_id)
        if best:
            (results["alike_strong"] if best.strong else results["alike_shown"]).append(f"{name} ({best.score:g})")
    return results


def main(argv: list[str]) -> int:
    r = measure()
    true_strong = r["strong"] + r["same_strong"]
    precision = true_strong / (true_strong + len(r["alike_strong"])) if true_strong else 0.0
    lines = [
        f"recall on {r['spellings']} spellings of one listed name (putin_names.txt): shown as a candidate "
        f"{r['shown']}/{r['spellings']} = {r['shown'] / r['spellings']:.0%}; strong {r['strong']}/{r['spellings']} "
        f"= {r['strong'] / r['spellings']:.0%}",
        f"other spellings of listed companies found strong: {r['same_strong']}/{len(SAME_PARTY)}",
        f"look-alikes (share a word, another party) that reached strong: {len(r['alike_strong'])}/{len(LOOK_ALIKES)}"
        + (f" ({', '.join(r['alike_strong'])})" if r["alike_strong"] else ""),
        f"look-alikes shown below strong for the analyst to reject: {len(r['alike_shown'])}/{len(LOOK_ALIKES)} "
        f"({', '.join(r['alike_shown'])})",
        f"precision of strong matches over all these names: {precision:.0%} "
        f"({true_strong} true, {len(r['alike_strong'])} false)",
    ]
    print("\n".join(lines))
    missed = "\n".join(f"  - {m}" for m in r["missed"])
    write_results("screening", "# Name-screening quality\n\n" + machine_line() + "\n\n"
                  + "\n".join(f"- {line}" for line in lines)
                  + "\n\nSpellings not found as a strong match (best score in brackets):\n\n" + missed
                  + "\n\nScripts that anyascii romanises far from the Russian spelling (Korean, Japanese, Chinese, "
                    "Arabic without vowels) are the misses; they need a name-specific transliteration table, "
                    "which the program does not have.")
    return 0
