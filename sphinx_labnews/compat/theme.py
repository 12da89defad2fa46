"""What we work around in pydata-sphinx-theme (tested 0.16 and 0.24; the lab's site).

The theme switches ``fontawesome_included`` (an ablog option) on at
``builder-inited``, after Sphinx compared the configuration with the last build's,
so every build looked like a configuration change and re-read every document
(83 s with nothing changed at 1000 posts). A news site sets it at
``config-inited`` (when ``conf.py`` does not), through the news-site defaults of
:mod:`sphinx_labnews.ablog_adapter`, so the two agree. Remove when the theme sets
it at ``config-inited``.

The theme also renders every sidebar template twice to check for emptiness;
``docs/conf.py`` sets ``templates_skip_empty_check``. Remove when the theme checks
emptiness without rendering.
"""

from __future__ import annotations

from typing import Any

#: Settings the theme changes too late, set early instead (news sites only).
EARLY_THEME_SETTINGS: dict[str, Any] = {"fontawesome_included": True}
