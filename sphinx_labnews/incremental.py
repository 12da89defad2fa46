"""Incremental builds that are both fast and correct for a news site.

Sphinx rewrites a page when its own source changed. A news site has pages that
depend on *other* posts: the landing page's post list, the neighbours' previous
/next links, ablog's archive pages, and ablog's site-wide sidebars (recent
posts, counts per category and year) where a site shows them (this one loads
them from one fragment instead: :mod:`sphinx_labnews.recent`). Left alone,
ablog regenerates every archive page on every build (1000 posts: 10 s for a
build where nothing changed) and nothing else notices an edited post.

Here each post's listing-relevant metadata is fingerprinted after reading:

* ``env-updated`` returns the pages that show a changed post: pages with a
  post list, the changed posts' old and new neighbours, posts whose neighbours
  changed, and, only where pages show ablog's site-wide sidebars and their
  content changed (a post added, removed or re-dated, a new tag), every post.
  Posts are ordered by date and file (:mod:`sphinx_labnews.ordering`), so an
  edited title never moves a post.
* ablog's archive pages are regenerated only when what they show changed, or
  the configuration, templates or this package did.

The env also keeps no full-document copy per post (ablog stores one for
full-text feeds, which this site does not write): 12 MB of a 15 MB pickle
at 1000 posts, read back on every build
(:func:`sphinx_labnews.compat.ablog.slim_post_record`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

from ablog.post import PostList
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from . import __version__, env_state
from .directives.news_cards import news_cards
from .output_paths import confined, remove_output
from .recent import shows_site_wide_sidebars

PageTuple = tuple[str, dict[str, Any], str]

#: Where the fingerprints of generated pages and feeds live between builds.
PAGES_STATE = "labnews-pages.json"
FEEDS_STATE = "labnews-feeds.json"

_CATALOGS = ("tags", "author", "category")

#: Nodes that list other posts: ablog's ``postlist`` and our ``news-cards``.
LISTING_NODES: tuple[type[nodes.Element], ...] = (PostList, news_cards)


def post_fingerprint(info: dict[str, Any]) -> str:
    """What listings show of one post (``env.ablog_posts`` entry), as a short hash."""
    excerpt = [
        node.get("uri", "") if isinstance(node, nodes.image) else node.astext()
        for node in info.get("excerpt", [])
    ]
    shown = [
        info.get("title"),
        str(info.get("date")),
        str(info.get("update")),
        *(sorted(map(str, info.get(key) or [])) for key in _CATALOGS),
        excerpt,
        info.get("section"),
    ]
    return _digest(shown)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:20]


def blog_state(env: BuildEnvironment) -> dict[str, Any]:
    """Fingerprints of every post, the publication order, and what sidebars show."""
    infos = {d: i[0] for d, i in env_state.ablog_posts(env).items() if i}
    posts = {docname: post_fingerprint(info) for docname, info in infos.items()}
    order = sorted(
        (d for d in infos if infos[d].get("date")),
        # by file, not title: fixing a same-day post's title must not reorder the site
        key=lambda d: (infos[d]["date"], d),
    )
    counts: dict[str, dict[str, int]] = {key: {} for key in (*_CATALOGS, "year")}
    for docname in order:
        info = infos[docname]
        for key in _CATALOGS:
            for label in info.get(key) or []:
                counts[key][str(label)] = counts[key].get(str(label), 0) + 1
        year = str(info["date"].year)
        counts["year"][year] = counts["year"].get(year, 0) + 1
    recent = [(d, infos[d]["title"]) for d in order[-6:]]
    return {"posts": posts, "order": order, "sidebars": _digest([counts, recent])}


def neighbours(order: list[str], docname: str, index: dict[str, int] | None = None) -> list[str]:
    """The posts whose previous/next link points at ``docname`` (``index``: positions
    in ``order``, to avoid a search per call)."""
    if index is None:
        index = {docname: order.index(docname)} if docname in order else {}
    position = index.get(docname)
    if position is None:
        return []
    return [order[i] for i in (position - 1, position + 1) if 0 <= i < len(order)]


def pages_to_rewrite(
    old: dict[str, Any] | None,
    new: dict[str, Any],
    listing_docs: Iterable[str],
    site_wide_sidebars: bool = True,
) -> set[str]:
    """Pages that show a post whose listing data changed between two builds.

    Those are the pages with a post list, the changed posts' old and new
    neighbours, and every post whose neighbours are other posts than before (a
    post added, removed or moved next to it). When pages show ablog's site-wide
    sidebars (``site_wide_sidebars``) and what those show changed, every post too.
    """
    if old is None:
        return set()  # first build: every page is written anyway
    changed = {
        docname
        for docname in set(old["posts"]) | set(new["posts"])
        if old["posts"].get(docname) != new["posts"].get(docname)
    }
    if not changed and old["order"] == new["order"]:
        return set()
    if site_wide_sidebars and old["sidebars"] != new["sidebars"]:
        return set(new["posts"]) | set(listing_docs)
    rewrite = set(listing_docs)
    old_index = {d: i for i, d in enumerate(old["order"])}
    new_index = {d: i for i, d in enumerate(new["order"])}
    for docname in changed:
        rewrite.update(neighbours(old["order"], docname, old_index))
        rewrite.update(neighbours(new["order"], docname, new_index))
    if old["order"] != new["order"]:
        for docname in new["order"]:
            before = neighbours(old["order"], docname, old_index)
            if before != neighbours(new["order"], docname, new_index):
                rewrite.add(docname)
    return rewrite & (set(new["posts"]) | set(listing_docs))


def note_listing_doc(app: Sphinx, doctree: nodes.document) -> None:
    """Remember documents that list posts (:data:`LISTING_NODES`), which change with any post."""
    env = app.env
    if any(True for _ in doctree.findall(lambda n: isinstance(n, LISTING_NODES))):
        env_state.listing_docs(env).add(env.docname)


def purge_doc(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    env_state.listing_docs(env).discard(docname)


def merge_listing_docs(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    """Bring a parallel reader's listing pages into the main environment (ablog's posts:
    :func:`sphinx_labnews.compat.ablog.merge_info`)."""
    for docname in docnames:
        if docname in env_state.listing_docs(other):
            env_state.listing_docs(env).add(docname)


def rewrite_dependent_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages that must be rewritten because another post changed."""
    new = blog_state(env)
    old = env_state.last_blog_state(env)
    env_state.store_blog_state(env, new)
    listing_docs = env_state.listing_docs(env)
    site_wide = shows_site_wide_sidebars(app)
    return sorted(pages_to_rewrite(old, new, listing_docs, site_wide) & env.found_docs)


def read_record(path: Path) -> dict[str, Any]:
    """A record the last build kept in the doctree dir; empty when it is missing or
    unreadable, since a record only ever saves work."""
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def write_record(path: Path, record: dict[str, Any]) -> None:
    path.write_text(json.dumps(record, sort_keys=True, indent=0), "utf-8")


def _page_fingerprint(context: dict[str, Any], record: OutputRecord) -> Any:
    if "catalog" in context:
        catalog = context["catalog"]
        return [str(context["title"]), [(str(c), record.posts(c)) for c in catalog]]
    if "collection" in context:
        collection = context["collection"]
        return [
            str(context.get("title")),
            str(context.get("header")),
            record.posts(collection),
            # what else a page shows that other pages' changes change (All news' links)
            context.get("labnews_page_shows"),
        ]
    return sorted((k, str(v)) for k, v in context.items())


class OutputRecord:
    """Fingerprints of the outputs generated by the last build, kept in the doctree dir.

    A generated output (an archive page, a feed) is skipped when its fingerprint,
    what it shows plus the configuration, templates and this package's version,
    is the one recorded and the file is still there.
    """

    def __init__(self, app: Sphinx, name: str) -> None:
        self.path = Path(app.doctreedir) / name
        self.old: dict[str, str] = read_record(self.path)
        self.new: dict[str, str] = {}
        build_info = getattr(app.builder, "build_info", None)
        templates = getattr(app.builder, "templates", None)
        self.state = env_state.last_blog_state(app.env) or blog_state(app.env)
        self.base = [
            __version__,
            getattr(build_info, "config_hash", ""),
            getattr(build_info, "tags_hash", ""),
            templates.newest_template_mtime() if templates else 0,
            # archive pages show the sidebars too, when they are baked in
            self.state["sidebars"] if shows_site_wide_sidebars(app) else "",
        ]

    def posts(self, collection: Iterable[Any]) -> list[Any]:
        """What the listing of ``collection`` depends on: its posts and their fingerprints."""
        return [(post.docname, self.state["posts"].get(post.docname)) for post in collection]

    def unchanged(self, key: str, shown: Any, output: Path) -> bool:
        """Record ``key``'s fingerprint; whether the last build wrote the same to ``output``."""
        fingerprint = _digest([self.base, shown])
        self.new[key] = fingerprint
        return self.old.get(key) == fingerprint and output.is_file()

    def gone(self) -> set[str]:
        """Outputs the last build generated and this one did not."""
        return set(self.old) - set(self.new)

    def save(self) -> None:
        write_record(self.path, self.new)


def skip_unchanged_pages(
    generate: Callable[[Sphinx], Iterable[PageTuple]],
) -> Callable[[Sphinx], Iterator[PageTuple]]:
    """Wrap ablog's archive-page generator so unchanged pages are not rendered again."""

    def generate_changed(app: Sphinx) -> Iterator[PageTuple]:
        record = OutputRecord(app, PAGES_STATE)
        # html-collect-pages is emitted by HTML builders only
        builder = cast(StandaloneHTMLBuilder, app.builder)
        outdir = Path(builder.outdir)
        for pagename, context, template in generate(app):
            output = Path(builder.get_outfilename(pagename))
            if not confined(outdir, output, f"archive page {pagename!r}"):
                continue
            shown = [template, _page_fingerprint(context, record)]
            if not record.unchanged(pagename, shown, output):
                yield pagename, context, template
        # an archive that lost its last post (a tag no post has any more) is no
        # longer generated; its old page would go on listing the post
        for pagename in record.gone():
            remove_output(outdir, Path(builder.get_outfilename(pagename)))
        record.save()

    return generate_changed
