"""``labnews check`` reports what ``sphinx-build -W`` fails on, post by post.

Each test runs ``check`` on a copy of the ``check`` root with one post added and,
where it says "both", a real ``sphinx-build -W --keep-going`` of the same tree.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cli_helpers import write
from helpers import copy_root
from sphinx.cmd.build import build_main
from sphinx.util.console import strip_escape_sequences

from sphinx_labnews.cli.check import CACHE_DIR, BuildWarning, collect_warnings
from sphinx_labnews.cli.main import main

_WARNING_LINE = re.compile(
    r"^(?:(?P<path>.+?):(?P<line>\d*): )?(?:WARNING|ERROR|CRITICAL): "
    r".*?(?: \[(?P<name>[\w.-]+)\])?$"
)

# For the real sphinx-build runs (check ignores Python's deprecation warnings itself):
# sphinx-notfound-page 1.1 calls global_toctree_for_doc() without ``tags`` when it renders
# the 404 page; myst-parser's reference resolver reads ``self.app``. Not ours to fix.
pytestmark = [
    pytest.mark.filterwarnings("ignore:'tags' will become a required keyword argument"),
    pytest.mark.filterwarnings(
        "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
    ),
]

GOOD = "news/2025-01-01-good.md"
OTHER = "news/2025-02-01-other.md"


def post(body: str, *, title: str = "Checked", extra: str = "") -> str:
    return f"---\ntitle: {title}\nlast_updated: 2025/03/01\n{extra}---\n\n{body}\n"


def sphinx_build(srcdir: Path, outdir: Path) -> tuple[int, set[tuple[str, int | None, str | None]]]:
    """Exit code and ``(file, line, type.subtype)`` of each warning of a real ``-W`` build."""
    warnfile = outdir.parent / "warnings.txt"
    code = build_main(
        ["-W", "--keep-going", "-q", "-b", "html", "-w", str(warnfile), str(srcdir), str(outdir)]
    )
    found = set()
    for line in strip_escape_sequences(warnfile.read_text("utf-8")).splitlines():
        if match := _WARNING_LINE.match(line):
            path, number = match.group("path"), match.group("line")
            # Sphinx 8.1 names the file of MyST 4's own warnings with ".rst" added
            # (post.md.rst); labnews check names the file itself (check._source_file)
            path = path.removesuffix(".rst") if path.endswith(".md.rst") else path
            found.add(
                (
                    str(Path(path).resolve()) if path else "",
                    int(number) if number else None,
                    match.group("name"),
                )
            )
    return code, found


def keys(warnings: list[BuildWarning]) -> set[tuple[str, int | None, str | None]]:
    return {(str(w.path.resolve()) if w.path else "", w.line, w.name) for w in warnings}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_root("check", tmp_path)


def check(site: Path, *paths: Path | str) -> int:
    return main(["check", "--conf-dir", str(site), *(str(site / p) for p in paths)])


def test_the_root_is_clean_for_check_and_build(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(site) == 0
    assert capsys.readouterr().out == "checked the site (2 post(s)): 0 warning(s)\n"
    assert sphinx_build(site, tmp_path / "out") == (0, set())


def test_img_in_inline_code_passes_check_and_build(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old line scanner reported this ``<img>`` and its missing ``x.png``."""
    write(site / "news/2025-03-01-code.md", post('Write `<img src="x.png">` as a directive.'))
    assert check(site, "news/2025-03-01-code.md") == 0
    assert capsys.readouterr().out == "checked 1 path(s): 0 warning(s)\n"
    assert sphinx_build(site, tmp_path / "out") == (0, set())


@pytest.mark.parametrize(
    ("text", "line", "name"),
    [
        # the old line scanner missed these three: it knew neither the front matter's
        # About keys nor MyST's directives and roles, nor Sphinx's references
        (post("Text.", extra="about: [nobody]\n"), 4, "labnews.about"),
        (post("```{no-such-directive}\n```"), 6, "myst.directive_unknown"),
        (post("See {ref}`no-such-label`."), 6, "ref.ref"),
        (post("```{about} nobody\n```"), 6, "labnews.about"),
        (post("![a photo](/static/img/missing.png)"), 6, "image.not_readable"),
    ],
    ids=[
        "front-matter-about-key",
        "unknown-directive",
        "missing-reference",
        "about-directive-key",
        "missing-image",
    ],
)
def test_a_warning_fails_check_and_build(
    site: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    line: int,
    name: str,
) -> None:
    path = write(site / "news/2025-03-01-bad.md", text)
    assert check(site, "news/2025-03-01-bad.md") == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith(f"{path}:{line}: WARNING: ")
    assert out[0].endswith(f" [{name}]")
    assert out[1] == "checked 1 path(s): 1 warning(s)"
    assert sphinx_build(site, tmp_path / "out") == (1, {(str(path.resolve()), line, name)})


def test_output_is_what_sphinx_build_prints(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Docutils errors too: an ``ERROR:`` spanning lines, as ``sphinx-build`` prints it."""
    write(
        site / "news/2025-03-01-rst.md",
        post("```{eval-rst}\n.. image::\n\nA `broken link <\n```"),
    )
    assert check(site, "news/2025-03-01-rst.md") == 1
    out = capsys.readouterr().out
    sphinx_build(site, tmp_path / "out")
    printed = strip_escape_sequences((tmp_path / "warnings.txt").read_text("utf-8"))
    assert out == printed + "checked 1 path(s): 2 warning(s)\n"
    assert ': ERROR: Error in "image" directive:\n' in out


def test_warnings_of_other_posts_are_not_reported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(site / "news/2025-03-01-bad.md", post("```{about} nobody\n```"))
    assert check(site, GOOD) == 0
    assert capsys.readouterr().out == "checked 1 path(s): 0 warning(s)\n"
    assert check(site) == 1
    assert f"{bad}:6: WARNING: unknown About block 'nobody'" in capsys.readouterr().out


def test_given_posts_are_reported_again_when_unchanged(site: Path) -> None:
    """The private env is kept; a second check must not lose the post's warnings,
    neither those found while reading nor those found while writing (references)."""
    bad = write(site / "news/2025-03-01-bad.md", post("```{about} nobody\n```\n\n{ref}`nope`"))
    first = collect_warnings(site, [bad])
    assert [w.name for w in first] == ["labnews.about", "ref.ref"]
    assert collect_warnings(site, [site / GOOD]) == []
    assert collect_warnings(site, [bad]) == first


def test_a_warm_check_follows_edits(site: Path) -> None:
    """Fixed, broken again, and a label the post refers to added in another file."""
    bad = write(site / "news/2025-03-01-bad.md", post("```{about} nobody\n```"))
    assert [w.name for w in collect_warnings(site, [bad])] == ["labnews.about"]
    write(bad, post("See {ref}`later`."))
    assert [w.name for w in collect_warnings(site, [bad])] == ["ref.ref"]
    write(site / OTHER, post("(later)=\n## Later", title="Another post"))
    assert collect_warnings(site, [bad]) == []


def test_a_folder_checks_the_posts_under_it(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(site / "news/2025-03-01-bad.md", post("```{about} nobody\n```"))
    assert check(site, "news") == 1
    out = capsys.readouterr().out
    assert f"{bad}:6: WARNING: unknown About block" in out
    assert out.endswith("checked 1 path(s): 1 warning(s)\n")


def test_unpublished_posts_are_skipped_like_the_build_does(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        site / "news/2025-03-01-draft.md",
        post("```{about} nobody\n```", extra="published: false\n"),
    )
    assert check(site, "news/2025-03-01-draft.md") == 0
    out = capsys.readouterr().out
    assert "nobody" not in out
    assert "2025-03-01-draft.md: not built (unpublished or excluded)" in out
    assert check(site) == 0
    assert capsys.readouterr().out == "checked the site (3 post(s)): 0 warning(s)\n"
    assert sphinx_build(site, tmp_path / "out") == (0, set())


def test_suppress_warnings_is_honoured(site: Path) -> None:
    conf = site / "conf.py"
    conf.write_text(conf.read_text() + "suppress_warnings = ['labnews.about']\n")
    write(site / "news/2025-03-01-bad.md", post("```{about} nobody\n```\n\n```{nope}\n```"))
    assert [w.name for w in collect_warnings(site, [site / "news/2025-03-01-bad.md"])] == [
        "myst.directive_unknown"
    ]


def test_site_warnings_are_reported_only_for_the_whole_site(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conf = site / "conf.py"
    conf.write_text(conf.read_text() + "labnews_default_about = ['nobody']\n")
    assert check(site, GOOD) == 0
    capsys.readouterr()
    assert check(site) == 1
    assert "nobody" in capsys.readouterr().out


def test_the_private_build_stays_in_its_folder(site: Path) -> None:
    collect_warnings(site)
    assert sorted(p.name for p in (site / "_build").iterdir()) == [
        ".labnews-check",
        ".labnews-check.lock",
    ]
    assert (site / CACHE_DIR / "html" / "index.html").is_file()


def test_format_is_sphinx_format() -> None:
    warning = BuildWarning(Path("/d/a.md"), 3, "bad", "labnews", "date")
    assert warning.format() == "/d/a.md:3: WARNING: bad [labnews.date]"
    assert BuildWarning(None, None, "odd", None, None).format() == "WARNING: odd"


def test_no_conf_py(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--conf-dir", str(tmp_path)]) == 1
    assert f"labnews check: error: no conf.py in {tmp_path}" in capsys.readouterr().err


def test_conf_py_without_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "conf.py", "project = 'Plain'\n")
    write(tmp_path / "index.md", "# Plain\n")
    assert main(["check", "--conf-dir", str(tmp_path)]) == 1
    assert "conf.py does not load sphinx_labnews" in capsys.readouterr().err


def test_no_posts(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for path in (site / "news").iterdir():
        path.unlink()
    assert check(site) == 1
    assert "labnews check: error: no posts in" in capsys.readouterr().err


def test_missing_path(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(site, GOOD, "news/nope.md") == 1
    assert "no such file or folder: " in capsys.readouterr().err


def test_strict_is_still_accepted(site: Path) -> None:
    assert main(["check", "--conf-dir", str(site), "--strict", str(site / GOOD)]) == 0


def test_pre_commit_hook_definition() -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "labnews-check"
    assert hook["entry"] == "labnews check"
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
