"""How the site looks and reads in a real browser, on a site of 40-odd posts.

The docs site plus 42 generated posts (some with tags, some without a cover), served
under ``/en/latest/`` as Read the Docs serves it, opened in headless Chromium at a
desktop width (1280 px) and a phone width (390 px), in light and dark mode. Checks
what sphinx-labnews controls: the post page's type, measure, breadcrumb and
older/newer links, the cards, the sidebar's landmarks, horizontal overflow, console
errors, every internal link and image (crawled), and axe-core's rules for contrast,
landmarks, headings, image alt text and link names. Pages other than the first
post are found through links on the pages, never by URL, so the listing pages may
move. Screenshots go to ``tests/artifacts/design/``.
"""

from __future__ import annotations

import html.parser
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import BROWSER_MARKS, chromium, served_docs_site
from browser_support import wait_for as shared_wait_for
from helpers import needs_docs_site

ARTIFACTS = Path(__file__).parent / "artifacts" / "design"
TIMEOUT = 30  # seconds, for every page load and wait
GENERATED = 42  # posts added to the docs site's three

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
axe_selenium_python = pytest.importorskip(
    "axe_selenium_python", reason="axe-selenium-python is not installed"
)
pytestmark = [*BROWSER_MARKS, needs_docs_site]

DESKTOP = (1280, 900)
PHONE = (390, 844)
TABLET = (820, 1180)
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
MODES = ("light", "dark")

#: The axe-core rules whose outcome this project's templates and CSS decide (every
#: ``landmark-*`` rule of the bundled axe-core is added to these).
AXE_RULES = [
    "color-contrast",
    "region",
    "heading-order",
    "image-alt",
    "link-name",
    "page-has-heading-one",
]
#: Parts of the theme's markup axe objects to that options and CSS cannot change: none
#: today. Add a CSS selector list here, with a comment naming the upstream issue.
AXE_EXCLUDE: list[list[str]] = []

LOREM = (
    "The lab's researchers presented new work on foundation models for medical imaging, "
    "met collaborators from hospitals across the region and answered questions from "
    "students who want to join the group next year. "
)


def generated_post(number: int) -> str:
    """A post of realistic shape: long title, sections, a figure, sometimes tags and cover."""
    day = 1 + number % 28
    month = 1 + number % 12
    cover = "/static/img/news/2025_press_1.jpg" if number % 3 else ""
    tags = "tags: [workshop, imaging]\n" if number % 4 == 0 else ""
    front = (
        "---\n"
        f"title: '[Seminar] Generated news item {number} on large AI models for biomedical "
        "imaging and the clinic'\n"
        f"author: {'Cheng Jin' if number % 2 else 'Hao Chen'}\n"
        f"{tags}"
        + (f"cover: {cover}\n" if cover else "")
        + f"oneline_description: Generated item {number} for the browser tests.\n"
        "---\n\n"
    )
    figure = (
        "```{centered-image} /static/img/news/2025_press_3.jpg\n"
        ":alt: Speakers on stage\n:width: 100%\n"
        ":caption: Speakers on stage at the workshop\n```\n\n"
    )
    body = (
        f"{LOREM * 4}\n\n## What happened\n\n{LOREM * 3}\n\n"
        # a post without a cover and without pictures gets no thumbnail
        + (figure if cover else "")
        + f"### Next steps\n\n{LOREM * 2}\n"
    )
    return front + body, f"news/2024-{month:02d}-{day:02d}-generated-{number}.md"


def add_generated_posts(srcdir: Path) -> None:
    for number in range(GENERATED):
        text, name = generated_post(number)
        (srcdir / name).write_text(text, "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The docs site with 42 more posts, served at ``http://127.0.0.1:<port>/en/latest/``."""
    with served_docs_site(tmp_path_factory, "design", add_generated_posts) as base:
        yield base


@pytest.fixture(scope="module")
def browser(site: str, tmp_path_factory: pytest.TempPathFactory):
    with chromium(tmp_path_factory, "1280,900", TIMEOUT) as driver:
        yield driver


def wait_for(driver, script: str) -> None:
    shared_wait_for(driver, script, TIMEOUT)


def show(driver, url: str, viewport: str, mode: str) -> None:
    """Open ``url`` at a viewport width in a colour mode, every image loaded."""
    width, height = {**VIEWPORTS, "tablet": TABLET}[viewport]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": viewport == "phone"},
    )
    driver.get_log("browser")  # drop messages from the previous page
    driver.get(url)
    # pydata-sphinx-theme keeps the reader's choice in localStorage ("mode")
    if driver.execute_script("return document.documentElement.dataset.theme") != mode:
        driver.execute_script("localStorage.setItem('mode', arguments[0])", mode)
        driver.get(url)
    wait_for(driver, "return document.readyState === 'complete'")
    wait_for(driver, f"return document.documentElement.dataset.theme === '{mode}'")
    # an image that is not displayed (a hidden card thumbnail) is never loaded lazily
    count = driver.execute_script("return document.images.length")
    for index in range(count):
        if driver.execute_script(SHOWN + "return shown(document.images[arguments[0]])", index):
            driver.execute_script("document.images[arguments[0]].scrollIntoView()", index)
            wait_for(driver, f"return document.images[{index}].complete")
    driver.execute_script("window.scrollTo(0, 0)")


SHOWN = "const shown = e => e.getClientRects().length > 0;"


def save_screenshot(driver, path: Path) -> None:
    """The first screen, as a 256-colour PNG: small enough for the user guide."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def console_errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def axe_violations(driver) -> list[dict]:
    """axe-core's violations of :data:`AXE_RULES` on the open page."""
    axe = axe_selenium_python.Axe(driver)
    axe.inject()
    results = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const rules = arguments[1].concat(axe.getRules().map(r => r.ruleId)"
        "  .filter(id => id.startsWith('landmark-')));"
        "axe.run({exclude: arguments[0]}, {runOnly: {type: 'rule', values: rules}})"
        ".then(done, error => done({error: String(error)}))",
        AXE_EXCLUDE,
        AXE_RULES,
    )
    assert "error" not in results, results
    return [
        {
            "rule": v["id"],
            "nodes": [(n["target"], n["failureSummary"]) for n in v["nodes"]][:5],
        }
        for v in results["violations"]
    ]


# ---- the pages, found through links --------------------------------------------------


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        for name in ("href", "src"):
            if attributes.get(name) and tag in ("a", "img", "link", "script", "source"):
                self.links.append((tag, attributes[name], attributes))


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
        return response.read()


@pytest.fixture(scope="module")
def crawled(site: str) -> dict[str, list[tuple[str, str, dict]]]:
    """Every internal page reachable from the landing page, with the links on it."""
    pages: dict[str, list] = {}
    queue = [site + "index.html"]
    broken: list[tuple[str, str]] = []
    checked: set[str] = set()
    while queue:
        url = queue.pop()
        if url in pages:
            continue
        parser = _Links()
        parser.feed(fetch(url).decode("utf-8"))
        pages[url] = parser.links
        for tag, ref, _attributes in parser.links:
            target = urllib.parse.urljoin(url, ref).split("#")[0]
            if not target.startswith(site):
                continue
            if target not in checked:
                checked.add(target)
                try:
                    fetch(target)
                except urllib.error.HTTPError as error:
                    error.close()
                    broken.append((url, ref))
                    continue
            if tag == "a" and target.endswith(".html") and "/admin/" not in target:
                queue.append(target)
    assert broken == [], f"links and images that do not resolve: {broken[:20]}"
    return pages


def first_link(crawled: dict, page: str, predicate) -> str:
    for tag, ref, attributes in crawled[page]:
        if tag == "a" and predicate(ref, attributes):
            return urllib.parse.urljoin(page, ref).split("#")[0]
    raise AssertionError(f"no such link on {page}")


@pytest.fixture(scope="module")
def pages(site: str, crawled: dict) -> dict[str, str]:
    """The landing page, the archive, a post with tags and a tag page."""
    landing = site + "index.html"

    def tagged(url: str) -> bool:
        links = crawled[url]
        return "/news/" in url and any("labnews-tag" in (a.get("class") or "") for *_, a in links)

    def between(url: str) -> bool:
        rels = {a.get("rel") for tag, _ref, a in crawled[url] if tag == "a"}
        return {"prev", "next"} <= rels

    # a tagged post in the middle of the news (with an older and a newer post), always
    # the same one; the first tagged post where the links carry no rel
    candidates = sorted(filter(tagged, crawled))
    post = next(filter(between, candidates), candidates[0])
    return {
        "landing": landing,
        "archive": first_link(
            crawled, landing, lambda ref, a: "nav-internal" in (a.get("class") or "")
        ),
        "post": post,
        "tag": first_link(crawled, post, lambda ref, a: "labnews-tag" in (a.get("class") or "")),
        "workshop": site + "news/2025-07-14-lai4bm-2025-workshop.html",
        "figure": next(
            url
            for url in sorted(crawled)
            if any(tag == "img" and "2025_press_3" in ref for tag, ref, _a in crawled[url])
        ),
    }


def test_site_has_enough_posts_and_every_link_resolves(site: str, crawled: dict) -> None:
    posts = [url for url in crawled if "/news/20" in url and "generated" in url]
    assert len(posts) >= 40, len(posts)


def test_no_empty_section_navigation(crawled: dict) -> None:
    """pydata-sphinx-theme shows a "Section Navigation" box on pages outside any toctree
    section; the news pages use the news sidebar instead."""
    from bs4 import BeautifulSoup

    empty = []
    for url in crawled:
        soup = BeautifulSoup(fetch(url), "lxml")
        for nav in soup.select("#pst-primary-sidebar nav.bd-docs-nav"):
            if not nav.select("a[href]"):
                empty.append(url)
    assert empty == [], f"an empty Section Navigation box on {empty}"


# ---- every page shown: overflow, console, axe, screenshots ----------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("name", ["landing", "archive", "post", "tag"])
def test_page_reads_well(browser, pages: dict, name: str, viewport: str, mode: str) -> None:
    show(browser, pages[name], viewport, mode)
    assert browser.execute_script("return innerWidth") == VIEWPORTS[viewport][0]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    save_screenshot(browser, ARTIFACTS / f"{name}-{viewport}-{mode}.png")

    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {viewport} width"
    broken = browser.execute_script(
        SHOWN + "return Array.from(document.images).filter(shown)"
        ".filter(i => !(i.naturalWidth > 0)).map(i => i.src)"
    )
    assert broken == []
    assert console_errors(browser) == []
    violations = axe_violations(browser)
    assert violations == [], json.dumps(violations, indent=1)


# ---- post pages ------------------------------------------------------------------------

POST_METRICS = """
const px = e => parseFloat(getComputedStyle(e).fontSize);
const post = document.querySelector('section.labnews-post');
const title = post.querySelector('h1');
const line = e => parseFloat(getComputedStyle(e).lineHeight);
// characters per line of the widest body paragraph of three lines or more
let measure = 0;
for (const p of post.querySelectorAll(':scope > p, :scope > section > p')) {
  const lines = Math.round(p.getBoundingClientRect().height / line(p));
  if (lines >= 3) measure = Math.max(measure, p.textContent.length / lines);
}
const crumbs = document.querySelector('ul.bd-breadcrumbs');
const active = crumbs.querySelector('.active .ellipsis');
return {
  title: px(title),
  h2: Math.max(...Array.from(post.querySelectorAll('section > h2')).map(px)),
  measure: measure,
  crumbs: Array.from(crumbs.querySelectorAll('li')).map(li => li.textContent.trim()),
  crumbLines: Math.round(crumbs.getBoundingClientRect().height / line(crumbs)),
  crumbTruncated: active.scrollWidth > active.clientWidth,
};
"""

PREV_NEXT = """
const nav = document.querySelector('nav.labnews-prev-next');
return Array.from(nav.querySelectorAll('a')).map(a => {
  const r = a.getBoundingClientRect();
  return {rel: a.rel, label: a.querySelector('.labnews-prev-next__label').textContent.trim(),
          title: a.querySelector('.labnews-prev-next__title').textContent.trim(),
          href: a.href, top: r.top, left: r.left, right: r.right};
});
"""


@pytest.mark.parametrize("viewport", [*VIEWPORTS, "tablet"])
def test_post_page_layout(browser, pages: dict, viewport: str) -> None:
    show(browser, pages["post"], viewport, "light")
    metrics = browser.execute_script(POST_METRICS)
    print(viewport, metrics)
    if viewport == "phone":
        assert metrics["title"] <= 32
        assert metrics["crumbTruncated"], "the long title is shortened with an ellipsis"
    assert metrics["h2"] <= 0.75 * metrics["title"], metrics
    # about 70 characters a line where the window allows it
    low = 0 if viewport == "phone" else 55
    assert low <= metrics["measure"] <= 80, f"{metrics['measure']:.0f} characters a line"
    assert metrics["crumbs"][1:3] == ["News", "2024"], metrics["crumbs"]
    assert metrics["crumbLines"] == 1, "the breadcrumb stays on one line"

    links = browser.execute_script(PREV_NEXT)
    assert [(link["rel"], link["label"]) for link in links] == [
        ("prev", "← Older"),
        ("next", "Newer →"),
    ]
    assert all(link["title"] and link["href"].endswith(".html") for link in links)
    older, newer = links
    if viewport == "phone":
        assert newer["top"] > older["top"], "stacked on a phone"
    else:
        assert newer["top"] == older["top"] and newer["left"] >= older["right"], "side by side"


def test_post_page_without_the_sidebar_byline(browser, pages: dict) -> None:
    show(browser, pages["post"], "desktop", "light")
    sidebar = browser.execute_script(
        "const s = document.querySelector('#pst-primary-sidebar');"
        "return {byline: s.querySelectorAll('.ablog__postcard, .labnews-author').length,"
        " outside: Array.from(s.querySelectorAll('.ablog-sidebar-item'))"
        "   .filter(i => !i.closest('nav[aria-label], aside[aria-label]')).length,"
        " items: s.querySelectorAll('.ablog-sidebar-item').length,"
        " sectionNav: s.querySelectorAll('nav.bd-docs-nav').length}"
    )
    assert sidebar == {"byline": 0, "outside": 0, "items": 3, "sectionNav": 0}


ABOUT_AND_FIGURES = """
const style = e => { const s = getComputedStyle(e);
  return [s.backgroundColor, s.borderTopColor, s.borderTopWidth, s.borderRadius, s.paddingLeft]; };
const abouts = Array.from(document.querySelectorAll('section.labnews-about'));
const px = e => parseFloat(getComputedStyle(e).fontSize);
return {
  boxes: abouts.map(style).map(JSON.stringify),
  page: getComputedStyle(document.body).backgroundColor,
  aboutHeading: Math.max(...abouts.map(a => px(a.querySelector('h2')))),
  title: px(document.querySelector('section.labnews-post h1')),
  captions: Array.from(document.querySelectorAll('figcaption')).map(c => {
    const img = c.closest('figure').querySelector('img');
    const gap = c.getBoundingClientRect().top - img.getBoundingClientRect().bottom;
    return [c.textContent.replace('#', '').trim(), Math.round(gap)];
  }),
};
"""


@pytest.mark.parametrize("mode", MODES)
def test_about_blocks_and_captions(browser, pages: dict, mode: str) -> None:
    show(browser, pages["workshop"], "desktop", mode)
    found = browser.execute_script(ABOUT_AND_FIGURES)
    print(mode, found)
    assert len(found["boxes"]) == 2 and len(set(found["boxes"])) == 1, found["boxes"]
    background, _border, width, _radius, _padding = json.loads(found["boxes"][0])
    assert width != "0px", "each About block is a box with a border"
    assert background != found["page"], "and a background of its own"
    assert found["aboutHeading"] <= 0.6 * found["title"]

    show(browser, pages["figure"], "desktop", mode)
    captions = browser.execute_script(ABOUT_AND_FIGURES)["captions"]
    assert any(
        text == "Speakers on stage at the workshop" and 0 <= gap <= 16 for text, gap in captions
    ), f"the caption sits right under its image: {captions}"


# ---- cards -------------------------------------------------------------------------------

CARDS = """
return Array.from(document.querySelectorAll('.labnews-card')).map(card => {
  const title = card.querySelector('.labnews-card__title, .sd-card-title');
  const meta = card.querySelector('.labnews-card__meta, .labnews-card-meta');
  const thumbs = Array.from(card.querySelectorAll('img')).filter(i => i.offsetParent !== null);
  return {
    below: meta.getBoundingClientRect().top >= title.getBoundingClientRect().bottom - 1,
    placeholder: thumbs.some(i => /labnews-placeholder/.test(i.src)),
    height: card.getBoundingClientRect().height,
    withImage: thumbs.length > 0,
  };
});
"""


@pytest.mark.parametrize("mode", MODES)
def test_cards(browser, pages: dict, mode: str) -> None:
    show(browser, pages["archive"], "desktop", mode)
    cards = browser.execute_script(CARDS)
    assert len(cards) >= 3
    assert all(card["below"] for card in cards), "the date sits below the title"
    assert not any(card["placeholder"] for card in cards), "no grey placeholder block"
    assert any(not card["withImage"] for card in cards), "posts without cover are compact"


# ---- search and the old all-posts URL -----------------------------------------------------

SEARCH_RESULTS = """
const summary = document.querySelector('#search-results .search-summary, #search-results p');
if (!summary || !/found/.test(summary.textContent)) return null;
return Array.from(document.querySelectorAll('#search-results ul.search > li')).map(li => {
  const time = li.querySelector('time.labnews-search-date');
  return [li.querySelector('a').getAttribute('href'), time ? time.dateTime : null];
});
"""


def test_search_lists_equally_relevant_posts_newest_first(browser, site: str) -> None:
    """ "region" is in the text of every generated post (2024) and of two of the lab's
    (2025), never in a title: equal scores, which Sphinx alone orders by title."""
    show(browser, site + "search.html?q=region", "desktop", "light")
    wait_for(browser, SEARCH_RESULTS.replace("return Array", "return !!Array"))
    results = browser.execute_script(SEARCH_RESULTS)
    dates = [date for _href, date in results]
    assert len(results) >= 40 and None not in dates, results
    assert dates == sorted(dates, reverse=True), results
    assert results[0][0].startswith("news/2025-07-27-"), results[:3]
    assert console_errors(browser) == []


def test_old_all_posts_url_lands_on_all_news(browser, site: str, pages: dict) -> None:
    show(browser, site + "news.html", "desktop", "light")
    wait_for(browser, "return location.pathname.endsWith('/archive.html')")
    assert browser.current_url.split("#")[0] == pages["archive"]
    assert browser.find_elements("css selector", ".labnews-card")
