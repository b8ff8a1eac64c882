"""Search benchmark: latency per query form against the bare FTS5 query on the same index,
and the time to the first 200 of many occurrences.

    python -m workbench.bench search [SOURCES] [KB_PER_SOURCE]

The default (1,000 sources of 50 KB, English, Russian and Chinese) is the issue's 50 MB
target; smaller figures give a quick run. Times are wall and CPU (time.process_time),
as the machine is shared.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ..core.model import SourceMeta
from ..services.project import create_project
from ..services.search import occurrences

_WORDS = {
    "en": ("sanctions sanctioned export controls chips semiconductor supplies Huawei Nvidia licence accelerator "
           "the of and to in a on for with by market foundry wafer design compute model training").split(),
    "ru": ("санкции санкций санкциями экспорт контроль чипов поставщики рубль рублей процессор модель обучение "
           "и в на с по для от до рынок завод пластина").split(),
    "zh": list("华为芯片出口管制美国中国数据中心先进英伟达替代品国产销售模型训练"),
}
QUERIES = {  # form: (query, the bare FTS5 expression on the word or trigram index)
    "word": ("sanctions", '"sanctions"', False),
    "word (ru)": ("санкции", '"санкции"', False),
    "phrase": ('"export controls"', '"export controls"', False),
    "prefix": ("sanction*", '"sanction"*', False),
    "boolean": ("(huawei OR nvidia) AND NOT foundry", '("huawei" OR "nvidia") NOT "foundry"', False),
    "near": ("huawei NEAR/5 chips", 'NEAR("huawei" "chips", 5)', False),
    "cjk": ("出口管制", '"出口管制"', True),
}


def _text(lang: str, size: int, rng: random.Random) -> str:
    words = _WORDS[lang]
    glue = "" if lang == "zh" else " "
    parts, length = [], 0
    while length < size:
        sentence = glue.join(rng.choice(words) for _ in range(12)) + ("。" if lang == "zh" else ". ")
        parts.append(sentence)
        length += len(sentence)
    return "".join(parts)


def _timed(fn, repeat: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return walls, cpus


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main(argv: list[str]) -> int:
    sources = int(argv[0]) if argv else 1000
    size = (int(argv[1]) if len(argv) > 1 else 50) * 1000
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as tmp, create_project(Path(tmp) / "bench") as project:
        w, c = time.perf_counter(), time.process_time()
        total = 0
        for i in range(sources):
            lang = ("en", "ru", "zh")[i % 3]
            text = f"{i} " + _text(lang, size, rng)
            total += len(text)
            project.sources.add(SourceMeta(f"{lang} {i}", language=lang), text, text.encode(), "text/plain")
        wall, cpu = time.perf_counter() - w, time.process_time() - c
        print(f"{sources} sources, {total / 1e6:.1f} M characters; import {total / 1e6 / wall:.2f} M chars/s wall "
              f"({total / 1e6 / cpu:.2f} CPU)")
        conn = project.db.conn
        print(f"{'form':12} {'query':38} {'first 200 p50/p95 ms (CPU p95)':>32} {'bare FTS5 p50/p95':>20} {'ratio p95':>9}")
        for form, (query, bare, trigrams) in QUERIES.items():
            def ours(q=query):
                found = occurrences.find(project, q)
                for n, _ in enumerate(found.occurrences(), 1):
                    if n >= 200:
                        break
            table = "source_trigrams" if trigrams else "source_words"

            def plain(b=bare, t=table):
                conn.execute(f"SELECT rowid FROM {t} WHERE {t} MATCH ?", (f"body : ({b})",)).fetchall()
            walls, cpus = _timed(ours, 20)
            bare_walls, _ = _timed(plain, 20)
            print(f"{form:12} {query:38} {_p(walls, 50):10.1f} /{_p(walls, 95):7.1f} ({_p(cpus, 95):6.1f}) "
                  f"{_p(bare_walls, 50):9.2f} /{_p(bare_walls, 95):7.2f} {_p(walls, 95) / max(_p(bare_walls, 95), 1e-3):9.1f}")
        w, c = time.perf_counter(), time.process_time()
        count = sum(1 for _ in occurrences.find(project, "sanctions").occurrences())
        print(f"all occurrences of 'sanctions': {count} in {time.perf_counter() - w:.2f} s wall "
              f"({time.process_time() - c:.2f} s CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
