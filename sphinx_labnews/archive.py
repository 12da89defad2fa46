"""One "All news" page: every post, newest first, under year headings, a page at a time.

ablog writes three pages that each list every post: its all-posts page
(``<blog_path>.html``), its catalog of years (``<blog_path>/archive.html``), and
whatever page of the site holds a ``news-cards`` list; all three reached the
sitemap and the search index, and the archive's grid of 43 cards was 6,200 px tall.
Here there is one. Its first page, the newest posts, is the document holding
``{news-cards}`` with the ``:all:`` flag (the site's navbar entry), or, when no
document does, the page at ``<blog_path>.html`` (what ablog's sidebars link to).
Older posts are on ``<blog_path>/page/<n>.html``, numbered from the oldest
(:func:`older_page_count`), so a new post changes the first page and not every
other. Each page shows its posts as the same cards as every other listing, grouped
under year headings, between a filter row (the years' and tags' own archive pages)
and page links with ``<link rel="prev"/"next">``. ablog's two duplicates are no
longer generated. When a document holds the first page, ``<blog_path>.html`` (where
ablog's all-posts page was, and old links point) is a small redirect page to it
instead of a 404.

The pages are rendered by :func:`render_archive_page`, for the document at
``doctree-resolved`` and for the generated pages through the ``labnews_archive``
template function, so both are the same markup.
"""

from __future__ import annotations

import html
import itertools
import posixpath
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import Any
from urllib.parse import urljoin

from ablog.blog import Post
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.osutil import relative_uri

from .listings import blog_of, render_cards
from .ordering import published_newest_first

PageTuple = tuple[str, dict[str, Any], str]

#: ``env.metadata`` key of the document that is page 1 of All news.
ALL_NEWS_KEY = "labnews_all_news"
#: The template of the generated pages.
ARCHIVE_TEMPLATE = "ablog/allnews.html"
#: The template of the redirect page at ``<blog_path>.html`` (:func:`blog_index_redirect`).
REDIRECT_TEMPLATE = "labnews/redirect.html"
#: The builder attribute that caches :func:`all_news_doc`.
_ALL_NEWS_CACHE = "_labnews_all_news"
_FILTER_ROW_CACHE = "_labnews_filter_rows"


def all_news_doc(app: Sphinx) -> str | None:
    """The document that shows page 1 (``{news-cards}`` with ``:all:``), if any.

    The first in name order, so the choice does not depend on reading order. Asked
    for on every page written, so found once per build, when reading is over.
    """
    # cached on the builder, which lasts one build; Sphinx's Builder does not declare it
    builder = app.builder
    if not hasattr(builder, _ALL_NEWS_CACHE):
        docs = sorted(d for d, meta in app.env.metadata.items() if meta.get(ALL_NEWS_KEY))
        setattr(builder, _ALL_NEWS_CACHE, docs[0] if docs else None)
    doc: str | None = getattr(builder, _ALL_NEWS_CACHE)
    return doc


def all_news_posts(app: Sphinx) -> Sequence[Post]:
    """Every published post, newest first."""
    return published_newest_first(blog_of(app))


#: The number of All news' first page, the newest posts (:func:`page_docname`).
LATEST = 0


def older_page_count(post_count: int, size: int) -> int:
    """How many numbered pages hold older posts.

    Pages are counted from the oldest post: page 1 holds the oldest ``size`` posts
    for good, page 2 the next, and so on. Counted from the newest, a new post moved
    one post from every page to the next, and every page was rewritten (83 at 1000
    posts). The newest full page and the posts that do not make a full page are the
    first page, so it shows ``size`` to ``2 * size - 1`` posts, never a handful.
    """
    return max(0, post_count // size - 1)


def page_posts(posts: Sequence[Post], number: int, size: int) -> Sequence[Post]:
    """The posts page ``number`` shows, newest first, of ``posts`` (newest first)."""
    older = older_page_count(len(posts), size)
    if number == LATEST:
        return posts[: len(posts) - older * size]
    end = len(posts) - (number - 1) * size
    return posts[end - size : end]


def newer_page(number: int, count: int) -> int | None:
    """The page before ``number`` in reading order, of ``count`` numbered pages."""
    if number == LATEST:
        return None
    return LATEST if number == count else number + 1


def older_page(number: int, count: int) -> int | None:
    """The page after ``number`` in reading order, of ``count`` numbered pages."""
    if number == LATEST:
        return count or None
    return number - 1 or None


def page_docname(app: Sphinx, number: int) -> str:
    """Page ``number`` of All news: :data:`LATEST` is the All news document or
    ``blog_path``; the numbered pages are ``<blog_path>/page/<number>``."""
    if number == LATEST:
        return all_news_doc(app) or app.config.blog_path
    return f"{app.config.blog_path}/page/{number}"


def page_number(app: Sphinx, pagename: str) -> int | None:
    """Which page of All news ``pagename`` is, if it is one."""
    if pagename == page_docname(app, LATEST):
        return LATEST
    prefix = f"{app.config.blog_path}/page/"
    number = pagename[len(prefix) :]
    if pagename.startswith(prefix) and number.isdigit() and int(number) >= 1:
        return int(number)
    return None


def _href(app: Sphinx, here: str, docname: str) -> str:
    builder = app.builder
    return html.escape(relative_uri(builder.get_target_uri(here), builder.get_target_uri(docname)))


def filter_links(app: Sphinx) -> list[tuple[str, list[tuple[str, str]]]]:
    """The year and tag views the filter row links to, as (label, [(name, docname)]):
    only pages that are built, those with posts."""
    blog = blog_of(app)
    groups = []
    for label, catalog in ((_("Years"), blog.archive), (_("Tags"), blog.tags)):
        links = [(str(coll), coll.docname) for coll in catalog if len(coll)]
        if links:
            groups.append((label, links))
    return groups


def filter_row(app: Sphinx, pagename: str) -> str:
    """Links to the year and tag views of All news.

    The same on every page of one folder (``news/page/``), so made once per folder and
    build: made per page, its cost grew with pages times years.
    """
    blog = blog_of(app)
    folder = posixpath.dirname(app.builder.get_target_uri(pagename))
    cache: tuple[Any, dict[str, str]] | None = getattr(app.builder, _FILTER_ROW_CACHE, None)
    if cache is None or cache[0] is not blog.posts:
        cache = (blog.posts, {})
        setattr(app.builder, _FILTER_ROW_CACHE, cache)
    rows = cache[1]
    if folder not in rows:
        rows[folder] = _filter_row(app, pagename)
    return rows[folder]


def _filter_row(app: Sphinx, pagename: str) -> str:
    groups = []
    for label, links in filter_links(app):
        items = "".join(
            f'<li><a href="{_href(app, pagename, docname)}">'
            f"{html.escape(name, quote=False)}</a></li>"
            for name, docname in links
        )
        groups.append(
            f'<div class="labnews-filters__group"><span class="labnews-filters__label">'
            f'{label}</span><ul class="labnews-filters__list">{items}</ul></div>'
        )
    if not groups:
        return ""
    return f'<nav class="labnews-filters" aria-label="{_("Filter news")}">{"".join(groups)}</nav>'


#: Page links on each side of the current page; the first and last are always shown.
PAGE_WINDOW = 2


def shown_page_numbers(number: int, count: int) -> list[int | None]:
    """The page numbers linked from page ``number`` of ``count``; ``None`` marks a gap.

    The first, the last, and :data:`PAGE_WINDOW` on each side of the current page:
    linking every page from every page made All news quadratic (at 10 000 posts, 834
    pages of 834 links each). A gap of one page shows that page instead of "…".
    """
    wanted = {1, count, *range(number - PAGE_WINDOW, number + PAGE_WINDOW + 1)}
    shown: list[int | None] = []
    for n in sorted(n for n in wanted if 1 <= n <= count):
        last = shown[-1] if shown else 0
        if last is not None and n - last == 2:
            shown.append(n - 1)
        elif last is not None and n - last > 2:
            shown.append(None)
        shown.append(n)
    return shown


def shown_pages(number: int, count: int) -> list[int | None]:
    """The pages linked from page ``number`` of All news, in reading order: :data:`LATEST`,
    then ``count`` … 1; ``None`` marks a gap.

    :func:`shown_page_numbers` over reading positions. What page ``number`` links to
    then depends on ``count`` only near the newest pages, so a new numbered page
    changes the links of four pages, not of all.
    """

    def page(position: int) -> int:
        return LATEST if position == 1 else count + 2 - position

    position = 1 if number == LATEST else count + 2 - number
    return [None if p is None else page(p) for p in shown_page_numbers(position, count + 1)]


def pagination(app: Sphinx, pagename: str, number: int, count: int) -> str:
    """Newer / page / older links; the current page is marked, not linked."""
    if count == 0:
        return ""

    def label(n: int) -> str:
        return _("Latest") if n == LATEST else str(n)

    items = []
    newer = newer_page(number, count)
    if newer is not None:
        href = _href(app, pagename, page_docname(app, newer))
        items.append(
            f'<li><a class="labnews-pagination__newer" rel="prev" href="{href}">'
            f"← {_('Newer')}</a></li>"
        )
    for n in shown_pages(number, count):
        if n is None:
            items.append('<li class="labnews-pagination__gap" aria-hidden="true">…</li>')
        elif n == number:
            items.append(f'<li><span aria-current="page">{label(n)}</span></li>')
        else:
            href = _href(app, pagename, page_docname(app, n))
            items.append(f'<li><a href="{href}">{label(n)}</a></li>')
    older = older_page(number, count)
    if older is not None:
        href = _href(app, pagename, page_docname(app, older))
        items.append(
            f'<li><a class="labnews-pagination__older" rel="next" href="{href}">'
            f"{_('Older')} →</a></li>"
        )
    return (
        f'<nav class="labnews-pagination" aria-label="{_("News pages")}">'
        f"<ul>{''.join(items)}</ul></nav>"
    )


def render_archive_page(app: Sphinx, pagename: str, number: int) -> str:
    """Page ``number`` of All news, as HTML: filters, posts by year, page links."""
    posts = all_news_posts(app)
    size = app.config.labnews_archive_page_size
    blog = blog_of(app)
    parts = [filter_row(app, pagename)]
    shown = page_posts(posts, number, size)
    for year, group in itertools.groupby(shown, key=lambda post: post.date.year):
        year_page = blog.archive[year]
        parts.append(
            f'<h2 class="labnews-archive__year" id="year-{year}">'
            f'<a href="{_href(app, pagename, year_page.docname)}">{year}</a></h2>'
        )
        parts.append(render_cards(app, pagename, group))
    count = older_page_count(len(posts), size)
    parts.append(pagination(app, pagename, number, count))
    return '<div class="labnews-archive">' + "\n".join(p for p in parts if p) + "</div>"


def archive_pages(app: Sphinx) -> Iterator[PageTuple]:
    """The generated pages of All news: the first only when no document shows it."""
    posts = all_news_posts(app)
    size = app.config.labnews_archive_page_size
    count = older_page_count(len(posts), size)
    filters = filter_links(app)
    numbers = [*([LATEST] if all_news_doc(app) is None else []), *range(count, 0, -1)]
    for number in numbers:
        context = {
            "parents": [],
            "title": _("All news") if number == LATEST else _("All news, page %d") % number,
            "header": str(number),
            # what the page shows, for sphinx_labnews.incremental's fingerprint: its
            # posts, and the links that change with other pages
            "collection": page_posts(posts, number, size),
            "labnews_page_shows": [shown_pages(number, count), filters],
            "labnews_archive_number": number,
        }
        yield page_docname(app, number), context, ARCHIVE_TEMPLATE


def blog_index_redirect_name(app: Sphinx) -> str | None:
    """``blog_path`` when its page must be a redirect to the All news document, else ``None``.

    That is when a document holds page 1 (so ablog's all-posts page is not generated)
    and nothing else of the site has the name: a document called ``blog_path`` is its
    own page, and a redirect of ``labnews_redirects_file`` with that key is written by
    rediraffe.
    """
    target = all_news_doc(app)
    name = app.config.blog_path
    redirects = getattr(app.config, "rediraffe_redirects", None) or {}
    if target is None or name == target or name in app.env.found_docs or name in redirects:
        return None
    return str(name)


def blog_index_redirect(app: Sphinx) -> Iterator[PageTuple]:
    """``<blog_path>.html`` as a redirect page to the All news document, when it must be one.

    ablog's all-posts page lived there, and links and bookmarks still point at it. A
    meta refresh (no script needed), a canonical link to All news and a plain link;
    ``noindex`` for robots. Generated pages are never in the search index, and
    :func:`not_in_sitemap` keeps it out of ``sitemap.xml``.
    """
    name = blog_index_redirect_name(app)
    if name is None:
        return
    target = page_docname(app, LATEST)
    base = app.config.html_baseurl
    context = {
        "title": _("All news"),
        "labnews_redirect_to": target,
        "labnews_redirect_url": urljoin(base, app.builder.get_target_uri(target)) if base else "",
    }
    yield name, context, REDIRECT_TEMPLATE


def not_in_sitemap(app: Sphinx) -> list[str]:
    """The links of generated pages that are not content (the redirect), as sitemap links."""
    if not hasattr(app.env, "ablog_posts"):
        return []
    name = blog_index_redirect_name(app)
    return [] if name is None else [app.builder.get_target_uri(name)]


def one_archive(
    generate: Callable[[Sphinx], Iterable[PageTuple]],
) -> Callable[[Sphinx], Iterator[PageTuple]]:
    """Wrap ablog's archive generator: its all-posts page and year catalog give way to
    the All news pages; its tag, category, author and year pages stay."""

    def generate_one_archive(app: Sphinx) -> Iterator[PageTuple]:
        blog = blog_of(app)
        duplicates = {blog.posts.docname, blog.archive.docname}
        for page in generate(app):
            if page[0] not in duplicates:
                yield page
        yield from archive_pages(app)
        yield from blog_index_redirect(app)

    return generate_one_archive


def add_archive_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the template function, the All news URL, ``rel`` links."""
    if app.builder.format != "html":
        return
    context["labnews_archive"] = partial(render_archive_page, app, pagename)
    context["labnews_all_news"] = page_docname(app, LATEST)
    number = page_number(app, pagename)
    if number is None:
        return
    # Sphinx's layout writes <link rel="prev"/"next"> from these (for a document, its
    # toctree neighbours); on All news they are the neighbouring pages
    count = older_page_count(len(all_news_posts(app)), app.config.labnews_archive_page_size)
    for key, neighbour, title in (
        ("prev", newer_page(number, count), _("Newer news")),
        ("next", older_page(number, count), _("Older news")),
    ):
        context[key] = (
            None
            if neighbour is None
            else {
                "link": relative_uri(
                    app.builder.get_target_uri(pagename),
                    app.builder.get_target_uri(page_docname(app, neighbour)),
                ),
                "title": title,
            }
        )


def setup_archive(app: Sphinx) -> None:
    app.connect("html-page-context", add_archive_context)
