"""Sphinx, worked around: after an incremental build, nothing of a removed post is left
in the output.

Sphinx removes a deleted (or, here, unpublished) document from its environment
but leaves behind what it once wrote for it:

* its page and its ``_sources/`` copy, deleted at ``env-get-outdated``
  (:func:`remove_outputs_of_removed_docs`);
* its images in ``_images/`` and its downloads in ``_downloads/``: Sphinx copies
  the files of the pages it writes and never deletes one;
* its words in ``searchindex.js``: Sphinx 9 loads the last index, prunes the
  removed documents from each word's page list and writes the word back with an
  empty list, so the post's text stays searchable as a word list.

The images, downloads and words are cleaned here when a build finishes. Files are
deleted only if the last build recorded them as copied for a document and no document
uses them now, so files other extensions put in ``_images/`` (graphviz, math) are left
alone. Remove :func:`remove_outputs_of_removed_docs` when Sphinx deletes a removed
document's page, :func:`remove_unused_copies` when Sphinx deletes the copies no
document uses, and :func:`prune_search_index` when ``IndexBuilder.prune`` deletes
emptied words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.search import js_index

from ..incremental import read_record, write_record
from ..output_paths import remove_output

#: The images and downloads the last build's documents used, by output name.
COPIES_RECORD = "labnews-copies.json"

#: A word with no page left, as ``js_index.dumps`` writes it.
EMPTY_WORD_LIST = re.compile(r":\s*\[\]")


def copied_files(app: Sphinx) -> dict[str, list[str]]:
    """The files in ``_images/`` and ``_downloads/`` that some document uses now."""
    env = app.env
    return {
        app.builder.imagedir: sorted(str(unique) for _, unique in env.images.values()),
        "_downloads": sorted(str(dest) for _, dest in env.dlfiles.values()),
    }


def remove_unused_copies(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: delete copied images and downloads no document uses any more."""
    if exception is not None or app.builder.format != "html":
        return
    record = Path(app.doctreedir) / COPIES_RECORD
    old: dict[str, Any] = read_record(record)
    new = copied_files(app)
    outdir = Path(app.outdir)
    for folder, names in old.items():
        for name in set(names) - set(new.get(folder, [])):
            remove_output(outdir, outdir / folder / name)
    if new != old:
        write_record(record, new)


def prune_search_index(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: drop the words Sphinx keeps with no page after a page is removed.

    Sphinx's ``IndexBuilder.prune`` empties a removed page's words instead of
    deleting them; remove once that is fixed upstream (the word lists are then
    never empty and this function writes nothing). The file is rewritten with
    Sphinx's own serialiser, so it is byte for byte what a clean build writes.
    """
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / getattr(app.builder, "searchindex_filename", "searchindex.js")
    if getattr(app.builder, "indexer", None) is None or not path.is_file():
        return
    text = path.read_text("utf-8")
    # Sphinx 8.1 writes ``"word": []``, Sphinx 8.2 and later ``"word":[]``
    if not EMPTY_WORD_LIST.search(text):
        return  # no word without pages: nothing to parse or rewrite
    try:
        index = js_index.loads(text)
    except ValueError:
        return
    pruned = False
    for key in ("terms", "titleterms"):
        words = index.get(key)
        if isinstance(words, dict):
            kept = {word: pages for word, pages in words.items() if pages != []}
            pruned |= len(kept) != len(words)
            index[key] = kept
    if pruned:
        path.write_text(js_index.dumps(index), "utf-8")


def remove_outputs_of_removed_docs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: delete the pages and source copies of posts that are gone.

    Sphinx leaves a deleted document's HTML and its ``_sources/`` copy in the
    output. For a news site that means a deleted post stays online, and a post
    switched to ``published: false`` (excluded from then on) keeps leaking.
    Remove when Sphinx deletes the outputs of removed documents.
    """
    builder = app.builder
    if not hasattr(builder, "get_outfilename"):
        return []
    outdir = Path(builder.outdir)
    sources = outdir / "_sources"
    link_suffix = getattr(app.config, "html_sourcelink_suffix", ".txt")
    for docname in removed:
        remove_output(outdir, Path(builder.get_outfilename(docname)))
        # named, not globbed: a docname may hold glob characters
        for suffix in app.config.source_suffix:
            copy = f"{docname}{suffix}"
            if not copy.endswith(link_suffix):
                copy += link_suffix
            remove_output(outdir, sources / copy)
    return []


def setup_output_cleanup(app: Sphinx) -> None:
    # after Sphinx wrote the index and copied the images (before build-finished)
    app.connect("build-finished", remove_unused_copies, priority=400)
    app.connect("build-finished", prune_search_index, priority=400)
