"""Leave documents Sphinx found out of a build without changing the configuration.

Sphinx's only public way to keep a source file out of a build is ``exclude_patterns``,
a configuration value it compares between builds (its ``rebuild`` is ``"env"``): a
pattern added or dropped makes it read every document again. Unpublishing one post
re-read 1000 posts.

So the documents are left out where Sphinx hands over what it found: in
``env-get-outdated``, right after ``BuildEnvironment.find_files`` and
``get_outdated_files``, before anything is read. That relies on two things Sphinx
8.1 and 9.0 do but do not promise (``sphinx/builders/__init__.py`` ``Builder.read``):

* ``env.found_docs`` is the project's own set of documents (``Project.docnames``),
  not a copy, so discarding a docname from it leaves the document out of reading,
  writing, the search index and every later ``found_docs`` reader;
* ``Builder.read`` uses the ``added``, ``changed`` and ``removed`` sets it passed to
  the event after the handlers return: a document moved to ``removed`` is purged
  (``env-purge-doc``, ``env.clear_doc``) exactly as a deleted source file is.

Remove when Sphinx offers a hook to filter the documents it found (an event after
``Project.discover``, or a callable that excludes), or stops reading every document
when only ``exclude_patterns`` changed; then the exclusion can move back to it.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableSet

from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError


def leave_out_found_docs(
    env: BuildEnvironment,
    docnames: Iterable[str],
    added: MutableSet[str],
    changed: MutableSet[str],
    removed: MutableSet[str],
) -> set[str]:
    """``env-get-outdated``: leave ``docnames`` out of this build as if their files were gone.

    Each found document among ``docnames`` is dropped from ``env.found_docs`` and from
    the documents to read; one the last build had read is moved to ``removed``, so
    Sphinx purges it and its outputs go (as a deleted file's do). Returns the
    documents left out. Raises :class:`~sphinx.errors.ExtensionError` rather than
    build a document it was asked to leave out, should a Sphinx release hand over a
    copy of its documents.
    """
    found = env.found_docs
    left_out = set(docnames) & found
    for docname in left_out:
        found.discard(docname)
        added.discard(docname)  # after a configuration change, ``added`` *is* found_docs
        changed.discard(docname)
        if docname in env.all_docs:
            removed.add(docname)
    if left_out & env.found_docs:
        raise ExtensionError(
            "sphinx-labnews cannot leave unpublished posts out with this Sphinx version "
            "(env.found_docs is a copy); it is tested with Sphinx 8.1 to 9.0"
        )
    return left_out
