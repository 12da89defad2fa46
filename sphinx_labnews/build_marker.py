"""A build killed at any point never leaves output that the next build trusts.

Incremental builds trust the last build's records: Sphinx's pickled environment
and ours in the doctree directory (what each listing, archive page, feed and
sitemap showed). A build killed after Sphinx pickled the environment but before it
rewrote the listings left pages linking a post just unpublished, and the next
build, finding nothing changed, kept them.

So each build leaves a marker in the output folder when it starts and removes it
only when it finishes without an error. A build that finds the marker knows the
last one did not finish and trusts nothing it left: it drops the pickled
environment and our records, and deletes the generated outputs it will rewrite in
full (the posts' folder, ``_images/``, ``_downloads/`` and the posts' source
copies), so nothing a post left there can survive its unpublishing.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.config import Config
from sphinx.util import logging

from . import event_order
from .compat.output_cleanup import COPIES_RECORD
from .compat.sitemap import SITEMAP_RECORD
from .incremental import FEEDS_STATE, PAGES_STATE
from .output_paths import remove_tree
from .publishing import VERDICTS_FILE

LOGGER = logging.getLogger("sphinx_labnews")

#: In the output folder while a build runs.
MARKER = ".labnews-build-in-progress"

#: What an unfinished build leaves in the doctree directory that the next may not trust.
RECORDS = (
    ENV_PICKLE_FILENAME,
    VERDICTS_FILE,
    PAGES_STATE,
    FEEDS_STATE,
    SITEMAP_RECORD,
    COPIES_RECORD,
)


def distrust_unfinished_build(app: Sphinx, config: Config) -> None:
    """``config-inited``, before the environment is loaded: check and set the marker."""
    outdir = Path(app.outdir)
    marker = outdir / MARKER
    if marker.exists():
        LOGGER.info("labnews: the last build into %s did not finish; rebuilding everything", outdir)
        doctreedir = Path(app.doctreedir)
        for name in RECORDS:
            (doctreedir / name).unlink(missing_ok=True)
        blog_path = str(config.blog_path).strip("/")
        posts = [blog_path, f"_sources/{blog_path}"] if blog_path else []
        for folder in [*posts, "_images", "_downloads"]:
            remove_tree(outdir, folder)
    outdir.mkdir(parents=True, exist_ok=True)
    marker.write_text("a build into this folder has not finished\n", "utf-8")


def trust_finished_build(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the output is whole again (unless the build failed)."""
    if exception is None:
        (Path(app.outdir) / MARKER).unlink(missing_ok=True)


def setup_build_marker(app: Sphinx) -> None:
    app.connect(
        "config-inited",
        distrust_unfinished_build,
        priority=event_order.DISTRUST_UNFINISHED_BUILD,
    )
    # last but the heap freeze (1000): after every writer, ours and rediraffe's
    app.connect("build-finished", trust_finished_build, priority=990)
