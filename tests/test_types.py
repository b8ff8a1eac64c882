"""mypy over core, storage and services finds nothing (configured in pyproject.toml: strict for core,
check_untyped_defs for the rest), so a wrong type is caught here and not by an analyst."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors_in_core_storage_and_services():
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent)) or shutil.which("mypy")
    assert mypy, "mypy is missing: install the dev extra (scripts/setup --dev)"
    # No incremental cache in the checkout: the run always checks the files as they are now.
    result = subprocess.run([mypy, "--no-incremental", "--cache-dir", "/dev/null", "--no-error-summary"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
