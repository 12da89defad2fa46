"""Who parses ``.md``: MyST-Parser, or myst-nb when the site uses it.

The extension needs MyST, and news posts need :class:`~sphinx_labnews.post_parser.
NewsPostParser`. A site that already reads Markdown with myst-nb registers ``.md``
for myst-nb's parser; setting up MyST-Parser as well would register ``.md`` a second
time (``source_suffix '.md' is already registered``, whichever extension comes
first) and myst-nb's MyST settings twice. So:

* without myst-nb, MyST-Parser is set up (a no-op when the site lists it already)
  and the news parser replaces MyST's for the ``markdown`` file type; it hands
  every document that is not a news post back to MyST unchanged;
* with myst-nb (anywhere in ``extensions``), myst-nb keeps ``.md``: once every
  extension is set up, its parser is wrapped so that news posts (and only they) are
  read by the news parser, as MyST text; notebooks and other pages stay myst-nb's
  (news posts are never executed as notebooks).

Remove the wrapping when myst-nb lets another parser take selected documents (it
has no hook for that in 1.x).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.config import Config

from .. import event_order
from ..post_detection import parser_claims
from ..post_parser import NewsPostParser
from ..warnings_ import LabnewsWarnings, warn

#: Extensions that own ``.md`` themselves and set MyST up on their own.
MARKDOWN_OWNERS = ("myst_nb",)


class NewsPostRouting(MystParser):
    """Mixed into another MyST-based parser: news posts go to the news parser."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        if parser_claims(document.settings.env, inputstring):
            NewsPostParser().parse(inputstring, document)
        else:
            super().parse(inputstring, document)


def route_news_posts(app: Sphinx, config: Config) -> None:
    """``config-inited``, after Sphinx merged the suffixes: wrap whatever parser owns ``.md``."""
    filetype = dict(config.source_suffix).get(".md")
    parser_class: Any = app.registry.source_parsers.get(filetype) if filetype else None
    if parser_class is None or issubclass(parser_class, NewsPostParser | NewsPostRouting):
        return
    if not issubclass(parser_class, MystParser):
        warn(
            f"'.md' files are read by {parser_class.__module__}.{parser_class.__name__}, "
            "which is not MyST: news posts get no lab front matter",
            LabnewsWarnings.CONFIG,
        )
        return
    routed = type(
        f"NewsPostsIn{parser_class.__name__}",
        (NewsPostRouting, parser_class),
        {"supported": parser_class.supported, "__module__": __name__},
    )
    app.add_source_parser(routed, override=True)


def setup_markdown(app: Sphinx) -> None:
    """Set up MyST unless another extension owns ``.md``; news posts get our parser either way."""
    if any(name in app.config.extensions for name in MARKDOWN_OWNERS):
        app.connect("config-inited", route_news_posts, priority=event_order.ROUTE_NEWS_POSTS)
        return
    app.setup_extension("myst_parser")
    app.add_source_parser(NewsPostParser, override=True)
