"""A post's breadcrumb: Home > News > Year > title.

pydata-sphinx-theme builds its breadcrumb from the page's toctree parents, and a
post sits in no toctree, so a post showed "Home > title" only. The theme's own
``breadcrumbs.html`` renders whatever ``parents`` the page context holds, so the
post's All news page and year archive are handed to it there: no template of the theme is
copied. The links come from ablog's catalogues, so they lead to pages ablog builds.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

from .archive import LATEST, page_docname
from .listings import blog_of
from .ordering import post_of


def add_post_parents(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: News > Year above a post's title."""
    if app.builder.format != "html" or doctree is None:
        return
    blog = blog_of(app)
    post = post_of(blog, pagename)
    if post is None:
        return
    pathto = context["pathto"]
    # News is All news' first page: the document holding it, or ablog's blog_path page
    parents = [{"link": pathto(page_docname(app, LATEST)), "title": _("News")}]
    year = getattr(post, "archive", None)
    if year and getattr(year, "docname", None):
        parents.append({"link": pathto(year.docname), "title": str(year)})
    context["parents"] = parents


def setup_breadcrumbs(app: Sphinx) -> None:
    app.connect("html-page-context", add_post_parents)
