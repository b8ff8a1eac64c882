"""What goes into the standalone bundle and what stays out; the licence inventory of what went in.

Used by ResearchWorkbench.spec while PyInstaller analyses the program. The rules are
written as patterns over the bundle's paths (not lists of files), so a library
another change adds is collected by the general rules, and one it should not ship is
kept out by the same patterns. The inventory ties every bundled file to the
distribution (or Debian package) it came from, with that distribution's licence as
its own metadata states it; ``licences.py`` checks it against the allowed list.
"""

from __future__ import annotations

import fnmatch
import json
import platform
import re
import subprocess
import sys
import sysconfig
from collections import defaultdict
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

PROJECT_DISTRIBUTION = "research-workbench"
PLATFORM_TAG = f"{platform.system().lower()}-{platform.machine()}"
# Qt's own hooks collect PySide6 precisely (plugins per used module); its data must not be collected wholesale.
QT_PACKAGES = {"PySide6", "shiboken6"}

EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "readline", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data",
    "pytest", "_pytest", "pytestqt", "hypothesis", "importlinter", "grimp", "ruff", "PyInstaller",
    "IPython", "matplotlib", "pyqtgraph.examples", "pyqtgraph.opengl", "pyqtgraph.jupyter", "pandas.tests",
    "numpy.tests", "networkx.tests", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuick3D", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel", "PySide6.QtWebSockets", "PySide6.QtDesigner",
    "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.Qt3DCore", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtNetworkAuth", "PySide6.QtBluetooth", "PySide6.QtPositioning", "PySide6.QtLocation",
    "PySide6.QtSql", "PySide6.QtTest",
    # Left out to keep the size budget, each checked by the frozen self-test (benchmarks/package.md):
    # Pillow's AVIF codec (5 MB with libavif; Pillow reports the format unsupported without it),
    # lxml's objectify and HTML diff (3.7 MB; nothing imports them, lxml's hook adds them), and
    # Qt's OpenGL binding (8.9 MB): pyqtgraph imports it but draws with it only in its OpenGL
    # mode, which the program never turns on; runtime-hooks/qtopengl_left_out.py stands in for it.
    "PIL._avif", "lxml.objectify", "lxml.html.diff", "lxml.html._difflib", "lxml.html._diffcommand",
    "PySide6.QtOpenGL",
]
# Run in the frozen app before the entry point (and in each child process it starts).
RUNTIME_HOOKS = ["qtopengl_left_out.py"]
DATA_EXCLUDES = ["**/tests/**", "**/test/**", "**/testing/**", "**/*.pyi", "**/*.h", "**/*.c", "**/*.pxd",
                 "**/*.pyx", "**/*.pxi", "**/include/**", "**/__pycache__/**", "**/examples/**", "**/py.typed"]
# Bundle paths never shipped: QML and Quick, web engines, designer, translations (the UI is English only),
# and Qt plugins for features the program does not use.
PRUNED_PATHS = [
    "*/Qt/translations/*", "*/Qt/qml/*", "*libQt6Quick*", "*libQt6Qml*", "*libQt6WebEngine*", "*libQt6Pdf*",
    "*libQt6VirtualKeyboard*", "*libQt63D*", "*libQt6Designer*", "*libQt6ShaderTools*",
    "*/Qt/plugins/qmltooling/*", "*/Qt/plugins/designer/*", "*/Qt/plugins/sqldrivers/*",
    "*/Qt/plugins/multimedia/*", "*/Qt/plugins/scenegraph/*", "*/Qt/plugins/webview/*",
    "*/Qt/plugins/platforms/libqvnc*", "*/Qt/plugins/platforms/libqlinuxfb*", "*/Qt/plugins/platforms/libqeglfs*",
    "*/Qt/plugins/platforms/libqvkkhrdisplay*", "*/Qt/plugins/egldeviceintegrations/*",
    "*/Qt/plugins/generic/*", "*/Qt/plugins/tls/*", "*/Qt/plugins/networkinformation/*",
    # GTK 3's theme plugin pulls in GTK, GDK, ATK, cairo and pango (about 25 MB); the XDG desktop
    # portal theme still gives native file dialogs on GNOME and KDE.
    "*/Qt/plugins/platformthemes/libqgtk3*", "*/Qt/plugins/platforms/libqminimalegl*",
    # Babel's data for 1,100 locales (35 MB) serves courlan's URL-language filter when crawling,
    # which importing local files never does; the root and English data stay (KEPT_PATHS).
    "*/babel/locale-data/*",
    # Wayland's client libraries and plugins (4.5 MB): on a Wayland desktop Qt falls back to X11
    # through XWayland, which GNOME and KDE run; dropped to keep the size budget's headroom.
    "*libQt6WaylandClient*", "*libQt6WlShellIntegration*", "*libQt6WaylandEglClientHwIntegration*",
    "*/Qt/plugins/wayland-*", "*/Qt/plugins/platforms/libqwayland*",
    # python-docx's unpacked copy of its default.docx (1 MB): python-docx opens default.docx, never this folder.
    "*/docx/templates/default-docx-template/*",
    # pyqtgraph's own application icon (1 MB), set only when pyqtgraph makes the QApplication (mkQApp).
    "*/pyqtgraph/icons/peegee/*",
    # python-stdnum's lookup tables (2.3 MB: bank, postcode and MAC registries); the INN, OGRN, IMO, LEI and BIC
    # checks the program uses are arithmetic and read none of them.
    "*/stdnum/*.dat", "*/stdnum/*/*.dat",
]
KEPT_PATHS = ["*/babel/locale-data/root.dat", "*/babel/locale-data/en.dat"]


# Libraries every Linux desktop has, loaded from the system as AppImage's exclude list does:
# bundling them would ship an older X11, D-Bus or font stack than the desktop's own and clash with it.
SYSTEM_LIBRARIES = [
    "libX11.so*", "libX11-xcb.so*", "libxcb.so*", "libxcb-glx.so*", "libxcb-randr.so*", "libxcb-render.so*",
    "libxcb-shape.so*", "libxcb-shm.so*", "libxcb-sync.so*", "libxcb-xfixes.so*", "libxcb-xkb.so*",
    "libxcb-dri*.so*", "libxcb-present.so*", "libXau.so*", "libXdmcp.so*", "libXext.so*", "libXrender.so*",
    "libXi.so*", "libXfixes.so*", "libXcursor.so*", "libXrandr.so*", "libXinerama.so*", "libXcomposite.so*",
    "libXdamage.so*", "libxkbcommon.so*", "libwayland-*.so*", "libbsd.so*", "libmd.so*", "libfontconfig.so*",
    "libfreetype.so*", "libpng16.so*", "libbrotli*.so*", "libharfbuzz.so*", "libgraphite2.so*", "libexpat.so*",
    "libglib-2.0.so*", "libgobject-2.0.so*", "libgio-2.0.so*", "libgmodule-2.0.so*", "libgthread-2.0.so*",
    "libdbus-1.so*", "libsystemd.so*", "libgcrypt.so*", "libgpg-error.so*", "liblz4.so*", "libzstd.so*",
    "libcap.so*", "libmount.so*", "libblkid.so*", "libselinux.so*", "libpcre2-*.so*", "libuuid.so*",
    "libstdc++.so*", "libgcc_s.so*", "libgssapi_krb5.so*", "libkrb5*.so*", "libk5crypto.so*", "libkeyutils.so*",
    "libcom_err.so*", "libtinfo.so*", "libreadline.so*", "libEGL.so*", "libGL*.so*", "libOpenGL.so*",
    "libdrm.so*", "libgbm.so*",
]


def runtime_hooks(spec_dir: str) -> list[str]:
    return [str(Path(spec_dir) / "runtime-hooks" / name) for name in RUNTIME_HOOKS]


def pruned(dest: str) -> bool:
    """Whether a bundle path (as PyInstaller names its destination) is left out."""
    dest = "/" + dest.replace("\\", "/")
    if "/" not in dest[1:] and any(fnmatch.fnmatch(dest[1:], pattern) for pattern in SYSTEM_LIBRARIES):
        return True  # PyInstaller puts system libraries at the top of the bundle
    if any(fnmatch.fnmatch(dest, pattern) for pattern in KEPT_PATHS):
        return False
    return any(fnmatch.fnmatch(dest, pattern) for pattern in PRUNED_PATHS)


def keep_qt_plugins_out(qt_library_info_class) -> None:
    """Leave pruned Qt plugins out before PyInstaller analyses them, so their libraries stay out too.

    PyInstaller's Qt hooks collect every plugin of each type a module uses; pruning the
    plugin afterwards would still ship the system libraries it links against.
    """
    original = qt_library_info_class.collect_plugins

    def collect_plugins(self, plugin_type):
        return [(src, dst) for src, dst in original(self, plugin_type)
                if not pruned(f"{dst}/{Path(src).name}")]

    qt_library_info_class.collect_plugins = collect_plugins


def prune(toc):
    """The TOC without the paths PRUNED_PATHS names (dest names use '/' on every platform here)."""
    return [entry for entry in toc if not pruned(entry[0])]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> list[metadata.Distribution]:
    """The program's distribution and every one it needs at run time (no extras), found from metadata."""
    found: dict[str, metadata.Distribution] = {}
    pending = [PROJECT_DISTRIBUTION]
    while pending:
        name = _canonical(pending.pop())
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional or platform-specific requirement not installed here
        found[name] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return list(found.values())


def top_level_packages(dist: metadata.Distribution) -> set[str]:
    names = set()
    top_level = dist.read_text("top_level.txt")
    if top_level:
        names.update(line.strip() for line in top_level.splitlines() if line.strip())
    for file in dist.files or []:
        parts = file.parts
        if len(parts) > 1 and not parts[0].endswith((".dist-info", ".egg-info", ".data")) and parts[0] != "..":
            names.add(parts[0])
        elif len(parts) == 1 and parts[0].endswith(".py"):
            names.add(parts[0][:-3])
    return {n for n in names if n.isidentifier() and not n.startswith("_")}


def runtime_top_level_packages() -> list[str]:
    """Import names of the runtime dependencies whose data files the bundle collects (Qt excluded)."""
    names = set()
    for dist in runtime_distributions():
        if _canonical(dist.metadata["Name"]) == PROJECT_DISTRIBUTION:
            continue
        names.update(top_level_packages(dist))
    return sorted(names - QT_PACKAGES)


def _site_index() -> dict[str, metadata.Distribution]:
    """Absolute file path -> distribution, over every installed distribution's file list."""
    index = {}
    for dist in metadata.distributions():
        for file in dist.files or []:
            try:
                index[str(Path(dist.locate_file(file)).resolve())] = dist
            except OSError:
                continue
    return index


def licence_of(dist: metadata.Distribution) -> str:
    """The distribution's licence as its metadata states it: SPDX expression, licence field, or classifiers."""
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    field = (meta.get("License") or "").strip()
    if field and len(field) <= 80 and "\n" not in field:
        return field
    if classifiers:
        return " OR ".join(classifiers) if len(classifiers) > 1 else classifiers[0]
    return field.splitlines()[0][:80] if field else ""


def _debian_packages(paths: list[str]) -> dict[str, str]:
    """Which Debian package installed each system file (dpkg -S), where dpkg knows."""
    owners = {}
    if not paths or not Path("/usr/bin/dpkg").exists():
        return owners
    for path in paths:
        # Merged /usr: dpkg may know the file under /lib rather than /usr/lib.
        candidates = [path, str(Path(path).resolve())]
        candidates += [c.replace("/usr/lib/", "/lib/", 1) for c in candidates if c.startswith("/usr/lib/")]
        for candidate in candidates:
            run = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if run.returncode == 0 and ":" in run.stdout:
                owners[path] = run.stdout.split(":")[0].strip()
                break
    return owners


def debian_licence(package: str) -> str:
    """The licences a Debian package's machine-readable copyright file names (all of them apply)."""
    base = package.split(":")[0]
    copyright_file = Path("/usr/share/doc") / base / "copyright"
    try:
        text = copyright_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    names = []
    for line in text.splitlines():
        if line.startswith("License:"):
            name = line.split(":", 1)[1].strip()
            if name and name not in names:
                names.append(name)
    return " AND ".join(f"({n})" if " " in n else n for n in names)


def write_inventory(analysis, out: Path) -> Path:
    """Every bundled distribution with version, licence and file count, as JSON for licences.py."""
    index = _site_index()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    base = Path(sys.base_prefix).resolve()
    by_dist: dict[str, dict] = {}
    files = defaultdict(int)
    system_files = []
    entries = [(name, path) for name, path, _kind in analysis.pure]
    # SYMLINK entries name another bundled file (their "source" is the link target): not a component.
    entries += [(dest, src) for dest, src, kind in list(analysis.binaries) + list(analysis.datas)
                if kind != "SYMLINK"]
    for _dest, src in entries:
        if not src:
            continue
        resolved = str(Path(src).resolve())
        dist = index.get(resolved)
        if dist is not None:
            key = dist.metadata["Name"]
            by_dist.setdefault(key, {"name": key, "version": dist.version, "licence": licence_of(dist),
                                     "origin": "python"})
            files[key] += 1
        elif (Path(resolved).is_relative_to(stdlib) or Path(resolved).is_relative_to(base / "lib")
              or Path(resolved).name == "base_library.zip"):  # PyInstaller's zip of the standard library
            by_dist.setdefault("Python", {"name": "Python", "version": platform.python_version(),
                                          "licence": "PSF-2.0", "origin": "python"})
            files["Python"] += 1
        elif resolved.startswith(("/usr/", "/lib")):
            system_files.append(resolved)
        elif "/workbench/" in resolved or resolved.endswith(("build.json", "entry.py")):
            files[PROJECT_DISTRIBUTION] += 1
        else:
            by_dist.setdefault("unknown:" + resolved, {"name": resolved, "version": "", "licence": "",
                                                       "origin": "unknown"})
    owners = _debian_packages(sorted(set(system_files)))
    for path in system_files:
        package = owners.get(path)
        if package is None:
            by_dist["unknown:" + path] = {"name": path, "version": "", "licence": "", "origin": "unknown"}
            continue
        key = "debian:" + package
        by_dist.setdefault(key, {"name": package, "version": _debian_version(package),
                                 "licence": debian_licence(package), "origin": "debian"})
        files[key] += 1
    for key, entry in by_dist.items():
        entry["files"] = files.get(key, 1)
    project = metadata.distribution(PROJECT_DISTRIBUTION)
    by_dist[PROJECT_DISTRIBUTION] = {"name": project.metadata["Name"], "version": project.version,
                                     "licence": licence_of(project), "origin": "python",
                                     "files": files.get(PROJECT_DISTRIBUTION, 0)}
    rows = sorted(by_dist.values(), key=lambda e: (e["origin"], e["name"].lower()))
    out.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return out


def _debian_version(package: str) -> str:
    run = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else ""
