"""What the command line prints: one line per error, no terminal control sequences from imported text."""

import subprocess
import sys

from tests.conftest import file_digest

HOSTILE_TEXT = ("Title \x1b]0;pwned\x07 chips\n\nThe \x1b[2J\x1b[31mred\x1b[0m export controls on chips, "
                "a bell\x07, a C1 \x9b31m CSI and a carriage\rreturn.\n")


def test_escape_sequences_from_a_source_never_reach_the_terminal(tmp_path, cli):
    source = tmp_path / "hostile\x1b[31m.txt"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    project = tmp_path / "p.wbproj"
    assert cli("new", project)[0] == 0
    code, out, err = cli("import", project, source)
    assert code == 0, err
    outputs = [out, err]
    for args in (["sources", project], ["search", project, "chips"], ["claims", project],
                 ["show", project, cli("sources", project)[1].split()[0]]):
        code, out, err = cli(*args)
        assert code == 0, err
        outputs += [out, err]
    code, out, err = cli("show", project, "no-such-\x1b[2Jsource")
    assert code == 1
    outputs += [out, err]
    printed = "".join(outputs)
    assert "red export controls" in printed  # the text is there, the sequences are not
    for control in ("\x1b", "\x07", "\x9b", "\r"):
        assert control not in printed


def test_a_damaged_project_is_one_line(tmp_path, cli):
    project = tmp_path / "p.wbproj"
    assert cli("sample", project)[0] == 0
    with project.open("r+b") as fh:
        fh.seek(4096 * 3)
        fh.write(b"\xde\xad" * 3000)
    digest = file_digest(project)
    for args in (["check", project], ["sources", project], ["entity", "add", project, "X", "--kind", "company"]):
        code, out, err = cli(*args)
        assert code == 1
        assert err.count("\n") == 1 and "damaged" in err, err
    assert file_digest(project) == digest


def test_a_closed_pipe_ends_quietly(project_path):
    command = [sys.executable, "-m", "workbench", "show", str(project_path), "--help"]
    assert subprocess.run(command, capture_output=True).returncode == 0
    lister = subprocess.Popen([sys.executable, "-c", "from workbench.__main__ import main; import sys; "
                               "sys.exit(main(sys.argv[1:]))", "search", str(project_path), "the", "--limit", "500"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lister.stdout.close()  # like `| head` that has read enough
    _, error = lister.communicate(timeout=60)
    assert b"Broken pipe" not in error and b"Traceback" not in error, error
