"""A full disk, a read-only folder, a folder removed while open: one clear message, earlier work kept.

These need a small filesystem of their own: a size-limited tmpfs mounted by the test,
which takes root. Elsewhere they are skipped, saying why.
"""

import json
import os
import shutil
import subprocess
import uuid

import pytest

from workbench.services.project import open_project

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None,
                                reason="mounting a size-limited tmpfs needs root and mount(8)")


def _mount(folder, *options):
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(["size=4m", *options]), "tmpfs", str(folder)],
                            capture_output=True, text=True)
    if result.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    _mount(folder)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder):
    filler = folder / "filler.bin"
    # Unbuffered: a buffered file that failed to flush raises again when the block closes it.
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    try:  # the last partial block too
        with filler.open("ab", buffering=0) as out:
            while True:
                out.write(b"\0" * 512)
                out.flush()
    except OSError:
        pass
    return filler


def _entity_names(path):
    with open_project(path, writable=False) as project:
        return sorted(e.name for e in project.entities.list())


def _inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    for n in range(3):
        (folder / f"note{n}.txt").write_text(f"Note {n}\n\n" + f"Export controls on chips, part {n}. " * 8000,
                                            encoding="utf-8")
    ftm = folder / "list.ftm.json"
    ftm.write_text("\n".join(json.dumps({"id": f"e{n}", "schema": "Company", "caption": f"Company {uuid.uuid4()}",
                                         "properties": {"name": [f"Company {uuid.uuid4()}"]}})
                             for n in range(5000)) + "\n", encoding="utf-8")
    return folder, ftm


def test_a_full_disk_is_reported_as_such_and_loses_nothing(small_disk, tmp_path, cli):
    project = small_disk / "p.wbproj"
    assert cli("new", project)[0] == 0
    for name in ("Alpha", "Beta"):
        assert cli("entity", "add", project, name, "--kind", "company")[0] == 0
    inputs, ftm = _inputs(tmp_path)
    filler = _fill(small_disk)

    code, out, err = cli("entity", "add", project, "Gamma", "--kind", "company")
    assert code == 1 and "disk is full" in err and "damaged" not in err and err.count("\n") == 1, err

    code, out, err = cli("import", project, inputs)
    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("failed")]
    assert len(failed) == 3 and all("disk is full" in line for line in failed), err  # one line per file
    assert "0 imported, 0 duplicate(s), 3 failed" in out  # and the summary

    code, out, err = cli("lists", "import", project, ftm, "--format", "ftm")
    assert code == 1 and "disk is full" in err and "damaged" not in err, err

    filler.unlink()
    assert cli("check", project)[:2] == (0, f"{project}: ok\n")
    assert _entity_names(project) == ["Alpha", "Beta"]
    assert cli("entity", "add", project, "Gamma", "--kind", "company")[0] == 0
    assert cli("import", project, inputs)[0] == 0


def test_a_read_only_folder_is_reported_as_such(small_disk, cli):
    project = small_disk / "p.wbproj"
    assert cli("new", project)[0] == 0
    assert cli("entity", "add", project, "Alpha", "--kind", "company")[0] == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, out, err = cli("entity", "add", project, "Beta", "--kind", "company")
    assert code == 1 and "read-only" in err and "damaged" not in err and err.count("\n") == 1, err
    code, out, err = cli("entity", "list", project)
    assert code == 0 and "Alpha" in out, err  # reading still works
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert cli("check", project)[0] == 0
    assert _entity_names(project) == ["Alpha"]


def test_the_desktop_program_says_the_disk_is_full(small_disk, qtbot):
    from workbench.services.sample import build_sample
    from workbench.services.settings import Settings
    from workbench.ui.main_window import MainWindow

    path = build_sample(small_disk / "sample.wbproj")
    window = MainWindow(open_project(path), Settings())
    qtbot.addWidget(window)
    window.show()
    claims = window.project.claims.count()
    filler = _fill(small_disk)
    window.create_claim(10, 30)
    message = window.statusBar().currentMessage()
    assert "disk is full" in message and "damaged" not in message, message
    assert window.project.claims.count() == claims
    filler.unlink()
    window.create_claim(10, 30)
    assert window.project.claims.count() == claims + 1
    window.set_project(None)
