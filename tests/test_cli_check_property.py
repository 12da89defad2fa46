"""Property: for any post, ``labnews check`` reports what ``sphinx-build -W`` fails on.

Each hypothesis example writes a few generated posts (front matter variations, bad
dates, missing images, raw HTML in code and outside it, unknown About keys,
unknown directives) into one copy of ``tests/roots/test-check``, runs a clean
``sphinx-build -W --keep-going`` of it, and asserts that

* ``labnews check POST`` reports exactly the ``(line, type.subtype)`` warnings the
  build emitted for that file (the check's private env is warm from the previous
  example, so this also tests that a warm check re-reports a post);
* ``labnews check`` with no path reports exactly the build's warnings, and exits
  1 exactly when the build does.

``LABNEWS_HYPOTHESIS_EXAMPLES`` sets the number of examples (default 5).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_cli_check import keys, sphinx_build

from sphinx_labnews.cli.check import run_check

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:'tags' will become a required keyword argument"),
    pytest.mark.filterwarnings(
        "ignore:'myst_parser.sphinx_ext.myst_refs.MystReferenceResolver.app' is deprecated"
    ),
]

PROFILE = settings(
    max_examples=int(os.environ.get("LABNEWS_HYPOTHESIS_EXAMPLES", "5")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=os.environ.get("LABNEWS_HYPOTHESIS_RANDOM") is None,
    # one example is several Sphinx builds: shrinking would take minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

IMAGE = "/static/img/photo.png"
MISSING = "/static/img/missing.png"

title = st.sampled_from(["title: A post", "title: ''", "title: [a, list]", None])
date = st.sampled_from(
    [
        "last_updated: 2025/03/01",
        "last_updated: 2025/02/30",
        "last_updated: soon",
        "date: 2025-03-02",
        "last_updated: 2999/01/01",
        None,
    ]
)
published = st.sampled_from([None, "published: true", "published: false", "published: maybe"])
cover = st.sampled_from([None, f"cover: {IMAGE}", f"cover: {MISSING}", "cover: 12"])
about = st.sampled_from([None, "about: [lab]", "about: [nobody]"])
tags = st.sampled_from([None, "tags: [ai, award]", "tags: ai, award", "tags: {a: 1}"])
oddity = st.sampled_from([None, "colour: blue", "title: twice", ": no key"])

blocks = st.sampled_from(
    [
        "Plain text.",
        'Raw HTML as inline code: `<img src="x.png">`.',
        f'Raw HTML in text: <img src="{IMAGE}" alt="a">.',
        f'<img src="{MISSING}">',
        '```html\n<img src="in-a-fence.png">\n```',
        f"```{{centered-image}} {IMAGE}\n:alt: A photo\n```",
        f"```{{centered-image}} {MISSING}\n:alt: Missing\n```",
        f"```{{centered-image}} {IMAGE}\n```",
        "```{centered-image} /static/../../etc/passwd\n:alt: x\n```",
        "```{about} lab\n```",
        "```{about} nobody\n```",
        "```{no-such-directive}\n```",
        f"![a photo]({IMAGE})",
        f"![missing]({MISSING})",
        "See {ref}`no-such-label`.",
        "Bad role {nosuchrole}`x`.",
        "```{eval-rst}\n.. image::\n\nA `broken link <\n```",
    ]
)


@st.composite
def posts(draw: st.DrawFn) -> str:
    fields = [draw(field) for field in (title, date, published, cover, about, tags, oddity)]
    head = "".join(f"{field}\n" for field in fields if field)
    front = draw(st.sampled_from([f"---\n{head}---\n", f"---\n{head}...\n", ""]))
    body = "\n\n".join(draw(st.lists(blocks, max_size=4)))
    return f"{front}\n{body}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = tmp_path_factory.mktemp("check-property") / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-check", srcdir)
    return srcdir


@PROFILE
@given(batch=st.lists(posts(), min_size=1, max_size=3))
def test_check_reports_what_the_build_fails_on(batch: list[str], site: Path) -> None:
    for old in (site / "news").glob("2025-03-*.md"):
        old.unlink()
    paths = []
    for number, text in enumerate(batch):
        path = site / "news" / f"2025-03-0{number + 1}-generated.md"
        path.write_text(text, "utf-8")
        paths.append(path)
    outdir = site.parent / "out"
    shutil.rmtree(outdir, ignore_errors=True)
    code, built = sphinx_build(site, outdir)

    for path in paths:
        from_build = {(line, name) for file, line, name in built if file == str(path.resolve())}
        from_check = {(line, name) for _, line, name in keys(run_check(site, [path]).warnings)}
        assert from_check == from_build, path.read_text("utf-8")

    whole = run_check(site).warnings
    assert keys(whole) == built
    assert (1 if whole else 0) == code
