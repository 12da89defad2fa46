"""Every user-written value in the ablog templates is escaped (fast: Jinja only, no build).

Sphinx's Jinja does not autoescape, so a removed ``|e`` would put a post's title,
tag or link into the page as markup. Each template is rendered with hostile values
on every branch; the slow property tests in ``test_hostile_posts.py`` check the
same through whole builds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

import sphinx_labnews

TEMPLATES = Path(sphinx_labnews.__file__).parent / "templates"
HOSTILE = '<b x="1">&amp;'
ESCAPED = "&lt;b x=&#34;1&#34;&gt;&amp;amp;"


class Collection(list):
    """ablog's Collection: its name is what it prints as; its posts are its items."""

    def __init__(self, name: str, posts: list | None = None, href: str = "") -> None:
        super().__init__(posts or [])
        self.name = name
        self.docname = f"blog/tag/{len(name)}"
        self.path = "blog/tag/x"
        self.href = href

    def __str__(self) -> str:
        return self.name

    def relsize(self, maxsize: int = 5, minsize: int = 1) -> int:
        return 3


class Post:
    def __init__(self, title: str, *, external_link: str = "", published: bool = True) -> None:
        self.title = title
        self.docname = "news/post"
        self.external_link = external_link
        self.published = published
        self.date = dt.datetime(2025, 1, 2)
        self.author = [Collection(HOSTILE, [self])]
        self.category = [Collection(HOSTILE, [self]), Collection(HOSTILE)]
        self.tags = [Collection(HOSTILE, [self])]
        self.prev = self.next = None


def hostile_posts() -> list[Post]:
    first, linked = Post(HOSTILE), Post(HOSTILE, external_link=f"https://x/?{HOSTILE}")
    draft = Post(HOSTILE, published=False)
    first.prev, first.next = linked, draft
    return [first, linked, draft]


class Blog(dict):
    """The ``ablog`` template variable: posts by page name, catalogs, recent posts."""

    def __init__(self, posts: list[Post]) -> None:
        super().__init__({"news/post": posts[0]})
        self.posts = posts
        catalog = Catalog([Collection(HOSTILE, posts), Collection("empty")])
        self.archive = self.author = self.category = self.tags = catalog
        self.fontawesome = False
        self.post_show_prev_next = True
        self.blog_path = "blog"

    def recent(self, count: int, pagename: str) -> list[Post]:
        return self.posts[:count]


class Catalog(list):
    docname = "blog/tag"
    path = "blog/tag"


def render(name: str, **context: object) -> str:
    loader = jinja2.ChoiceLoader(
        [
            jinja2.DictLoader({"page.html": "{% block body %}{% endblock %}"}),
            jinja2.FileSystemLoader(TEMPLATES),
        ]
    )
    env = jinja2.Environment(loader=loader, autoescape=False)
    posts = hostile_posts()
    env.globals.update(
        pathto=lambda docname, *args: f"/{docname}.html",
        anchor=lambda post: "",
        labnews_date=lambda date: date.strftime("%Y-%m-%d"),
        labnews_description=lambda post: HOSTILE,
        labnews_cards=lambda collection: "",
        labnews_rows=lambda collection: "",
        _=lambda text: text,
        ablog=Blog(posts),
        pagename="news/post",
        title=HOSTILE,
        header=HOSTILE,
        catalog=Catalog([Collection(HOSTILE, posts), Collection("empty")]),
    )
    return env.get_template(f"ablog/{name}").render(**context)


CONTEXTS = {
    "archives.html": {},
    "authors.html": {},
    "categories.html": {},
    "catalog.html": {},
    "collection.html": {"collection": Collection(HOSTILE, href=f"https://x/?{HOSTILE}")},
    "collection.html (no link)": {"collection": Collection(HOSTILE)},
    "postcard.html": {},
    "postcard2.html": {"post": hostile_posts()[0]},
    "postnavy.html": {},
    "recentposts.html": {},
    "tagcloud.html": {},
}


def test_every_template_is_rendered() -> None:
    # allnews.html shows no value of a post's: its title is fixed text and its body
    # comes from sphinx_labnews.archive.render_archive_page (tests/test_news_pages.py)
    not_here = {"_macros.html", "allnews.html"}
    names = {path.name for path in (TEMPLATES / "ablog").glob("*.html")} - not_here
    assert names == {key.split()[0] for key in CONTEXTS}


@pytest.mark.parametrize("key", CONTEXTS)
def test_user_values_are_escaped(key: str) -> None:
    html = render(key.split()[0], **CONTEXTS[key])
    assert ESCAPED in html
    assert HOSTILE not in html
    assert "<b " not in html
