"""Search made for news: results name each post's date.

Listing pages are kept out of the index where they are made (``news-cards`` marks
its page ``nosearch``); what remains is the posts and the guide. Sphinx's results
show a page's title and a snippet; a news reader also wants the date, which is not
in the index. The search page carries every post's date as JSON, and
``labnews-search.js`` (on that page only) writes it after each result that links
to a post.

Results are ranked by relevance, then date: with the news-site defaults,
``html_search_scorer`` is ``labnews-scorer.js`` (unless ``conf.py`` sets it), whose
``Scorer.score`` adds to each post's score a bonus below 1 growing with its date,
read from the same JSON. Sphinx's scores are whole numbers, so a better match stays
first and equally good matches come newest first (Sphinx would order them by title).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from . import event_order
from .compat.sphinx import provided_by_user
from .dates import post_date_text
from .listings import blog_of


def post_dates_json(app: Sphinx) -> str:
    """``{docname: [iso date, shown date]}`` of every published post, safe in a script."""
    dates = {
        post.docname: [post.date.date().isoformat(), post_date_text(app, post.date)]
        for post in blog_of(app).posts
        if post.published and post.date
    }
    text = json.dumps(dates, sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def add_search_dates(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` of the search page: the dates and the script that shows them."""
    if pagename != "search" or app.builder.format != "html" or "metatags" not in context:
        return
    context["metatags"] += (
        f'<script type="application/json" id="labnews-post-dates">{post_dates_json(app)}</script>\n'
    )
    app.add_js_file("labnews-search.js", defer="defer")


#: The scorer that ranks equally relevant results newest first.
SCORER = Path(__file__).parent / "static" / "labnews-scorer.js"


def use_news_scorer(app: Sphinx, config: Config) -> None:
    """``config-inited``: ``html_search_scorer`` is ours unless ``conf.py`` or ``-D`` set it.

    Sphinx opens the path as given (not relative to ``conf.py``), so it is absolute;
    only the file's text reaches the output (``_static/language_data.js``).
    """
    if not provided_by_user(config, "html_search_scorer") and not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def setup_search(app: Sphinx) -> None:
    app.connect("html-page-context", add_search_dates)
    app.connect("config-inited", use_news_scorer, priority=event_order.SITE_DEFAULTS)
