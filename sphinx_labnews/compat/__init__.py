"""Every workaround for another package, in one list: what we patch, where, and when it can go.

The code stays in the module of its concern (moving it all here while the modules
are being reworked would only make merges harder); this docstring is the index,
``docs/guide/workarounds.md`` shows it to users, and new workarounds go into this
package (:mod:`sphinx_labnews.compat.markdown` is the first). Each entry: the
package, what is worked around, the code, and the condition for removing it. Where
no upstream issue is named, none is filed yet: filing one is part of the work.

ablog (tested 0.11.13; ``ablog>=0.11.13,<0.12``)
    * News-site defaults (``blog_path``, feeds off, ``post_auto_image``, date formats,
      ``fontawesome_included``, MyST extensions), only with ``labnews_site_defaults``:
      ``ablog_adapter.SITE_DEFAULTS`` / ``apply_site_defaults``. Configuration rather
      than a patch; stays.
    * Templates replaced for news sites: ``templates/page.html`` (ablog's printed
      archive titles unescaped in its feed ``<link>``) and ``templates/ablog/*.html``
      (post cards, "Recent news", escaping). Pinned by
      ``tests/test_ecosystem_upstream.py``: when ablog's originals change, re-check
      ours. Remove ``page.html`` when ablog escapes ``feed_title``.
    * Archive pages regenerated on every build: ``ablog_adapter.replace_archive_generator``
      swaps ``generate_archive_pages`` for ``incremental.skip_unchanged_pages``. Remove
      when ablog skips unchanged archive pages.
    * ``Blog._dict`` is class-level, shared by every build in a process:
      ``ablog_adapter.reset_blog``. Remove when ablog keeps posts per application.
    * ablog declares ``parallel_read_safe: False`` (no ``env-merge-info``):
      ``ablog_adapter.declare_ablog_parallel_safe`` with ``incremental.merge_info``.
      Remove when ablog merges ``env.ablog_posts`` itself.
    * Post records keep a deep copy of the whole doctree:
      ``incremental.slim_post_record``. Remove when ablog stores only what listings use.
    * Archive page titles (``Posts in <tag>``) reach templates unescaped:
      ``ablog_adapter.escape_archive_titles``. Remove when ablog escapes them.
    * ``CheckFrontMatter`` reads ``Transform.app``, deprecated in Sphinx 9: a
      ``filterwarnings`` entry in ``pyproject.toml``. Remove with an ablog release that
      uses ``self.env``.

MyST-Parser (tested 4.0 and 5.2; ``myst-parser>=4.0,<6``)
    * ``post_parser.NewsPostParser.parse`` re-implements ``MystParser.parse`` (front
      matter parsed once, our renderer) and ``NewsPostRenderer`` uses renderer
      internals (``_render_initialise``, ``_heading_offset``, ``_level_to_section``,
      ``nested_render_text``). Remove when MyST can take a title from front matter as
      plain text (``myst_title_to_header`` renders it as Markdown) and shift headings.

myst-nb (tested 1.4)
    * myst-nb owns ``.md``; news posts are routed to our parser by wrapping its parser:
      :mod:`sphinx_labnews.compat.markdown`. Remove when myst-nb lets another parser
      take selected documents.

Sphinx (tested 8.1 and 9.0; ``sphinx>=8.1,<9.1``)
    * ``Config._raw_config`` to tell a user's value from a default:
      ``ablog_adapter.provided_by_user``, ``ablog_adapter.wants_site_defaults``,
      ``redirects.setup_redirects``. Remove when Sphinx exposes whether a value was set.
    * ``app.events.listeners`` to find another extension's handler:
      ``ablog_adapter.replace_archive_generator``, ``site_urls.require_base_url``.
    * Outputs of removed documents stay in the output folder:
      ``incremental.remove_outputs_of_removed_docs``. Remove when Sphinx deletes them.
    * The cyclic collector sweeps the whole environment on exit:
      ``garbage_collection`` (``gc.freeze`` at ``build-finished``). Remove when
      ``sphinx.cmd.build`` freezes or exits without the sweep.
    * Jinja templates compiled afresh in each process:
      ``incremental.cache_compiled_templates``. Remove when Sphinx caches them.
    * A document can only be kept out through ``exclude_patterns``, which Sphinx compares
      between builds (unpublishing one post re-read every post): unpublished posts are
      dropped from ``env.found_docs`` in ``env-get-outdated``,
      :func:`sphinx_labnews.compat.found_docs.leave_out_found_docs` (relies on
      ``found_docs`` being the project's live set, as in 8.1 and 9.0; raises otherwise).
      Remove when Sphinx can filter found documents (an event after
      ``Project.discover``) or stops re-reading everything when only
      ``exclude_patterns`` changed.
    * Tests only: ``merge_source_suffix`` fills the default ``source_suffix`` dict in
      place, shared by every ``Config`` of a process (``tests/test_ecosystem.py``
      passes its own). Remove when Sphinx copies defaults.

sphinx-sitemap (tested 2.9; site defaults only)
    * The sitemap lists only the pages written in this build: ``sitemap.py`` keeps the
      links between builds. Remove when sphinx-sitemap keeps them in the environment.
    * Without ``html_baseurl`` it warns in its own words: ``site_urls.require_base_url``
      warns once as ``labnews.config`` and disconnects its writer.
    * It reads ``env.app``, deprecated in Sphinx 9: ``filterwarnings`` in
      ``pyproject.toml``. Remove with a release that does not.

sphinxext-opengraph (tested 0.13; site defaults only)
    * It only escapes ``"`` in the tags it writes: ``social.escape_preview_tags``
      re-escapes them. Remove when it escapes attribute values fully.
    * Without a site URL it writes a relative ``og:url``: ``site_urls.drop_relative_og_url``.
      Remove when it leaves ``og:url`` out instead.

sphinxext-rediraffe (tested 0.2.7 and 0.3)
    * It warns when given no redirects: ``redirects.setup_redirects`` sets it up only
      when the redirects file holds some. Remove when it accepts an empty mapping.

sphinx-notfound-page (tested 1.1; site defaults only)
    * ``notfound_urls_prefix`` derived from ``html_baseurl``: ``site_urls.apply_url_defaults``.
      Configuration; stays.

pydata-sphinx-theme (tested 0.16 and 0.24; the lab's site)
    * It sets ``fontawesome_included`` at ``builder-inited``, after Sphinx compared the
      configuration, so every build re-read everything: the news-site defaults set it
      at ``config-inited`` (``ablog_adapter.SITE_DEFAULTS``). Remove when the theme sets
      it at ``config-inited``.
    * It renders every sidebar template twice: ``templates_skip_empty_check`` in
      ``docs/conf.py``. Remove when the theme checks emptiness without rendering.
"""
