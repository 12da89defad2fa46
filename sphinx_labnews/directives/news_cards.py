"""``news-cards``: the latest posts as a grid of cards, on any page.

ablog's ``postlist`` writes a bullet list; a news site's landing page wants what
al-folio or Hugo Blox show: a thumbnail, the title, date, category and the one-line
description. The directive only records what to show (a :class:`news_cards` node);
which posts that is depends on every other post, so the node is resolved at
``doctree-resolved``, as ablog resolves ``postlist``, once all posts are known.
:func:`sphinx_labnews.incremental.note_listing_doc` remembers the page, so it is
rewritten when a post changes.

HTML builders get the markup of :func:`sphinx_labnews.listings.render_cards`, the
same function the archive templates call; other builders get a bullet list of
titles and dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from ablog.blog import Post
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..archive import ALL_NEWS_KEY, LATEST, all_news_posts, render_archive_page
from ..dates import post_date_text
from ..listings import blog_of, newest_first, render_cards

#: Options that filter by one of a post's collections; a post must match each given.
FILTERS = ("tags", "category", "author")


class news_cards(nodes.General, nodes.Element):
    """Placeholder for a card list, replaced once every post has been read."""


def comma_list(argument: str | None) -> list[str]:
    """``"a, b"`` → ``["a", "b"]``; empty items are dropped."""
    return [item.strip() for item in (argument or "").split(",") if item.strip()]


class NewsCardsDirective(SphinxDirective):
    """```` ```{news-cards} ```` with ``:limit:``, ``:tags:``, ``:category:``, ``:author:``,
    or ``:all:``: this page is page 1 of All news (see :mod:`sphinx_labnews.archive`).

    A page that lists posts is kept out of the search index (``nosearch``), so a
    search finds the posts, not every listing that shows their descriptions.
    """

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "limit": directives.nonnegative_int,
        "tags": comma_list,
        "category": comma_list,
        "author": comma_list,
        "all": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        node = news_cards()
        node["all"] = "all" in self.options
        metadata = self.env.metadata[self.env.docname]
        metadata["nosearch"] = ""
        if node["all"]:
            metadata[ALL_NEWS_KEY] = True
        node["limit"] = self.options.get("limit", 0)
        for key in FILTERS:
            node[key] = self.options.get(key, [])
        self.set_source_info(node)
        return [node]


def matches(post: Post, wanted: dict[str, list[str]]) -> bool:
    """Whether ``post`` has, for each filter given, at least one of its values.

    Labels compare case-insensitively, as a contributor writes ``Workshop`` in one
    post and ``workshop`` in the directive.
    """
    for key, values in wanted.items():
        if not values:
            continue
        have = {str(collection).casefold() for collection in getattr(post, key) or []}
        if not have & {value.casefold() for value in values}:
            return False
    return True


def select_posts(posts: Iterable[Post], node: news_cards) -> list[Post]:
    """Published posts matching the node's filters, newest first, up to its limit."""
    wanted = {key: node[key] for key in FILTERS}
    chosen = [post for post in newest_first(posts) if post.published and matches(post, wanted)]
    return chosen[: node["limit"]] if node["limit"] else chosen


def title_list(app: Sphinx, posts: Iterable[Post]) -> nodes.bullet_list:
    """The degraded form, for builders that are not HTML: titles and dates."""
    items = nodes.bullet_list(classes=["labnews-cards"])
    for post in posts:
        text = f"{post.title} ({post_date_text(app, post.date)})" if post.date else post.title
        items.append(nodes.list_item("", nodes.paragraph(text, text)))
    return items


def resolve_news_cards(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: replace each placeholder with its posts."""
    found = list(doctree.findall(news_cards))
    if not found:
        return
    posts = blog_of(app).posts
    for node in found:
        if node["all"]:
            if app.builder.format == "html":
                html = render_archive_page(app, docname, LATEST)
                node.replace_self(nodes.raw("", html, format="html"))
            else:
                node.replace_self(title_list(app, all_news_posts(app)))
            continue
        chosen = select_posts(posts, node)
        if app.builder.format == "html":
            node.replace_self(nodes.raw("", render_cards(app, docname, chosen), format="html"))
        else:
            node.replace_self(title_list(app, chosen))


def setup_news_cards(app: Sphinx) -> None:
    app.add_node(news_cards)
    app.add_directive("news-cards", NewsCardsDirective)
    app.connect("doctree-resolved", resolve_news_cards)
