"""``labnews init``: a complete, working news site in an empty folder.

A newcomer should not have to copy anything from this repository: ``init``
writes the ``conf.py`` the guide's screenshots assume (pydata theme, news
sidebars, reproducible builds), the landing page with the latest news, the
archive page, and the folders posts and images go in. ``sphinx-build -W DIR
DIR/_build`` passes on the result. Existing files are never overwritten: each is
named and kept, so running ``init`` on a site that has some of them is safe.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .site import CommandError

FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
    '<rect width="64" height="64" rx="12" fill="#1f4e8c"/>'
    '<path d="M18 46V18h6l16 18V18h6v28h-6L24 28v18z" fill="#fff"/></svg>\n'
)

#: In the ``conf.py`` it writes: ``import-jekyll --about-from-site`` may fill in its blocks.
INIT_MARKER = "(written by `labnews init`)"

CONF_TEMPLATE = '''\
"""{project}: a news site built with sphinx-labnews (written by `labnews init`)."""

project = {project!r}
author = {author!r}
copyright = {copyright!r}

extensions = ["sphinx_labnews"]
# the news-site defaults: posts in news/, archives, feeds, sitemap, link previews
labnews_site_defaults = True

# Feeds and canonical links need the site's absolute address: change it to yours.
# (Read the Docs sets READTHEDOCS_CANONICAL_URL, which sphinx-labnews prefers.)
html_baseurl = {baseurl!r}

# Boilerplate sections written once ("About our lab"): a key → a file in _about/.
# `labnews import-jekyll --about-from-site` finds them in an old site's posts.
labnews_about_blocks = {about_blocks}
# the blocks appended to every post that does not say `about:` itself
labnews_default_about = {default_about}

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "README.md"]
# build the same bytes every time: no "last updated" stamp from the clock
html_last_updated_fmt = None
# a news site has no use for a general index
html_use_index = False

html_theme = "pydata_sphinx_theme"
html_title = {project!r}
html_favicon = "_static/favicon.svg"
html_context = {{"default_mode": "auto"}}
html_theme_options = {{
    "navbar_align": "left",
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": [],
}}
_NEWS_SIDEBAR = [
    "ablog/postcard.html",
    "ablog/recentposts.html",
    "ablog/categories.html",
    "ablog/archives.html",
]
html_sidebars = {{"news": _NEWS_SIDEBAR, "news/**": _NEWS_SIDEBAR, "index": []}}
'''

INDEX_TEMPLATE = """\
# {project}

{description}

## Latest news

```{{news-cards}}
:limit: 6
```

[All news](archive.md) · <a href="news/atom.xml">Atom feed</a> · <a href="news/rss.xml">RSS feed</a>

```{{toctree}}
:hidden:
:maxdepth: 1

archive
```
"""

ARCHIVE = """\
# All news

Every published post, newest first, a page at a time. The links above the posts
open the news of one year or one tag; <a href="news/atom.xml">Atom</a> and
<a href="news/rss.xml">RSS</a> feeds follow them all.

```{news-cards}
:all:
```
"""

PLACEHOLDER_URL = "https://your-lab.example.org/"


@dataclass
class SiteSkeleton:
    """What ``init`` writes; ``import-jekyll --new-site`` fills it from ``_config.yml``."""

    project: str = "Lab News"
    author: str = "The lab"
    description: str = "News from the lab: papers, awards, events and people."
    baseurl: str = PLACEHOLDER_URL
    year: str = "2025"
    #: About block key → (heading, text), written to ``_about/<key>.md``.
    about_blocks: dict[str, tuple[str, str]] = field(default_factory=dict)
    default_about: list[str] = field(default_factory=list)

    def files(self) -> dict[str, str]:
        about = {key: f"_about/{key}.md" for key in self.about_blocks}
        files = {
            "conf.py": CONF_TEMPLATE.format(
                project=self.project,
                author=self.author,
                copyright=f"{self.year}, {self.author}",
                baseurl=self.baseurl,
                about_blocks=_python_dict(about),
                default_about=repr(list(self.default_about)),
            ),
            "index.md": INDEX_TEMPLATE.format(
                project=_markdown_text(self.project), description=self.description
            ),
            "archive.md": ARCHIVE,
            "_static/favicon.svg": FAVICON,
            ".gitignore": "_build/\n",
        }
        for key, (heading, text) in self.about_blocks.items():
            files[about[key]] = f"# {heading}\n\n{text.strip()}\n"
        return files


def _python_dict(mapping: Mapping[str, str]) -> str:
    if not mapping:
        return "{}"
    items = "".join(f"    {key!r}: {value!r},\n" for key, value in mapping.items())
    return "{\n" + items + "}"


def _markdown_text(text: str) -> str:
    """A title safe in a Markdown heading: Markdown and HTML characters escaped."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>#{}|!" else char for char in text)


def write_site(
    folder: Path,
    skeleton: SiteSkeleton | None = None,
    *,
    out: TextIO | None = None,
) -> list[Path]:
    """Write the site's files into ``folder``; returns the files written (never overwrites)."""
    out = out or sys.stdout
    skeleton = skeleton or SiteSkeleton()
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"{folder} exists and is not a folder")
    written: list[Path] = []
    for relative, text in skeleton.files().items():
        path = folder / relative
        if path.exists() or path.is_symlink():
            print(f"kept {path} (exists)", file=out)
            continue
        if path.suffix == ".md" and path.with_suffix(".rst").exists():
            # the same page written in reStructuredText: two would clash
            print(f"kept {path.with_suffix('.rst')} (exists)", file=out)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
        print(f"wrote {path}", file=out)
    for relative in ("news", "static/img/news"):
        (folder / relative).mkdir(parents=True, exist_ok=True)
    return written


def init_site(folder: Path, *, out: TextIO | None = None) -> int:
    """``labnews init DIR``."""
    out = out or sys.stdout
    write_site(folder, out=out)
    print(
        f"Next: put posts in {folder / 'news'} (labnews new, or labnews import-jekyll "
        f"SITE --new-site {folder}), set html_baseurl in {folder / 'conf.py'}, then "
        f"sphinx-build -W {folder} {folder / '_build'}",
        file=out,
    )
    return 0


def conf_lines(blocks: Mapping[str, str], default_about: Sequence[str]) -> str:
    """The ``conf.py`` lines that register About blocks (for ``--about-from-site``)."""
    return (
        f"labnews_about_blocks = {_python_dict(blocks)}\n"
        f"labnews_default_about = {list(default_about)!r}\n"
    )
