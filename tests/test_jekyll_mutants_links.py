"""The importer's link, URL, permalink, About and post-level rules, case by case.

A companion to ``test_jekyll_mutants.py``, written against the mutants ``nox -s mutation``
left alive in :mod:`sphinx_labnews.jekyll`'s link resolution, old-URL spellings, scanners,
permalinks, front-matter mapping, About sections and :func:`convert_post`. Each case pins
what the converted post (or its redirect, or the import report) says for a small, realistic
input, through the public functions the importer calls.
"""

from __future__ import annotations

from sphinx_labnews.frontmatter import parse_front_matter
from sphinx_labnews.jekyll import SiteContext, convert_post

# --- front matter ------------------------------------------------------------------


def test_an_author_list_mixing_keys_and_theme_mappings_stays_valid_yaml() -> None:
    # a theme's author mapping in the list is written in flow style, as the list is
    context = SiteContext(authors={"ada": "Ada Lovelace"})
    text = "---\ntitle: t\nauthor: [ada, {name: Bob, url: 'https://b.org'}]\n---\n\nBody.\n"
    done = convert_post(text, filename="2025-01-02-t.md", context=context)
    assert done.text == (
        "---\ntitle: t\nauthor: [Ada Lovelace, {name: Bob, url: 'https://b.org'}]\n---\n\nBody.\n"
    )
    front_matter, problems = parse_front_matter(done.text)
    assert problems == []
    assert front_matter is not None
    assert front_matter.data["author"] == ["Ada Lovelace", {"name": "Bob", "url": "https://b.org"}]
