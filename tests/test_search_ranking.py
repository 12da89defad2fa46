"""Search ranked for news: equally relevant results come newest first.

The browser test (``test_browser_design.py``) searches a 45-post site; here: which
scorer a build ships, that its copy of Sphinx's weights is Sphinx's, and its ranking
function under Node.
"""

from __future__ import annotations

import re
from pathlib import Path

import sphinx
from helpers import build, copy_root, run_node_tests, warnings_of

from sphinx_labnews.search import SCORER

SEARCHTOOLS = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"


def language_data(tmp_path: Path, **overrides: object) -> str:
    app = build(copy_root("minimal", tmp_path), freshenv=True, confoverrides=overrides)
    assert warnings_of(app) == ""
    return (Path(app.outdir) / "_static" / "language_data.js").read_text("utf-8")


def test_news_site_ships_the_news_scorer(tmp_path: Path) -> None:
    assert "function labnewsScore" in language_data(tmp_path)


def test_a_scorer_the_user_set_is_kept(tmp_path: Path) -> None:
    own = tmp_path / "scorer.js"
    own.write_text("var Scorer = { ourOwn: 1 };\n", "utf-8")
    text = language_data(tmp_path, html_search_scorer=str(own))
    assert "ourOwn" in text and "labnewsScore" not in text


def test_no_scorer_when_the_user_turns_it_off(tmp_path: Path) -> None:
    assert "Scorer" not in language_data(tmp_path, html_search_scorer="")


def test_plain_ablog_site_keeps_sphinx_scorer(tmp_path: Path) -> None:
    assert "labnewsScore" not in language_data(tmp_path, labnews_site_defaults=False)


def _weights(text: str) -> list[tuple[str, str]]:
    body = text[text.index("var Scorer = {") :]
    body = body[: body.index("\n}")]
    return re.findall(r"^\s*(\w+): (-?\d+),", body, re.MULTILINE)


def test_scorer_weights_are_sphinx_defaults() -> None:
    """Our Scorer replaces Sphinx's whole object: its weights must stay Sphinx's."""
    ours, sphinx_own = _weights(SCORER.read_text("utf-8")), _weights(SEARCHTOOLS.read_text("utf-8"))
    assert len(sphinx_own) == 10  # objPrio holds three
    assert ours == sphinx_own, (
        f"Sphinx {sphinx.__version__} changed the Scorer defaults in searchtools.js; "
        "copy them into sphinx_labnews/static/labnews-scorer.js"
    )


def test_node_unit_tests_of_the_scorer() -> None:
    run_node_tests("search-scorer.test.js")
