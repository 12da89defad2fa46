"""``labnews new``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sphinx_labnews.cli.main import main
from sphinx_labnews.cli.new import new_post
from sphinx_labnews.cli.site import CommandError
from sphinx_labnews.frontmatter import read_post


def test_writes_post_with_front_matter_and_prints_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = new_post(
        "[Press Release] Smart Lab Wins",
        dest=tmp_path,
        author="Cheng Jin",
        tags="award, students",
        cover="/static/img/news/x.png",
        today=dt.date(2025, 7, 27),
    )
    path = tmp_path / "2025-07-27-smart-lab-wins.md"
    assert code == 0
    assert capsys.readouterr().out == f"{path}\n"
    metadata, _front_matter, problems = read_post(path.read_text(), filename=path.name)
    assert problems == []
    # the file keeps the title as typed; the mapping reads its label as a tag
    assert "title: '[Press Release] Smart Lab Wins'" in path.read_text()
    assert (metadata.title, metadata.label) == ("Smart Lab Wins", "Press Release")
    assert metadata.authors == ("Cheng Jin",)
    assert metadata.tags == ("award", "students", "Press Release")
    assert metadata.categories == ("news",)
    assert metadata.date == dt.datetime(2025, 7, 27)
    assert "last_updated: 2025/07/27" in path.read_text()


def test_unicode_title_gets_ascii_slug(tmp_path: Path) -> None:
    new_post("Café Ångström Award", dest=tmp_path, date="2025-01-02")
    assert (tmp_path / "2025-01-02-cafe-angstrom-award.md").is_file()
    new_post("智能实验室新闻", dest=tmp_path, date="2025-01-02")
    (chinese,) = tmp_path.glob("2025-01-02-post-*.md")
    assert chinese.name.isascii()
    assert "title: 智能实验室新闻" in chinese.read_text(encoding="utf-8")


def test_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "2025-01-02-hello.md"
    path.write_text("mine\n")
    with pytest.raises(CommandError, match="already exists"):
        new_post("Hello", dest=tmp_path, date="2025-01-02")
    assert path.read_text() == "mine\n"
    assert main(["new", "Hello", "--date", "2025-01-02", "--dest", str(tmp_path)]) == 1
    assert "already exists; not overwriting it" in capsys.readouterr().err
    assert path.read_text() == "mine\n"


def test_bad_date_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Hello", "--date", "2025-02-30", "--dest", str(tmp_path)]) == 1
    assert "is not a date that exists" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_post_passes_check(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text(
        "extensions = ['sphinx_labnews']\nhtml_baseurl = 'https://lab.example.org/'\n"
    )
    (tmp_path / "index.md").write_text("# Lab\n")
    new_post("Hello", dest=tmp_path / "news", date="2025-01-02")
    assert main(["check", "--conf-dir", str(tmp_path)]) == 0
