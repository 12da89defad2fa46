"""Old Jekyll URLs redirect to the imported posts (through sphinxext-rediraffe)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="jekyll-redirects", freshenv=True)
def test_old_urls_redirect_to_new_posts(app: SphinxTestApp) -> None:
    app.build()
    assert app.statuscode == 0
    assert "rediraffe" not in app.warning.getvalue()
    outdir = Path(app.outdir)
    for old, target in [
        ("2025/07/14/workshop.html", "../../../news/2025-07-14-workshop.html"),
        ("news/2025/07/14/workshop/index.html", "../../../../2025-07-14-workshop.html"),
    ]:
        page = BeautifulSoup((outdir / old).read_text(encoding="utf-8"), "html.parser")
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"] == f"0; url={target}"
