"""A post is content, not code: hostile posts build safely (``labnews_trusted_posts = False``).

Each test builds a private copy of a ``tests/roots/test-hostile-*`` root next to a
folder ``outside/`` that holds a secret (created here, never committed), and asserts
on the real output: no marker file from a command, the secret in no file of the
build folder (pages, ``_sources``, ``searchindex.js``, feeds, ``_images``,
``_downloads``, doctrees), nothing written next to the source, and the refusals
reported as ``labnews.security`` (or ``labnews.limit``) warnings naming the post and
line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import build, copy_root, page, warnings_of

SECRET = "SECRET-7f3a9c"
CSV_SECRET = "CSV-SECRET-41d2"


def hostile_site(name: str, tmp_path: Path) -> Path:
    """A copy of root ``name`` in ``tmp_path/src``, with ``tmp_path/outside/`` secrets.

    ``static/link.*`` symlinks inside the source point at the secrets outside it.
    """
    srcdir = copy_root(name, tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{SECRET}\n", "utf-8")
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    (outside / "secret.csv").write_text(f"name,value\n{CSV_SECRET},1\n", "utf-8")
    static = srcdir / "static"
    static.mkdir(exist_ok=True)
    for suffix in ("txt", "png", "csv"):
        (static / f"link.{suffix}").symlink_to(outside / f"secret.{suffix}")
    return srcdir


def output_files(app) -> list[Path]:
    """Every file the build wrote (``_build`` holds the HTML and the doctrees)."""
    root = Path(app.outdir).parent
    return [Path(d) / f for d, _, files in os.walk(root) for f in files]


def assert_no_secret(app) -> None:
    for path in output_files(app):
        data = path.read_bytes()
        for secret in (SECRET, CSV_SECRET):
            assert secret.encode() not in data, f"{secret} published in {path}"
    assert not list(Path(app.outdir).glob("_images/secret*"))
    assert not list(Path(app.outdir).glob("_downloads/*/secret*"))


def assert_nothing_outside(tmp_path: Path) -> None:
    """The build wrote only under the source copy (whose ``_build`` is the output)."""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outside", "src"]
    assert sorted(p.name for p in (tmp_path / "outside").iterdir()) == [
        "secret.csv",
        "secret.png",
        "secret.txt",
    ]


def body_text(app, docname: str) -> str:
    soup = page(app, docname)
    return (soup.select_one("article") or soup.select_one("div.body")).get_text()


def security_warnings(app, subtype: str = "security") -> list[str]:
    return [line for line in warnings_of(app).splitlines() if f"[labnews.{subtype}]" in line]


def assert_warned(warnings: list[str], source: str, line: int, what: str) -> None:
    """One of ``warnings`` is reported at ``source:line`` and its message begins ``what``."""
    expected = f"{source}:{line}: WARNING: {what}"
    assert any(expected in warning for warning in warnings), (expected, warnings)


# -- 1 and 2: MyST configuration and substitutions ----------------------------------


def _with_marker(srcdir: Path, marker: Path) -> None:
    for post in (srcdir / "news").glob("*.md"):
        post.write_text(post.read_text("utf-8").replace("MARKER", str(marker)), "utf-8")


def test_post_cannot_turn_on_substitutions_or_run_jinja(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-myst-config", tmp_path / "site")
    marker = tmp_path / "marker-substitution"
    _with_marker(srcdir, marker)
    app = build(srcdir, freshenv=True)

    assert not marker.exists(), "a post's substitution ran a shell command"
    text = body_text(app, "news/2025-01-01-enable")
    assert "{{ cycler." in text and "}} and {{ who }}" in text  # as typed, never evaluated
    # the harmless key is honoured
    assert page(app, "news/2025-01-01-enable").select_one('meta[name="keywords"]')["content"] == (
        "harmless"
    )
    # site-wide substitutions stay off in posts, on in the site's own pages
    assert "{{ lab }}" in body_text(app, "news/2025-01-02-top-level")
    assert "Smart Lab" in body_text(app, "about")
    warnings = security_warnings(app)
    assert any("2025-01-01-enable.md:4:" in w and "'myst.enable_extensions'" in w for w in warnings)
    assert any("2025-01-01-enable.md:4:" in w and "'myst.substitutions'" in w for w in warnings)
    assert any("2025-01-02-top-level.md:4:" in w and "'substitutions'" in w for w in warnings)
    assert any("2025-01-02-top-level.md:6:" in w and "'myst'" in w for w in warnings)
    assert not any("myst.html_meta'" in w for w in warnings)
    assert any(
        "2025-01-01-enable.md:4:" in w and "html_meta 'http-equiv=refresh'" in w for w in warnings
    )
    enable = (Path(app.outdir) / "news" / "2025-01-01-enable.html").read_text("utf-8")
    assert "refresh" not in enable
    assert_nothing_outside(tmp_path / "site")


def test_trusted_posts_keep_todays_behaviour(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-myst-config", tmp_path / "site")
    post = srcdir / "news" / "2025-01-02-top-level.md"
    post.write_text(post.read_text("utf-8").replace("{{ who }}", ""), "utf-8")
    (srcdir / "news" / "2025-01-01-enable.md").unlink()
    app = build(srcdir, freshenv=True, confoverrides={"labnews_trusted_posts": True})
    assert "Smart Lab" in body_text(app, "news/2025-01-02-top-level")
    assert not security_warnings(app)


# -- 3: directives that read files -----------------------------------------------------


@pytest.fixture(scope="module")
def files_site(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("files")
    app = build(hostile_site("hostile-files", tmp_path), freshenv=True)
    return app, tmp_path


def test_file_reading_directives_stay_inside_the_source(files_site) -> None:
    app, tmp_path = files_site
    assert_no_secret(app)
    assert_nothing_outside(tmp_path)


@pytest.mark.parametrize(
    ("docname", "line", "what"),
    [
        ("2025-01-01-markdown", 5, "include: '../../outside/secret.txt'"),
        ("2025-01-01-markdown", 8, "include: '/static/link.txt'"),
        ("2025-01-01-markdown", 11, "literalinclude: '../../outside/secret.txt'"),
        ("2025-01-01-markdown", 14, "literalinclude: '../../outside/secret.txt'"),
        ("2025-01-01-markdown", 18, "raw :file:: '../../outside/secret.txt'"),
        ("2025-01-01-markdown", 22, "raw :url:: 'https://example.invalid/secret'"),
        ("2025-01-01-markdown", 26, "csv-table :file:: '../../outside/secret.csv'"),
        ("2025-01-02-eval-rst", 6, "include: '../../outside/secret.txt'"),
        ("2025-01-02-eval-rst", 9, "include: '<../../../../../"),
        ("2025-01-02-eval-rst", 11, "include: '/static/link.txt'"),
        ("2025-01-02-eval-rst", 13, "raw :file:: '../../outside/secret.txt'"),
        ("2025-01-02-eval-rst", 16, "csv-table :file:: '../../outside/secret.csv'"),
        ("2025-01-02-eval-rst", 19, "csv-table :file:: '/static/link.csv'"),
        ("2025-01-02-eval-rst", 22, "literalinclude: '../../outside/secret.txt'"),
    ],
)
def test_each_outside_read_is_a_typed_warning(files_site, docname, line, what) -> None:
    app, _ = files_site
    assert_warned(security_warnings(app), f"news/{docname}.md", line, what)


def test_reads_inside_the_source_still_work(files_site) -> None:
    app, _ = files_site
    markdown = body_text(app, "news/2025-01-01-markdown")
    assert "INSIDE-INCLUDED" in markdown
    assert "INSIDE-CSV" in markdown
    rst = page(app, "news/2025-01-02-eval-rst")
    assert "INSIDE-INCLUDED" in rst.select_one("div.body").get_text()
    assert len(security_warnings(app)) == 14


# -- 4: images and downloads ---------------------------------------------------------


def test_images_and_downloads_from_outside_are_never_copied(tmp_path: Path) -> None:
    app = build(hostile_site("hostile-images", tmp_path), freshenv=True)
    assert_no_secret(app)
    assert_nothing_outside(tmp_path)
    post = page(app, "news/2025-01-01-images")
    sources = [img["src"] for img in post.select("section.labnews-post img")]
    assert sources == ["../_images/inside.png"]  # the inside image still shown
    assert "A caption that stays." in post.get_text()
    assert [a.get_text() for a in post.select("a.download")] == ["a file"]
    assert "the secret" in post.get_text()  # a refused download keeps its text
    assert sorted(os.listdir(Path(app.outdir) / "_images")) == ["inside.png"]
    warnings = security_warnings(app)
    for line, what in [
        (4, "image '/static/link.png'"),  # cover
        (6, "image '../../outside/secret.png'"),
        (8, "image '../../outside/secret.png'"),
        (12, "image '/static/link.png'"),
        (18, "image '../../outside/secret.png'"),  # <img>
        (20, "image '/static/link.png'"),  # centered-image
        (24, "download '../../outside/secret.txt'"),
        (24, "download '/static/link.txt'"),
        (27, "image '../../outside/secret.png'"),  # eval-rst
        (29, "image '../../outside/*'"),
    ]:
        assert_warned(warnings, "2025-01-01-images.md", line, what)


# -- 5: script and data link targets --------------------------------------------------


def test_script_and_data_targets_are_unlinked(tmp_path: Path) -> None:
    app = build(hostile_site("hostile-links", tmp_path), freshenv=True)
    html = (Path(app.outdir) / "news" / "2025-01-01-links.html").read_text("utf-8")
    assert not re.search(r"(?i)(href|src)=\"\s*(java\s*script|vbscript|data:text)", html)
    assert "data:image/svg" not in html
    post = page(app, "news/2025-01-01-links")
    text = post.select_one("section.labnews-post").get_text()
    for kept in ("rst link", "tabbed", "vb", "data", "named", "markdown link"):
        assert kept in text
    assert post.select_one('img[alt="image target"]') is not None
    assert post.select_one('img[alt="centred target"]') is not None
    embedded = post.select_one('img[alt="embedded png"]')
    assert embedded is not None and embedded["src"].startswith(("data:image/png", "../_images/"))
    assert post.select_one('a[href="https://example.org/"]') is not None
    warnings = security_warnings(app)
    for line, what in [
        (5, "link target \"javascript:alert('image')\""),
        (10, "link target \"JaVaScRiPt:alert('centred')\""),
        # docutils gives the references of a paragraph its first line
        (16, "link target \"javascript:alert('rst')\""),
        (16, "link target \"javascript:alert('tab')\""),  # docutils drops the tab
        (16, "link target \"vbscript:msgbox('vb')\""),
        (16, "link target 'data:text/html"),
        (20, "link target \"javascript:alert('named')\""),
        (22, "image 'data:image/svg+xml"),
    ]:
        assert_warned(warnings, "2025-01-01-links.md", line, what)


# -- 6: values written into scripts and tags --------------------------------------------


def test_file_names_and_preview_keys_cannot_write_script(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-names", tmp_path)
    body = "---\ntitle: {}\ndate: 2025-01-1{}\n---\nA post.\n"
    names = ["2025-01-10-x'+alert(1)+'", '2025-01-11-a"><svg onload=alert(2)>']
    for number, name in enumerate(names):
        (srcdir / "news" / f"{name}.md").write_text(body.format("Name", number), "utf-8")
    app = build(srcdir, freshenv=True)
    assert_nothing_outside(tmp_path)
    for name in names:
        html = (Path(app.outdir) / "news" / f"{name}.html").read_text("utf-8")
        scripts = re.findall(r"<script>(DOCUMENTATION_OPTIONS\.pagename = .*?)</script>", html)
        assert scripts, "the theme's page-name script is gone"
        # the whole name is one JavaScript string: nothing after it but ';'
        assert re.fullmatch(
            r'DOCUMENTATION_OPTIONS\.pagename = "[^"\\\'<>]*(\\.[^"\\\'<>]*)*";', scripts[0]
        ), scripts[0]
        assert "alert" not in html.split("<script>DOCUMENTATION_OPTIONS")[1].split(";")[0] or (
            "\\u0027" in scripts[0] or '\\"' in scripts[0]
        )
    # normal names are written exactly as the theme writes them
    og = (Path(app.outdir) / "news" / "2025-01-01-og-keys.html").read_text("utf-8")
    assert '<meta property="og:locale" content="en_GB" />' in og
    assert "<script>alert" not in og
    assert "DOCUMENTATION_OPTIONS.pagename = 'news/2025-01-01-og-keys';" in og
    value = page(app, "news/2025-01-01-og-keys").select_one('meta[property="og:description"]')
    assert value["content"] == '"><script>alert("value")</script>'
    warnings = security_warnings(app)
    assert any(
        "2025-01-01-og-keys.md:4: WARNING: front-matter key 'og:title\"><script>" in w
        for w in warnings
    ), warnings


# -- 7: nesting -------------------------------------------------------------------------


def test_deep_nesting_is_bounded(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-depth", tmp_path)
    news = srcdir / "news"
    news.mkdir()
    head = "---\ntitle: {}\ndate: 2025-02-0{}\n---\nBefore the nesting.\n\n"
    n = 130
    fences = "".join("`" * (3 + n - i) + "{note}\n" for i in range(n)) + "deep\n"
    fences += "".join("`" * (4 + i) + "\n" for i in range(n))
    rst = "```{eval-rst}\n" + "".join("   " * i + ".. note::\n\n" for i in range(300))
    rst += "   " * 300 + "deep\n```\n"
    posts = {
        "directives": fences,
        "quotes": ">" * 1000 + " deep\n",
        "lists": "".join("  " * i + "- item\n" for i in range(1000)),
        "rst": rst,
        "emphasis": "*" * 3000 + "deep" + "*" * 3000 + "\n",
    }
    for number, (name, text) in enumerate(posts.items(), start=1):
        (news / f"2025-02-0{number}-{name}.md").write_text(
            head.format(name, number) + text, "utf-8"
        )
    app = build(srcdir, freshenv=True)
    for number, name in enumerate(posts, start=1):
        post = page(app, f"news/2025-02-0{number}-{name}")
        assert "Before the nesting." in post.get_text()
    limits = security_warnings(app, "limit")
    assert any(
        "2025-02-01-directives.md:47: WARNING: directive 'note' nested deeper" in w for w in limits
    ), limits
    assert any(
        "2025-02-04-rst.md:7: WARNING: eval-rst block nested too deeply" in w for w in limits
    ), limits
    assert any(
        "2025-02-05-emphasis.md:7: WARNING: inline markup nested deeper" in w for w in limits
    ), limits


# -- 8: size ------------------------------------------------------------------------------


def test_posts_over_the_size_limit_warn_and_still_build(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-size", tmp_path)
    news = srcdir / "news"
    news.mkdir()
    head = "---\ntitle: {}\ndate: 2025-03-0{}\n---\n"
    (news / "2025-03-01-big.md").write_text(head.format("Big", 1) + "word " * 1000, "utf-8")
    (news / "2025-03-02-small.md").write_text(head.format("Small", 2) + "word " * 10, "utf-8")
    app = build(srcdir, freshenv=True)
    assert "word" in body_text(app, "news/2025-03-01-big")
    limits = security_warnings(app, "limit")
    assert len(limits) == 1
    assert (
        "2025-03-01-big.md:1: WARNING: post is 5036 bytes, over labnews_max_post_bytes (4000)"
        in (limits[0])
    )


def test_huge_tables_are_cut_to_the_cell_limit(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-size", tmp_path)
    news = srcdir / "news"
    news.mkdir()
    head = "---\ntitle: {}\ndate: 2025-03-0{}\n---\n"
    table = "| a | b |\n|---|---|\n" + "".join(f"| r{i} | c{i} |\n" for i in range(3000))
    (news / "2025-03-01-huge.md").write_text(
        head.format("Huge", 1) + table + "\nAfter the table.\n", "utf-8"
    )
    small = "| a | b |\n|---|---|\n" + "".join(f"| s{i} | d{i} |\n" for i in range(2000))
    (news / "2025-03-02-fits.md").write_text(head.format("Fits", 2) + small, "utf-8")
    app = build(srcdir, freshenv=True, confoverrides={"labnews_max_post_bytes": 0})
    huge = page(app, "news/2025-03-01-huge")
    cells = [td.get_text() for td in huge.select("table td")]
    assert len(cells) + 2 == 5000  # the header's two cells count too
    assert cells[-1] == "c2498"
    assert "After the table." in huge.get_text()
    assert len(page(app, "news/2025-03-02-fits").select("table td")) == 4000
    limits = security_warnings(app, "limit")
    assert len(limits) == 1, limits
    assert (
        "2025-03-01-huge.md:5: WARNING: table has more than 5000 cells; the rows from "
        in (limits[0])
    )


def test_a_recursion_the_bounds_miss_keeps_the_post(tmp_path: Path, monkeypatch) -> None:
    """The last line of defence: with the directive bound lifted, Python's stack runs
    out inside MyST; the post is rebuilt from its front matter alone."""
    import sphinx_labnews.post_parser

    monkeypatch.setattr(sphinx_labnews.post_parser, "MAX_DIRECTIVE_DEPTH", 10**6)
    srcdir = hostile_site("hostile-depth", tmp_path)
    (srcdir / "news").mkdir()
    n = 200
    fences = "".join("`" * (3 + n - i) + "{note}\n" for i in range(n)) + "deep\n"
    fences += "".join("`" * (4 + i) + "\n" for i in range(n))
    (srcdir / "news" / "2025-02-01-directives.md").write_text(
        "---\ntitle: Too deep\ndate: 2025-02-01\n---\nBody.\n\n" + fences, "utf-8"
    )
    app = build(srcdir, freshenv=True)
    post = page(app, "news/2025-02-01-directives")
    assert "Too deep" in post.select_one("h1").get_text()
    assert "Body." not in post.get_text()
    limits = security_warnings(app, "limit")
    assert any(
        "2025-02-01-directives.md:1: WARNING: post nested too deeply to build" in w for w in limits
    ), limits
    assert "Too deep" in (Path(app.outdir) / "news" / "atom.xml").read_text("utf-8")


# -- 9: raw HTML ----------------------------------------------------------------------

#: What a post's raw HTML may not put on the page, and where it was written.
HTML_ATTACKS = [
    (5, "removed <script> element"),
    (7, "removed onerror attribute of <img>"),  # MyST's html_image drops it (test 10)
    (9, "removed href \"javascript:alert('href')\" attribute of <a>"),
    (11, "removed src \"javascript:alert('iframe')\" attribute of <iframe>"),
    (13, "removed src 'https://evil.example/embed' attribute of <iframe>"),
    (15, "removed <form> element and <input> element"),
    (17, "removed <style> element"),
    (19, "removed <meta> element"),
    (21, "removed <base> element"),
    (23, "removed style property 'position' of <p> and style property 'top' of <p>"),
    (25, "removed onmouseover attribute of <span>"),
    (
        27,
        "removed src '../../outside/secret.png' attribute of <img> and "
        "src \"javascript:alert('img')\" attribute of <img>",
    ),
    (32, "removed <svg> element"),  # {raw} html
    (37, "removed <object> element and href 'vbscript:msgbox(1)' attribute of <a>"),  # eval-rst
    (42, "removed onclick attribute of <div>"),
    (50, "removed '<div title=\"' (not complete HTML)"),
    (56, "removed <script> element"),  # inline, its text kept as text
]


@pytest.fixture(scope="module")
def html_site(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("html")
    return build(hostile_site("hostile-html", tmp_path), freshenv=True)


def test_raw_html_cannot_run_script_or_leave_the_post(html_site) -> None:
    app = html_site
    html = (Path(app.outdir) / "news" / "2025-01-01-attacks.html").read_text("utf-8")
    for gone in ("pwned-script", "evil.example", "msgbox", "outside/secret"):
        assert gone not in html, gone
    post = page(app, "news/2025-01-01-attacks")
    body = post.select_one("section.labnews-post")
    for tag in ("script", "style", "form", "input", "meta", "base", "svg", "object"):
        assert not body.find_all(tag), tag
    assert not post.find_all("base")
    assert not post.select("meta[http-equiv]")
    for element in body.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        assert not [v for v in element.attrs.values() if "alert" in str(v)], element
        for name in ("href", "src"):
            value = re.sub(r"[\x00-\x20]", "", element.get(name, "")).lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:")), element
    assert [i.get("src") for i in body.find_all("iframe")] == [None, None]
    assert "position" not in body.select_one("p[style]")["style"]
    # what is harmless stays: the text, the span around its Markdown, the div around its own
    span = body.find("span")
    assert span.get_text() == "hover bold text" and span.find("b").get_text() == "bold"
    assert body.select_one("div > p > em").get_text() == "inside"
    assert [a.get_text() for a in body.find_all("a", target="_blank")] == ["a script link"]
    # an unclosed attribute does not swallow the Markdown after it, nor does a removed
    # inline <script> take its text along
    assert "After the unclosed attribute." in body.get_text()
    assert "inline\u2019) script text." in body.get_text()  # smart quotes
    assert "pwned" not in (Path(app.outdir) / "searchindex.js").read_text("utf-8")
    assert_no_secret(app)


@pytest.mark.parametrize(("line", "what"), HTML_ATTACKS)
def test_each_removal_is_a_typed_warning_at_its_line(html_site, line, what) -> None:
    warnings = [w for w in security_warnings(html_site) if "2025-01-01-attacks.md:" in w]
    assert any(
        f"2025-01-01-attacks.md:{line}: WARNING: raw HTML: {what};" in w for w in warnings
    ), warnings


def test_one_warning_per_line(html_site) -> None:
    raw = [w for w in security_warnings(html_site) if "raw HTML: removed" in w]
    assert len(raw) == len(HTML_ATTACKS), raw


def test_icon_classes_cannot_add_attributes(html_site) -> None:
    """sphinx-design writes an ``{octicon}``'s classes into the SVG unescaped."""
    body = page(html_site, "news/2025-01-01-attacks").select_one("section.labnews-post")
    assert not body.find_all("svg")
    assert "Icon  here." in body.get_text()
    assert any(
        "2025-01-01-attacks.md:48: WARNING: icon with unsafe classes left out" in w
        for w in security_warnings(html_site)
    )


def test_imported_jekyll_html_is_kept(html_site) -> None:
    app = html_site
    post = page(app, "news/2025-01-02-imported").select_one("section.labnews-post")
    assert [i["src"] for i in post.find_all("iframe")] == [
        "https://www.youtube.com/embed/abc123",
        "https://player.vimeo.com/video/42",
    ]
    assert post.find("iframe").has_attr("allowfullscreen")
    assert post.select_one("video[controls] > source")["src"] == "/static/clip.mp4"
    assert post.select_one('div[align="center"] > img[width="300"]') is not None
    assert post.select_one('div[align="center"] > p > img')["src"] == "../_images/inside.png"
    assert post.select_one("details > summary").get_text() == "More"
    assert post.select_one('table[border="1"] td[colspan="2"]').get_text() == "Value"
    assert post.select_one("p > br") is not None and post.find("sup").get_text() == "1"
    assert post.select_one('a[target="_blank"]')["href"] == "https://example.org/"
    assert post.select_one("span.note > em").get_text() == "noted"
    html = (Path(app.outdir) / "news" / "2025-01-02-imported.html").read_text("utf-8")
    assert "<!-- more -->" in html
    assert "A hard<br />\nbreak" in html  # MyST's own markup is not rewritten
    assert post.select_one("svg.sd-octicon-book.sd-text-info") is not None
    # clean HTML written the way the sanitiser writes it passes byte for byte
    assert (
        '<div align="center">\n<img src="/static/inside.png" width="300" alt="centred">\n' in html
    )
    assert not [w for w in security_warnings(app) if "2025-01-02-imported" in w]


def test_iframe_hosts_are_configurable(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-html", tmp_path)
    app = build(srcdir, freshenv=True, confoverrides={"labnews_iframe_hosts": ["evil.example"]})
    attacks = page(app, "news/2025-01-01-attacks").select_one("section.labnews-post")
    assert [i.get("src") for i in attacks.find_all("iframe")] == [
        None,
        "https://evil.example/embed",
    ]
    imported = page(app, "news/2025-01-02-imported").select_one("section.labnews-post")
    assert [i.get("src") for i in imported.find_all("iframe")] == [None, None]


def test_trusted_posts_keep_raw_html_as_written(tmp_path: Path) -> None:
    srcdir = hostile_site("hostile-html", tmp_path)
    app = build(srcdir, freshenv=True, confoverrides={"labnews_trusted_posts": True})
    html = (Path(app.outdir) / "news" / "2025-01-01-attacks.html").read_text("utf-8")
    assert "<span onmouseover=\"alert('span')\">" in html
    assert not [w for w in security_warnings(app) if "raw HTML" in w]
    # the site's own pages are never cleaned
    index = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert '<span onclick="siteOwn()">' in index


def test_site_pages_keep_raw_html(html_site) -> None:
    index = (Path(html_site.outdir) / "index.html").read_text("utf-8")
    assert '<span onclick="siteOwn()">' in index


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://www.youtube.com/embed/x", True),
        ("https://youtube.com/embed/x", True),
        ("https://www.youtube-nocookie.com/embed/x", True),
        ("https://player.vimeo.com/video/1", True),
        ("http://www.youtube.com/embed/x", False),  # https only
        ("https://youtube.com.evil.example/", False),
        ("https://evilyoutube.com/", False),
        ("https://www.youtube.com@evil.example/", False),
        ("https://vimeo.com/1", False),  # only the player host
        ("//www.youtube.com/embed/x", False),
        ("javascript:alert(1)//https://youtube.com/", False),
    ],
)
def test_iframe_hosts(url: str, allowed: bool) -> None:
    from sphinx_labnews.post_html import DEFAULT_IFRAME_HOSTS, allowed_host

    assert allowed_host(url, DEFAULT_IFRAME_HOSTS) is allowed


@pytest.mark.parametrize(
    ("kind", "body", "line"),
    [
        (
            "list-table",
            "```{list-table}\n" + "".join(f"* - r{i}\n  - c{i}\n" for i in range(2600)) + "```\n",
            5,
        ),
        (
            "csv-table",
            "```{csv-table}\n" + "".join(f"r{i},c{i}\n" for i in range(2600)) + "```\n",
            5,
        ),
        (
            "grid",
            "```{eval-rst}\n+--------+--------+\n"
            + "".join(f"| r{i:<6}| c{i:<6}|\n+--------+--------+\n" for i in range(2600))
            + "```\n",
            7,
        ),
        (
            "simple",
            "```{eval-rst}\n====== ======\n"
            + "".join(f"r{i:<5} c{i:<5}\n" for i in range(2600))
            + "====== ======\n```\n",
            7,
        ),
    ],
)
def test_directive_and_rst_tables_are_cut_to_the_cell_limit(tmp_path, kind, body, line) -> None:
    srcdir = hostile_site("hostile-size", tmp_path)
    (srcdir / "news").mkdir()
    (srcdir / "news" / "2025-03-01-t.md").write_text(
        f"---\ntitle: {kind}\ndate: 2025-03-01\n---\n{body}\nAfter the table.\n", "utf-8"
    )
    app = build(srcdir, freshenv=True, confoverrides={"labnews_max_post_bytes": 0})
    post = page(app, "news/2025-03-01-t")
    assert len(post.select("table td")) == 5000
    assert post.select("table td")[-1].get_text().strip() == "c2499"
    assert "After the table." in post.get_text()
    limits = security_warnings(app, "limit")
    assert len(limits) == 1, limits
    assert f"2025-03-01-t.md:{line}: WARNING: table has more than 5000 cells" in limits[0], limits


# -- 10: <img> read by MyST's html_image ---------------------------------------------


def test_html_image_dropping_a_handler_is_a_security_warning(tmp_path: Path) -> None:
    """MyST's ``html_image`` keeps only the image options of an ``<img>``; an ``onerror``
    it drops is reported as raw HTML's would be, at its line; ``loading`` (allowed in
    raw HTML) and plain options are not."""
    app = build(copy_root("html-image-attributes", tmp_path), freshenv=True)
    post = page(app, "news/2025-01-01-handlers").select_one("section.labnews-post")
    assert [img["alt"] for img in post.find_all("img")] == [
        "block image",
        "inline image",
        "plain image",
    ]
    assert not [n for img in post.find_all("img") for n in img.attrs if n.startswith("on")]
    warnings = security_warnings(app)
    assert [w.split("2025-01-01-handlers.md:")[1] for w in warnings] == [
        "7: WARNING: raw HTML: removed onerror attribute of <img>; posts may contain only "
        "the HTML listed in the guide [labnews.security]",
        "9: WARNING: raw HTML: removed onload attribute of <img> and srcset attribute of "
        "<img>; posts may contain only the HTML listed in the guide [labnews.security]",
    ]
