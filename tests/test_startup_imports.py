"""Start-up stays light: the command line (which registers every subcommand at each start, the
window's launch included) and the main window's module load no analysis library.

pandas, networkx, igraph and numpy together cost about 0.4 s and 60 MB at start-up, more in
the frozen app, which reads them from its compressed archive; they load when a graph, the
dependency pane or a report first needs them.
"""

import subprocess
import sys

HEAVY = ("pandas", "networkx", "igraph", "numpy")


def test_the_command_line_and_the_window_module_start_without_the_analysis_libraries():
    script = ("import sys\nimport workbench.cli, workbench.ui.main_window\n"
              f"print(sorted(name for name in {HEAVY!r} if name in sys.modules))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
