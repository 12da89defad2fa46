"""Upstream templates we replace: a change in them means our copies need a look.

News sites (``labnews_site_defaults``) use our ``page.html`` and ``ablog/*.html``
instead of ablog's. When an ablog release changes one of those, the hash below no
longer matches: compare ablog's new template with ours (features added, fixes
made), update ours, and record the new hash.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import ablog
import pytest

import sphinx_labnews

ABLOG_TEMPLATES = Path(ablog.__file__).parent / "templates"
OUR_TEMPLATES = Path(sphinx_labnews.__file__).parent / "templates"

#: sha256 of ablog 0.11.13's templates that ours replace, when ours were written.
REPLACED = {
    "page.html": "5ed13e00200c7b53cae21a6b1fe9eee0d05335f04c69fc8dbc435e651fdac20e",
    "ablog/archives.html": "dd9192d71dbbf89b83c8170054e9f3c1eeabfe7ce83f48b2f3ec84517f1b26cb",
    "ablog/authors.html": "d79371831d23e24384367cb0cedef216b8b6a00ceead50e042fe14cf51ad9a53",
    "ablog/catalog.html": "50980fe5d3a03cddfbc9aa3a187dc20c6954d7b570effe3ff72820088ee58bda",
    "ablog/categories.html": "345751924e5b2f318998aaef9ebc2a61641fac39b945ec31d80f60f26698beee",
    "ablog/collection.html": "7adffc44a5ad96c7b55e5d81c0ddc5d4c84b93729a7af404524b99b1601a24d3",
    "ablog/postcard.html": "f8b1fa16488905c491db44ec304cc4b5c04714771fca216c6de2ca7a1b7e136d",
    "ablog/postcard2.html": "1c04613763d73dc417e397ef4532b9a756c7a157415222d56b36dc0977ced96f",
    "ablog/postnavy.html": "0b6dd43323c026e879b8fb01e21099955182092d8095757b0b7d1a8457c498c9",
    "ablog/recentposts.html": "60fa0d8dfbe7b455e0fa5809fc5073d695823b85b30e6664018efa7336640b7f",
    "ablog/tagcloud.html": "546763e9110e9063dba1be08c86702756f3d20b15ac45d76e3a112427ce36fc1",
}

#: Our templates that replace none of ablog's.
OWN_ONLY = {
    "ablog/_macros.html",
    "ablog/allnews.html",
    "cms/index.html",
    "labnews-404.html",
    "labnews-footer.html",
    "labnews/recent-news.html",
    "labnews/redirect.html",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(REPLACED))
def test_replaced_ablog_template_is_unchanged(name: str) -> None:
    found = sha256(ABLOG_TEMPLATES / name)
    assert found == REPLACED[name], (
        f"ablog {ablog.__version__} changed templates/{name}, which "
        f"sphinx_labnews/templates/{name} replaces on news sites. Compare the two, carry "
        f"over what ablog added or fixed, then record the new hash {found!r} in "
        "tests/test_ecosystem_upstream.py."
    )


def test_every_template_we_ship_is_pinned() -> None:
    ours = {path.relative_to(OUR_TEMPLATES).as_posix() for path in OUR_TEMPLATES.rglob("*.html")}
    assert ours == set(REPLACED) | OWN_ONLY
