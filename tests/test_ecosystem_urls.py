"""Base URLs: ``-D`` beats Read the Docs beats ``conf.py``; a missing one is one clear warning.

And the plain extension (no ``labnews_site_defaults``) sets up no sitemap, link
previews or 404 page, and leaves ablog's URLs and the base URL alone.
"""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from helpers import build, copy_root, page, warnings_of

RTD_URL = "https://lab.readthedocs.io/en/stable/"
CLI_URL = "https://cli.example.org/"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    return copy_root("minimal", tmp_path)


def test_command_line_base_url_wins_over_read_the_docs(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", RTD_URL)
    app = build(minimal, freshenv=True, confoverrides={"html_baseurl": CLI_URL})
    assert app.config.html_baseurl == CLI_URL
    feed = feedparser.parse((Path(app.outdir) / "news" / "atom.xml").read_bytes())
    assert feed.entries[0].link == f"{CLI_URL}news/2025-01-01-only.html"
    canonical = page(app, "news/2025-01-01-only").select_one('link[rel="canonical"]')
    assert canonical["href"] == f"{CLI_URL}news/2025-01-01-only.html"


def test_missing_base_url_is_one_labnews_warning(minimal: Path) -> None:
    conf = minimal / "conf.py"
    conf.write_text(
        "\n".join(line for line in conf.read_text().splitlines() if "html_baseurl" not in line)
    )
    app = build(minimal, freshenv=True)
    warnings = warnings_of(app)
    assert warnings.count("WARNING") == 1, warnings
    assert "html_baseurl is not set" in warnings
    assert 'Set html_baseurl = "https://your-lab.example.org/" in conf.py' in warnings
    assert "[labnews.config]" in warnings
    assert "sitemap.configuration" not in warnings
    assert not (Path(app.outdir) / "sitemap.xml").exists()
    # no relative og:url; the other preview tags stay
    post = page(app, "news/2025-01-01-only")
    assert post.select('meta[property="og:url"]') == []
    assert post.select('meta[property="og:title"]')


def test_plain_extension_sets_up_no_site_extras(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", RTD_URL)
    app = build(
        minimal,
        freshenv=True,
        # ablog writes its feed only with blog_baseurl
        confoverrides={"labnews_site_defaults": False, "blog_baseurl": "https://conf.example.org/"},
    )
    for extension in ["sphinx_sitemap", "sphinxext.opengraph", "notfound.extension"]:
        assert extension not in app.extensions
    assert app.config.html_baseurl == "https://conf.example.org/"
    assert app.config.blog_path == "blog"
    outdir = Path(app.outdir)
    assert not (outdir / "sitemap.xml").exists()
    assert not (outdir / "404.html").exists()
    # the post is still a news post (found by its front matter), in ablog's own feed
    assert page(app, "news/2025-01-01-only").select_one("section.labnews-post")
    feed = feedparser.parse((outdir / "blog" / "atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Only post"]
    assert warnings_of(app) == ""
