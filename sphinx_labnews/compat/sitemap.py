"""What we patch in sphinx-sitemap (tested 2.9; news sites only).

Keep sphinx-sitemap's ``sitemap.xml`` whole across incremental builds.

sphinx-sitemap lists the pages it saw go through ``html-page-context``: the pages
written in this build. A build after one edit writes a handful of pages, and its
``sitemap.xml`` then lists only those (14 of 1030 pages after one title edit at
1000 posts); with ``-j`` the order is whichever worker finished first.

Here the links sphinx-sitemap collected are kept between builds in the doctree
directory, joined with this build's, dropped once their page is gone from the
output (a deleted or unpublished post, an emptied archive), and handed back in
sorted order just before sphinx-sitemap writes the file. The upstream fix is the
same: keep the links in the environment and merge them, instead of a queue
filled by the writer. Remove when sphinx-sitemap keeps its links in the environment.

Without ``html_baseurl`` sphinx-sitemap warns in its own words (untyped, so ``-W``
fails on a third-party message); :func:`skip_sitemap` disconnects its writer once
:func:`sphinx_labnews.site_urls.require_base_url` has warned as ``labnews.config``.
"""

from __future__ import annotations

import glob
import queue
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..archive import not_in_sitemap
from ..incremental import read_record, write_record
from .sphinx import take_listeners

# sphinx-sitemap (the ``site`` extra) is imported where it is used: build_marker
# imports SITEMAP_RECORD on every site, plain ablog sites included.

#: Links listed in the last sitemap, by page, with their ``lastmod`` (or ``None``).
SITEMAP_RECORD = "labnews-sitemap.json"


def drain(links: Any) -> dict[str, str | None]:
    """Everything sphinx-sitemap queued in this build, as ``{link: lastmod}``."""
    written: dict[str, str | None] = {}
    while True:
        try:
            link, last_updated = links.get_nowait()
        except queue.Empty:
            return written
        written[link] = last_updated


def output_of(outdir: Path, link: str) -> Path:
    """The file behind a sitemap link: ``news/x.html``, or ``news/x/`` for dirhtml."""
    if link == "" or link.endswith("/"):
        return outdir / link / "index.html"
    return outdir / link


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``, before sphinx-sitemap: queue every page the site holds."""
    links = getattr(app, "sitemap_links", None)
    if (
        exception is not None
        or links is None
        or app.builder.format != "html"
        or not app.config.html_baseurl  # no sitemap without a base URL (site_urls)
    ):
        return
    from sphinx_sitemap import is_excluded

    written = drain(links)
    record = Path(app.doctreedir) / SITEMAP_RECORD
    old: dict[str, str | None] = read_record(record)
    outdir = Path(app.outdir)
    # a redirect page (archive.blog_index_redirect) is no page of its own
    excludes = [*app.config.sitemap_excludes, *map(glob.escape, not_in_sitemap(app))]
    listed = {
        link: last_updated
        for link, last_updated in {**old, **written}.items()
        if output_of(outdir, link).is_file() and not is_excluded(link, excludes)
    }
    write_record(record, listed)
    sitemap = outdir / app.config.sitemap_filename
    if not written and listed == old and sitemap.is_file():
        return  # sphinx-sitemap leaves the file as the last build wrote it
    for link in sorted(listed):
        links.put((link, listed[link]))


def skip_sitemap(app: Sphinx) -> None:
    """No ``sitemap.xml`` this build: sphinx-sitemap's writer is disconnected.

    Remove when sphinx-sitemap skips the sitemap quietly (or by a setting) without
    ``html_baseurl``.
    """
    import sphinx_sitemap

    take_listeners(app, "build-finished", sphinx_sitemap.create_sitemap)


def setup_sitemap(app: Sphinx) -> None:
    app.setup_extension("sphinx_sitemap")
    # sphinx-sitemap writes the file at build-finished, priority 500
    app.connect("build-finished", complete_sitemap, priority=450)
