"""Parsing and dispatch of ``labnews``."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sphinx_labnews import __version__
from sphinx_labnews.cli.main import main


@pytest.mark.parametrize("command", [[], ["new"], ["import-jekyll"], ["check"]])
def test_help_on_every_command(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: labnews" in capsys.readouterr().out


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new"])
    assert exit_.value.code == 2
    assert "TITLE" in capsys.readouterr().err


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "import-jekyll" in capsys.readouterr().out


def test_python_dash_m_runs_the_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_labnews", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"labnews {__version__}"
