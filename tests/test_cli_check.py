"""``labnews check`` on small docs trees."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import make_docs, write

from sphinx_labnews.cli.check import check_posts, check_text
from sphinx_labnews.cli.main import main

GOOD = """---
title: Good
last_updated: 2025/07/27
cover: /static/img/news/a.png
---

```{centered-image} /static/img/news/a.png
:alt: A
```

```{about} hkust
```
"""


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = make_docs(tmp_path)
    write(docs / "static/img/news/a.png", b"png")
    write(docs / "news/2025-07-27-good.md", GOOD)
    return docs


def test_good_site_passes(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--conf-dir", str(docs), "--strict"]) == 0
    assert capsys.readouterr().out == "checked 1 post(s): 0 error(s), 0 warning(s)\n"


def test_errors_name_file_line_value_and_warning_name(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(
        docs / "news/2021-02-28-bad.md",
        "---\ntitle: Bad\nlast_updated: 2021/02/30\ncover: /static/img/news/nope.png\n---\n\n"
        "```{about} nobody\n```\n\n"
        "```{centered-image} /static/../../etc/passwd\n:alt: x\n```\n",
    )
    assert check_posts([bad], conf_dir=docs) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{bad}:3: error: last_updated: '2021/02/30' is not a date that exists "
        "(day is out of range for month); using 2021-02-28 from the file name [labnews.date]",
        f"{bad}:4: error: cover image '/static/img/news/nope.png' not found [labnews.image]",
        f"{bad}:7: error: unknown About block 'nobody' (known: hkust, smart-lab) [labnews.about]",
        f"{bad}:10: error: '/static/../../etc/passwd' points outside the documentation source "
        "[labnews.image]",
        "checked 1 post(s): 4 error(s), 0 warning(s)",
    ]


def test_warnings_fail_only_with_strict(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = write(
        docs / "news/2025-01-01-raw.md",
        '---\ntitle: Raw\n---\n\n<img src="/static/img/news/a.png" alt="A"/>\n\n'
        "```{centered-image} /static/img/news/a.png\n```\n\n"
        '```html\n<img src="not-checked.png">\n```\n',
    )
    assert check_posts([post], conf_dir=docs) == 0
    out = capsys.readouterr().out
    assert f"{post}:5: warning: raw " in out
    assert "[labnews.raw_html]" in out
    assert f"{post}:7: warning: centered-image '/static/img/news/a.png' has no :alt: text" in out
    assert "not-checked" not in out
    assert check_posts([post], conf_dir=docs, strict=True) == 1


def test_every_file_reported_and_malformed_posts(
    docs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(docs / "news/2025-01-01-yaml.md", "---\ntitle: [oops\n---\nbody\n")
    write(docs / "news/2025-01-02-none.md", "Just text, no front matter.\n")
    assert main(["check", "--conf-dir", str(docs)]) == 1
    out = capsys.readouterr().out
    assert "2025-01-01-yaml.md:2: error: front matter is not valid YAML" in out
    assert "2025-01-02-none.md:1: error: post has no front matter" in out
    assert out.splitlines()[-1].startswith("checked 3 post(s):")


def test_folder_argument_and_missing_path(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_posts([docs / "news", docs / "nope.md"], conf_dir=docs) == 1
    out = capsys.readouterr().out
    assert f"{docs / 'nope.md'}: error: no such file or folder" in out
    assert "checked 1 post(s)" in out


def test_broken_conf_falls_back_to_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "conf.py", "raise RuntimeError('boom')\n")
    write(tmp_path / "news/2025-01-01-a.md", "---\ntitle: A\n---\n")
    assert check_posts([], conf_dir=tmp_path) == 0
    assert "could not be run (RuntimeError: boom); using the default settings" in (
        capsys.readouterr().out
    )


def test_check_text_is_pure() -> None:
    findings = check_text(
        "---\ntitle: T\nlast_updated: 2025/01/01\n---\n![x](/static/a.png)\n",
        filename="2025-01-01-t.md",
        image_exists=lambda path: False,
        about_keys=[],
    )
    assert [(f.level, f.subtype, f.line) for f in findings] == [("error", "image", 5)]


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "labnews-check"
    assert hook["entry"] == "labnews check"
    assert hook["language"] == "python"
