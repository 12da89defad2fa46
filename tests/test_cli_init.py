"""``labnews init``: a new site that builds with -W, written without overwriting anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import write

from sphinx_labnews.cli.main import main

REPO = Path(__file__).parent.parent


def sphinx_build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", source, out],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        check=False,
    )


def test_new_site_builds_with_w_empty_and_with_a_post(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    for name in ("conf.py", "index.md", "archive.md", "_static/favicon.svg"):
        assert (site / name).is_file(), name
    assert (site / "news").is_dir() and (site / "static/img/news").is_dir()
    conf = (site / "conf.py").read_text()
    assert 'html_theme = "pydata_sphinx_theme"' in conf and "html_baseurl" in conf
    result = sphinx_build(site, tmp_path / "empty")
    assert result.returncode == 0, result.stderr
    write(site / "news/2025-01-02-first.md", "---\ntitle: First\n---\n\nThe first post.\n")
    result = sphinx_build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "out/index.html").read_text()
    assert "news/2025-01-02-first.html" in index  # the latest news on the landing page


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    write(site / "conf.py", "# mine\n")
    assert main(["init", str(site)]) == 0
    assert (site / "conf.py").read_text() == "# mine\n"
    assert f"kept {site / 'conf.py'} (exists)" in capsys.readouterr().out
    assert (site / "index.md").is_file()


def test_init_keeps_a_page_written_in_restructuredtext(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "index.rst", "Home\n====\n")
    assert main(["init", str(site)]) == 0
    assert not (site / "index.md").exists()
    assert (site / "archive.md").is_file()


def test_import_into_a_new_site_takes_the_old_sites_name_and_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "jekyll"
    write(root / "_config.yml", "title: Reef Lab\nurl: https://reef.example.org\nbaseurl: /lab\n")
    write(root / "_posts/2024-01-01-hello.md", "---\ntitle: Hello\n---\n\nHello there.\n")
    site = tmp_path / "site"
    code = main(["import-jekyll", str(root), "--new-site", str(site), "--no-build-check"])
    assert code == 0
    conf = (site / "conf.py").read_text()
    assert "project = 'Reef Lab'" in conf
    assert "html_baseurl = 'https://reef.example.org/lab/'" in conf
    assert (site / "news/2024-01-01-hello.md").is_file()
