"""REFI-QDA at size: import a generated 10,000-claim ``.qdpx`` into an empty project (target < 10 s).

``python -m workbench.bench exchange [N_CLAIMS]``. The archive is generated: 200
sources of about 20,000 characters, a three-level code tree of 120 codes, one to three
codings per selection and a note on every fifth. Measured: writing the archive, the
import into an empty project, the same import again (a merge where everything is
already there), the export of the imported project, and the same archive as another
tool would write it (no ``workbench.json``, CR LF line ends, a byte-order mark).
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from ..core.model import SourceMeta, new_uuid
from ..services.exchange.bundle import Bundle, ExClaim, ExSource, ExTag
from ..services.exchange.formats import export_bytes, import_exchange_file
from ..services.exchange.qdpx_write import SIDECAR, qdpx_bytes
from ..services.project import create_project
from . import machine_line, write_results

TARGET_S = 10.0
_WORDS = ("export", "controls", "chips", "Nvidia", "servers", "Kazakhstan", "Armenia", "transit", "Huawei", "Ascend",
          "Sber", "GigaChat", "Yandex", "cluster", "training", "sanctions", "licence", "3A090", "TPP", "Rosatom",
          "data", "centre", "nuclear", "energy", "Baikal", "Elbrus", "TSMC", "SMIC", "7nm", "yield", "BRICS",
          "summit", "India", "Brazil", "China", "Russia", "market", "rubles", "GDP", "forecast")


def _text(rng: random.Random, length: int) -> str:
    words, size = [], 0
    while size < length:
        sentence = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
        words.append(sentence + ("\n\n" if rng.random() < 0.2 else " "))
        size += len(sentence) + 1
    return "".join(words).strip()


def generated_bundle(n_claims: int, n_sources: int = 200, seed: int = 7) -> Bundle:
    rng = random.Random(seed)
    bundle = Bundle(origin="generated.qdpx", project_uuid=new_uuid(), title="Generated exchange benchmark")
    for top in range(6):
        top_uuid = new_uuid()
        bundle.tags.append(ExTag(top_uuid, f"theme {top}"))
        for mid in range(4):
            mid_uuid = new_uuid()
            bundle.tags.append(ExTag(mid_uuid, f"topic {top}.{mid}", top_uuid))
            bundle.tags += [ExTag(new_uuid(), f"code {top}.{mid}.{leaf}", mid_uuid) for leaf in range(4)]
    now = "2026-01-01T00:00:00+00:00"
    per_source = max(1, n_claims // n_sources)
    for number in range(n_sources):
        text = _text(rng, 20_000)
        source = ExSource(new_uuid(), SourceMeta(f"Generated source {number}"), text, imported_at=now,
                          modified_at=now)
        bundle.sources.append(source)
        for _ in range(per_source if number < n_sources - 1 else n_claims - per_source * (n_sources - 1)):
            start = rng.randrange(0, len(text) - 300)
            end = start + rng.randint(40, 280)
            tags = tuple(rng.sample([t.uuid for t in bundle.tags], rng.randint(1, 3)))
            bundle.claims.append(ExClaim(new_uuid(), source.uuid, start, end, text[start:end],
                                         statement=f"Statement {len(bundle.claims)}", tag_uuids=tags,
                                         note="A note." if rng.random() < 0.2 else "", created_at=now,
                                         modified_at=now))
    return bundle


def foreign_variant(data: bytes) -> bytes:
    """The same archive as another tool writes it: no sidecar, CR LF line ends, a byte-order mark."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == SIDECAR or info.filename.endswith(".original"):
                continue
            body = src.read(info)
            if info.filename.endswith(".txt"):
                body = b"\xef\xbb\xbf" + body.replace(b"\n", b"\r\n")
            dst.writestr(info.filename, body)
    return out.getvalue()


def _timed(label: str, func, results: list[str]):
    started = time.perf_counter()
    value = func()
    elapsed = time.perf_counter() - started
    results.append(f"{label}: {elapsed:.2f} s")
    print(results[-1], flush=True)
    return value, elapsed


def main(argv: list[str]) -> int:
    n_claims = int(argv[0]) if argv else 10_000
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="wb-bench-exchange-") as folder:
        folder = Path(folder)
        bundle = generated_bundle(n_claims)
        data, _ = _timed(f"write a {n_claims:,}-claim .qdpx ({len(bundle.sources)} sources, "
                         f"{len(bundle.tags)} codes)", lambda: qdpx_bytes(bundle), lines)
        archive = folder / "generated.qdpx"
        archive.write_bytes(data)
        lines.append(f"archive size: {len(data) / 2**20:.1f} MB")
        with create_project(folder / "empty.wbproj") as project:
            report, import_s = _timed("import into an empty project", lambda: import_exchange_file(project, archive),
                                      lines)
            claims = project.claims.count()
            lines.append(f"claims in the project: {claims:,} (of {n_claims:,}); skipped {len(report.skipped)}")
            _timed("the same import again (merge: everything already there)",
                   lambda: import_exchange_file(project, archive), lines)
            _timed("export of the imported project as .qdpx", lambda: export_bytes(project, "qdpx"), lines)
        foreign = folder / "foreign.qdpx"
        foreign.write_bytes(foreign_variant(data))
        with create_project(folder / "empty2.wbproj") as project:
            report2, foreign_s = _timed("import of the same archive as another tool writes it (CR LF, BOM, "
                                        "no sidecar)", lambda: import_exchange_file(project, foreign), lines)
            exact = sum(1 for c in project.claims.list() if c.anchor_status == "exact")
            lines.append(f"claims placed at their offsets: {exact:,} (of {n_claims:,})")
    ratio = import_s / TARGET_S
    verdict = f"import {import_s:.2f} s (target < {TARGET_S:.0f} s: {ratio:.2f} of it); " \
              f"foreign variant {foreign_s:.2f} s ({foreign_s / TARGET_S:.2f} of it)"
    print(verdict)
    markdown = "\n".join(["# REFI-QDA exchange at size", "", machine_line(), "",
                          "Figures are noisy: other work shares the machine's two cores.", "",
                          *[f"- {line}" for line in lines], "", f"**{verdict}**",
                          "", "Run again with `python -m workbench.bench exchange [N_CLAIMS]`."])
    write_results("exchange", markdown)
    return 0 if import_s < TARGET_S and claims == n_claims else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
