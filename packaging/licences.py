"""Licence inventory and check of the standalone bundle: nothing ships whose licence we have not allowed.

``python packaging/licences.py INVENTORY.json BUNDLE_DIR`` reads the inventory the spec
wrote (every bundled distribution and Debian package with its licence, from its own
metadata), checks each against ALLOWED, writes ``LICENSES/inventory.json`` and
``LICENSES/THIRD-PARTY.txt`` into the bundle with each distribution's own licence files
beside them (MIT and BSD terms ask for the notice to travel with binaries), and exits 1
naming every component that is not allowed. An AGPL or proprietary library, or one
whose metadata names no licence, therefore fails the build until it is removed or
reviewed here (REVIEWED, with the reason).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

# Licences compatible with shipping the program under GPL-3.0-or-later (LGPL: Qt is linked dynamically).
ALLOWED = {
    "mit", "mit-cmu", "expat", "x11", "bsd", "bsd-2-clause", "bsd-3-clause", "0bsd", "isc", "apache-2.0",
    "psf-2.0", "python-2.0", "zlib", "libpng", "ijg", "ftl", "curl", "hpnd", "unlicense", "cc0-1.0",
    "public-domain", "bsl-1.0", "mpl-2.0", "ofl-1.1", "lgpl-2.0", "lgpl-2.1", "lgpl-3.0", "gpl-2.0+",
    "gpl-3.0", "gpl-3.0+", "lgpl-3.0+", "lgpl-2.1+", "lgpl-2.0+", "unicode-dfs-2016", "unicode-3.0",
    "permissive", "gcc-exception-3.1", "mit-0", "cnri-python", "bzip2-1.0.6",
}
# Never shippable, whatever else an expression says.
DENIED = re.compile(r"agpl|affero|sspl|busl|proprietary|commercial|commons clause|non-?commercial|cc-by-nc",
                    re.IGNORECASE)
# How licences are spelled in metadata (classifiers, licence fields, Debian copyright files) -> our names.
ALIASES = {
    "mit license": "mit", "bsd license": "bsd", "new bsd license": "bsd-3-clause", "bsd-3-clause license": "bsd-3-clause",
    "3-clause bsd license": "bsd-3-clause", "modified bsd license": "bsd-3-clause", "bsd 3-clause": "bsd-3-clause",
    "apache software license": "apache-2.0", "apache license 2.0": "apache-2.0", "apache 2.0": "apache-2.0",
    "apache-2": "apache-2.0", "apache license, version 2.0": "apache-2.0",
    "isc license (iscl)": "isc", "iscl": "isc", "python software foundation license": "psf-2.0", "psf": "psf-2.0",
    "mozilla public license 2.0 (mpl 2.0)": "mpl-2.0",
    "gnu lesser general public license v3 (lgplv3)": "lgpl-3.0", "lgplv3": "lgpl-3.0",
    "gnu lesser general public license v2 (lgplv2)": "lgpl-2.0", "lgpl": "lgpl-2.1",
    "gnu library or lesser general public license (lgpl)": "lgpl-2.1",
    "gnu general public license v2 or later (gplv2+)": "gpl-2.0+",
    "gnu general public license v3 or later (gplv3+)": "gpl-3.0+", "gnu general public license v3 (gplv3)": "gpl-3.0",
    "public domain": "public-domain", "the unlicense (unlicense)": "unlicense", "zlib/libpng": "zlib",
    "mit/x11": "x11", "bsd-2": "bsd-2-clause", "bsd-3": "bsd-3-clause", "bsd-4-clause-uc": "bsd",
    "historical permission notice and disclaimer (hpnd)": "hpnd", "other/proprietary license": "proprietary",
    "freetype": "ftl", "ofl": "ofl-1.1", "psfl": "psf-2.0", "the bsd 2-clause license": "bsd-2-clause",
    "mit/x": "x11", "mit/x consortium license": "x11", "sil open font license 1.1 (ofl-1.1)": "ofl-1.1",
}
# Components whose metadata is silent or unclear, reviewed by hand: name -> (licence, where we checked).
# Debian packages: their copyright files cover the whole source package (build scripts, tests
# and tools under other terms that are not shipped), so the shipped library's own licence is
# taken from that file by hand here.
REVIEWED: dict[str, tuple[str, str]] = {
    "igraph": ("GPL-2.0-or-later", "python-igraph LICENSE: GNU GPL version 2 or later"),
    "pyinstaller": ("GPL-2.0-or-later WITH Bootloader-exception",
                    "PyInstaller COPYING.txt: its bootloader and run-time modules may be shipped with a program "
                    "under any licence"),
    "libssl3": ("Apache-2.0", "OpenSSL 3.x library; Artistic/GPL in the copyright file cover Perl build scripts"),
    "libsqlite3-0": ("public-domain", "SQLite is in the public domain"),
    "libffi8": ("MIT", "libffi LICENSE (Expat)"),
    "liblzma5": ("public-domain", "liblzma is in the public domain; GPL parts are the xz tools, not shipped"),
    "libbz2-1.0": ("bzip2-1.0.6", "bzip2 licence (BSD-like)"),
    "zlib1g": ("Zlib", "zlib licence"),
    "libjpeg62-turbo": ("IJG AND BSD-3-Clause AND Zlib", "libjpeg-turbo LICENSE.md"),
    "libxkbcommon-x11-0": ("MIT", "libxkbcommon: MIT/X11 licences"),
    "libxcb-cursor0": ("X11", "xcb-util-cursor: MIT/X11"),
    "libxcb-icccm4": ("X11", "xcb-util-wm: MIT/X11; GPL-2+ covers build scripts"),
    "libxcb-image0": ("X11", "xcb-util-image: MIT/X11; GPL-2+ covers build scripts"),
    "libxcb-keysyms1": ("X11", "xcb-util-keysyms: MIT/X11; GPL-2+ covers build scripts"),
    "libxcb-render-util0": ("X11", "xcb-util-renderutil: MIT/X11; GPL-2+ covers build scripts"),
    "libxcb-util1": ("X11", "xcb-util: MIT/X11; GPL-2+ covers build scripts"),
}


def normalise(name: str) -> str:
    key = " ".join(name.split()).lower()
    if key.startswith("(") and key.endswith(")") and key.count("(") == 1:
        key = key[1:-1]
    key = ALIASES.get(key, key)
    key = re.sub(r"-or-later$|\+$", "+", key)
    key = re.sub(r"-only$", "", key)
    if key.endswith("-clause") and key.startswith("bsd-"):
        return key
    return ALIASES.get(key, key)


def _split_top(expression: str, operator: str) -> list[str]:
    parts, depth, start = [], 0, 0
    pattern = re.compile(rf"\s+{operator}\s+|[()]", re.IGNORECASE)
    for match in pattern.finditer(expression):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0:
            parts.append(expression[start:match.start()])
            start = match.end()
    parts.append(expression[start:])
    return [p.strip() for p in parts if p.strip()]


def allowed(expression: str) -> bool:
    """Whether an SPDX-like expression permits shipping: OR needs one allowed branch, AND needs all."""
    text = expression.strip()
    if not text or DENIED.search(text):
        return False
    if normalise(text) in ALLOWED:
        return True
    if text.startswith("(") and text.endswith(")") and len(_split_top(text[1:-1], "OR")) >= 1:
        inner = text[1:-1]
        if inner.count("(") == inner.count(")"):
            return allowed(inner)
    alternatives = _split_top(text, "OR")
    if len(alternatives) > 1:
        return any(allowed(a) for a in alternatives)
    required = _split_top(text, "AND")
    if len(required) > 1:
        return all(allowed(r) for r in required)
    base = re.split(r"\s+with\s+", text, flags=re.IGNORECASE)[0]  # "GPL-2+ with Autoconf exception"
    return base != text and allowed(base)


def _licence_files(name: str) -> list[Path]:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return []
    found = []
    for file in dist.files or []:
        if re.match(r"(licen[cs]e|copying|notice|authors)", file.name, re.IGNORECASE) and (
                ".dist-info" in str(file) or len(file.parts) <= 2):
            path = Path(dist.locate_file(file))
            if path.is_file():
                found.append(path)
    return found


def _standard_texts(row: dict) -> list[Path]:
    """Licence texts for components whose wheels carry none (PySide6, shiboken6) and for Python itself."""
    if row["name"] == "Python":
        import sysconfig

        text = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
        return [text] if text.is_file() else []
    if "LGPL-3.0" in row["licence"]:
        texts = [Path("/usr/share/common-licenses/LGPL-3"), Path("/usr/share/common-licenses/GPL-3")]
        return [t for t in texts if t.is_file()]
    return []


def _copy_notices(row: dict, out: Path) -> list[str]:
    target = out / re.sub(r"[^A-Za-z0-9._-]+", "_", row["name"])
    sources = _licence_files(row["name"]) if row["origin"] == "python" else []
    if row["origin"] == "debian":
        copyright_file = Path("/usr/share/doc") / row["name"].split(":")[0] / "copyright"
        sources = [copyright_file] if copyright_file.is_file() else []
    if not sources:
        sources = _standard_texts(row)
    copied = []
    for source in sources:
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / source.name)
        copied.append(f"{target.name}/{source.name}")
    return copied


def check(inventory_path: Path, bundle: Path) -> int:
    rows = json.loads(inventory_path.read_text(encoding="utf-8"))
    out = bundle / "LICENSES"
    out.mkdir(parents=True, exist_ok=True)
    refused = []
    lines = ["Research Workbench: bundled components and their licences", "",
             "The program itself is free software under GPL-3.0-or-later (see LICENSE).", "",
             f"{'component':34} {'version':22} {'origin':7} licence"]
    for row in rows:
        if row["name"] in REVIEWED:
            row["licence"], row["reviewed"] = REVIEWED[row["name"]]
        row["allowed"] = allowed(row["licence"])
        row["notices"] = _copy_notices(row, out)
        if not row["allowed"]:
            refused.append(row)
        lines.append(f"{row['name'][:34]:34} {row['version'][:22]:22} {row['origin']:7} {row['licence'] or '(none)'}"
                     + ("" if row["notices"] else "  [no licence file shipped by the component]"))
    (out / "inventory.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    (out / "THIRD-PARTY.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"licences: {len(rows)} bundled components, {len(rows) - len(refused)} allowed")
    for row in refused:
        print(f"licences: NOT ALLOWED: {row['name']} {row['version']} ({row['origin']}): "
              f"{row['licence'] or 'no licence in its metadata'}", file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: licences.py INVENTORY.json BUNDLE_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(check(Path(sys.argv[1]), Path(sys.argv[2])))
