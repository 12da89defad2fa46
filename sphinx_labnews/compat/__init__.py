"""Every workaround for another package: what we patch, where, and when it can go.

One module per upstream package (five for Sphinx, one per concern); listing this folder
answers "what do we patch?":

* ``ablog.py``: ablog's ``Blog._dict`` reset per build, its parallel flag and the
  merge of its posts after a parallel read (``merge_info``), its archive generator
  swapped, its archive titles escaped, its ``postlist`` dates named in the site's
  language, its post records slimmed (``slim_post_record``), its posts ordered by
  date and file instead of title (``NewsPost``, ``register_posts``);
* ``markdown.py``: myst-nb owns ``.md``; news posts are routed to our parser;
* ``sphinx.py``: Sphinx private API (``Config._raw_config``, ``app.events.listeners``);
* ``garbage_collection.py``: Sphinx, the collector's sweep when ``sphinx-build`` exits;
* ``output_cleanup.py``: Sphinx keeps a removed page's HTML and ``_sources/`` copy
  (``remove_outputs_of_removed_docs``), images, downloads and search-index words;
* ``templates.py``: Sphinx compiles Jinja templates afresh in each process
  (``cache_compiled_templates``);
* ``sitemap.py``: sphinx-sitemap kept whole across builds, skipped without a base URL;
* ``opengraph.py``: sphinxext-opengraph's escaping completed, relative ``og:url`` dropped;
* ``rediraffe.py``: sphinxext-rediraffe set up only with redirects, redirects it would
  fail on left out;
* ``theme.py``: pydata-sphinx-theme's ``fontawesome_included`` set early;
* ``found_docs.py``: Sphinx leaves documents out only through ``exclude_patterns``,
  compared between builds: unpublished posts are dropped from the found documents.

Each function's docstring names the upstream condition for removing it. Where no
upstream issue is named, none is filed yet: filing one is part of the work.

Staying where they are, and why:

* ``post_parser.NewsPostParser.parse`` re-implements ``MystParser.parse`` (front
  matter parsed once, our renderer) and ``NewsPostRenderer`` uses MyST renderer
  internals (``_render_initialise``, ``_heading_offset``, ``_level_to_section``,
  ``nested_render_text``). They are the news-post parser itself; moving them would be
  a rewrite. Remove when MyST can take a title from front matter as plain text
  (``myst_title_to_header`` renders it as Markdown) and shift headings.
  (MyST-Parser tested 4.0 and 5.2; ``myst-parser>=4.0,<6``.)
* ``cli.check._source_file``: MyST-Parser 4 logs its warnings at ``(source path,
  line)`` where Sphinx expects a docname, and Sphinx 8.1 then names the file
  ``post.md.rst``; remove when the lowest supported MyST-Parser is 5.
* ablog's and MyST's *configuration* for a news site (``ablog_adapter.SITE_DEFAULTS``,
  ``apply_site_defaults``), sphinx-notfound-page's ``notfound_urls_prefix``
  (``site_urls.apply_url_defaults``): settings, not patches.
* Templates replaced for news sites: ``templates/page.html`` (ablog printed archive
  titles unescaped in its feed ``<link>``) and ``templates/ablog/*.html`` (post
  cards, "Recent news", escaping). Pinned by ``tests/test_ecosystem_upstream.py``:
  when ablog's originals change, re-check ours. Remove ``page.html`` when ablog
  escapes ``feed_title``.
* ``filterwarnings`` in ``pyproject.toml``: ablog's ``CheckFrontMatter`` reads
  ``Transform.app`` and sphinx-sitemap reads ``env.app``, both deprecated in Sphinx 9.
  Remove with releases that use ``self.env``.
* ``docs/conf.py``: ``templates_skip_empty_check`` (pydata-sphinx-theme renders every
  sidebar template twice; see :mod:`~sphinx_labnews.compat.theme`).
* Tests only: ``merge_source_suffix`` fills the default ``source_suffix`` dict in
  place, shared by every ``Config`` of a process (``tests/test_ecosystem.py`` passes
  its own). Remove when Sphinx copies defaults.

Versions tested: ablog 0.11.13 (``ablog>=0.11.13,<0.12``), Sphinx 8.1 and 9.0
(``sphinx>=8.1,<9.1``), myst-nb 1.4, sphinx-sitemap 2.9, sphinxext-opengraph 0.13,
sphinxext-rediraffe 0.2.7 and 0.3, sphinx-notfound-page 1.1, pydata-sphinx-theme 0.16
and 0.24.
"""
