"""The Smart Lab news site, built with sphinx-labnews."""

project = "Smart Lab News"
author = "Smart Lab, HKUST"
copyright = "2025, Smart Lab, HKUST"

extensions = ["sphinx_labnews"]
labnews_site_defaults = True

# Read the Docs sets READTHEDOCS_CANONICAL_URL for each version; sphinx-labnews
# prefers it over this value for feeds and canonical links.
html_baseurl = "https://sphinx-labnews.readthedocs.io/en/latest/"

# The lab's boilerplate, written once: see guide/directives.md. The extension keeps
# these files from being built as pages of their own.
labnews_about_blocks = {
    "smart-lab": "_about/smart-lab.md",
    "hkust": "_about/hkust.md",
}
labnews_default_about = ["smart-lab", "hkust"]

# The web editor at /admin/ (guide/web-editor.md): lab members log in with GitHub
# through the lab's OAuth service, as on the Jekyll site, and publish to ``main``.
labnews_cms = True
labnews_cms_backend = {
    "name": "github",
    "repo": "smartlab-hkust/sphinx-labnews",
    "branch": "main",
    "base_url": "https://api.netlify.com",
    "auth_endpoint": "auth",
}
# the repository root, seen from this folder: the editor writes docs/news/…
labnews_cms_repo_root = ".."
labnews_cms_media_url = "/static/img/news/"

# the footer's links (guide/site.md): the lab's home page, contact, and the feeds
labnews_footer = {
    "home": "https://github.com/smartlab-hkust/sphinx-labnews",
    "contact": "mailto:smartlab@example.org",
    "feeds": True,
}

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "README.md"]
# build the same bytes every time: no "last updated" stamp from the clock
html_last_updated_fmt = None
# a news site has no use for a general index (and it is rebuilt every time)
html_use_index = False

html_theme = "pydata_sphinx_theme"
html_title = "Smart Lab News"
# with a favicon of its own, browsers do not ask for /favicon.ico above /en/latest/
html_favicon = "_static/favicon.svg"
# the theme logs a console error on a reader's first visit when no mode is given
html_context = {"default_mode": "auto"}
html_theme_options = {
    "navbar_align": "left",
    "show_prev_next": False,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["labnews-footer.html"],
    # pydata renders every sidebar template twice (once to see if it is empty);
    # the news sidebars are never empty where they are used
    "templates_skip_empty_check": [
        "sidebar-nav-bs.html",
        "navbar-nav.html",
        "labnews/recent-news.html",
    ],
}
# a post states its date, authors and tags in the byline under its title, so the
# sidebar does not repeat them (ablog's postcard.html left out); recent news and the
# counts come from one fragment the build writes (guide/performance.md), so a new post
# does not rewrite every page
_NEWS_SIDEBAR = [
    "labnews/recent-news.html",
]
# every news page gets the news sidebar; left to the theme, a page outside the guide's
# toctree (the archive) showed an empty "Section Navigation" box
html_sidebars = {
    "news": _NEWS_SIDEBAR,
    "news/**": _NEWS_SIDEBAR,
    "archive": _NEWS_SIDEBAR,
    "index": [],
}


def setup(app):
    """Directives that generate this guide's reference tables from the code."""
    from sphinx_labnews._docs import LabnewsConfigDirective, LabnewsWarningsDirective

    app.add_directive("labnews-config", LabnewsConfigDirective)
    app.add_directive("labnews-warnings", LabnewsWarningsDirective)
