"""The standalone build's rules, without building: licence check, what is left out, desktop files.

The build itself runs in CI after the tests (.ci/run: packaging/build, packaging/test-frozen).
"""

from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))
import bundle_rules  # noqa: E402
import licences  # noqa: E402

sys.path.remove(str(PACKAGING))


@pytest.mark.parametrize("expression", [
    "MIT", "BSD-3-Clause", "MIT License", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", "GPL-3.0-or-later",
    "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", "MPL-1.1 OR GPL-2.0-only OR LGPL-2.1-or-later",
    "Apache-2.0 OR BSD-3-Clause", "GPL-2.0-or-later WITH Bootloader-exception", "ISC License (ISCL)",
])
def test_licences_we_may_ship_are_allowed(expression):
    assert licences.allowed(expression)


@pytest.mark.parametrize("expression", [
    "", "AGPL-3.0-or-later", "GNU Affero General Public License v3", "MIT AND Proprietary",
    "Other/Proprietary License", "GPL-2.0-only", "SSPL-1.0", "CC-BY-NC-4.0", "Commercial", "Some Licence 1.0",
])
def test_licences_we_may_not_ship_or_do_not_know_are_refused(expression):
    assert not licences.allowed(expression)


def test_the_check_fails_on_a_component_that_is_not_allowed_and_names_it(tmp_path, capsys):
    inventory = tmp_path / "licences.json"
    inventory.write_text(json.dumps([
        {"name": "goodlib", "version": "1.0", "licence": "MIT", "origin": "python", "files": 3},
        {"name": "copyleft-server-lib", "version": "2.0", "licence": "AGPL-3.0-only", "origin": "python", "files": 1},
        {"name": "/opt/mystery.so", "version": "", "licence": "", "origin": "unknown", "files": 1},
    ]), encoding="utf-8")
    bundle = tmp_path / "bundle"
    assert licences.check(inventory, bundle) == 1
    err = capsys.readouterr().err
    assert "copyleft-server-lib" in err and "/opt/mystery.so" in err and "goodlib" not in err
    table = (bundle / "LICENSES" / "THIRD-PARTY.txt").read_text(encoding="utf-8")
    assert "goodlib" in table and "AGPL-3.0-only" in table
    rows = json.loads((bundle / "LICENSES" / "inventory.json").read_text(encoding="utf-8"))
    assert [r["allowed"] for r in rows] == [True, False, False]


def test_the_check_passes_an_allowed_inventory(tmp_path):
    inventory = tmp_path / "licences.json"
    inventory.write_text(json.dumps([{"name": "pyinstaller", "version": "6", "licence": "GPL-2.0-only",
                                      "origin": "python", "files": 1}]), encoding="utf-8")
    assert licences.check(inventory, tmp_path / "bundle") == 0  # reviewed: the bootloader exception


@pytest.mark.parametrize("dest, left_out", [
    ("PySide6/Qt/qml/QtQuick/qmldir", True),
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", True),
    ("PySide6/Qt/lib/libQt6WebEngineCore.so.6", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("libX11.so.6", True),
    ("libfontconfig.so.1", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", False),
    ("libxcb-icccm.so.4", False),
    ("workbench/resources/selftest/brief.pdf", False),
    ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", False),
    ("docx/templates/default-docx-template/word/styles.xml", True),
    ("docx/templates/default.docx", False),
    ("pyqtgraph/icons/peegee/peegee_512px@2x.png", True),
    ("pyqtgraph/icons/auto.png", False),
])
def test_the_bundle_leaves_out_what_the_program_does_not_use(dest, left_out):
    assert bundle_rules.pruned(dest) is left_out


def test_runtime_dependencies_are_found_from_metadata_not_listed_by_hand():
    names = bundle_rules.runtime_top_level_packages()
    for package in ("trafilatura", "justext", "pdfminer", "docx", "igraph", "pyqtgraph", "anyascii"):
        assert package in names
    assert "PySide6" not in names and "pytest" not in names and "hypothesis" not in names


def test_no_runtime_dependency_is_excluded_from_the_analysis():
    # An excluded package whose data files are still collected freezes as an empty namespace package:
    # fpdf was, and the frozen PDF export failed with "cannot import name 'FPDF' from 'fpdf' (unknown location)".
    excluded_tops = {name.split(".")[0] for name in bundle_rules.EXCLUDED_MODULES if "." not in name}
    assert "fpdf" in bundle_rules.runtime_top_level_packages()
    assert not excluded_tops & set(bundle_rules.runtime_top_level_packages())


def test_the_stand_in_for_qts_opengl_binding_lets_pyqtgraph_draw_and_says_why_on_use():
    # The frozen app runs the runtime hook before anything imports Qt; do the same in a fresh interpreter.
    hooks = bundle_rules.runtime_hooks(str(PACKAGING))
    assert [Path(h).is_file() for h in hooks] == [True] * len(bundle_rules.RUNTIME_HOOKS)
    script = f"""
import runpy, sys
for hook in {hooks!r}:
    runpy.run_path(hook)
import pyqtgraph
from PySide6 import QtOpenGL
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workbench.ui.dependency.graph_view import GraphView
view = GraphView()
view.resize(400, 300)
image = view.grab().toImage()
try:
    QtOpenGL.QOpenGLBuffer
except ImportError as exc:
    print("refused:", exc)
print("drawn", image.width(), type(QtOpenGL).__name__)
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert run.returncode == 0, run.stderr
    assert "drawn 400 _LeftOutModule" in run.stdout
    assert "refused: PySide6.QtOpenGL.QOpenGLBuffer: Qt's OpenGL binding is not part of the standalone app" in run.stdout


def test_packaging_extra_pins_pyinstaller_and_the_licence_is_gpl3_or_later():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "GPL-3.0-or-later"
    pins = project["optional-dependencies"]["packaging"]
    assert any(p.startswith("pyinstaller==") for p in pins)
    assert any(p.startswith("pyinstaller-hooks-contrib==") for p in pins)
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text(encoding="utf-8")[:200]
    assert "Version 3, 29 June 2007" in (ROOT / "LICENSE").read_text(encoding="utf-8")[:300]


def test_desktop_entry_metainfo_and_mime_type_agree():
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str
    desktop.read(PACKAGING / "desktop" / "org.researchworkbench.ResearchWorkbench.desktop", encoding="utf-8")
    entry = desktop["Desktop Entry"]
    assert entry["Exec"].startswith("ResearchWorkbench ") and "%f" in entry["Exec"]
    mime = ET.parse(PACKAGING / "desktop" / "research-workbench.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = mime.find("m:mime-type", ns)
    assert entry["MimeType"].rstrip(";") == mime_type.get("type")
    assert mime_type.find("m:glob", ns).get("pattern") == "*.wbproj"
    meta = ET.parse(PACKAGING / "desktop" / "org.researchworkbench.ResearchWorkbench.metainfo.xml").getroot()
    assert meta.findtext("id") == "org.researchworkbench.ResearchWorkbench"
    assert meta.findtext("project_license") == "GPL-3.0-or-later"
    assert meta.find("launchable").text == "org.researchworkbench.ResearchWorkbench.desktop"
