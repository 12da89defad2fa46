"""Search made for news: results name each post's date.

Listing pages are kept out of the index where they are made (``news-cards`` marks
its page ``nosearch``); what remains is the posts and the guide. Sphinx's results
show a page's title and a snippet; a news reader also wants the date, which is not
in the index. The search page carries every post's date as JSON, and
``labnews-search.js`` (on that page only) writes it after each result that links
to a post.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx

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


def setup_search(app: Sphinx) -> None:
    app.connect("html-page-context", add_search_dates)
