import multiprocessing
import os
from pathlib import Path

extensions = ["sphinx_labnews"]
project = "Publishing Lab"
html_baseurl = "https://lab.example.org/"
labnews_feed_length = 0  # every post, so the tests see them all


def _die_while_writing(app, pagename, templatename, context, doctree):
    """Stand-in for a build killed (SIGKILL, out of memory) after the env was pickled.

    sphinx-sitemap's manager process is killed with it, as a kill of the process
    group would; left running it would keep the test's pipes open.
    """
    for child in multiprocessing.active_children():
        child.kill()
    os._exit(3)


def setup(app):
    # the kill test creates this file to end the process at the first page written
    if (Path(__file__).parent / "KILL-WHILE-WRITING").exists():
        app.connect("html-page-context", _die_while_writing)

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
