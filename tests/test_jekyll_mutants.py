"""The Jekyll importer's rules, case by case, through the public conversion functions.

Written against the mutants ``nox -s mutation`` found alive in :mod:`sphinx_labnews.jekyll`:
each case pins one rule's exact output (old URL spellings, permalink placeholders, link
resolution against the old site, slugs, fences, image references, front-matter mapping,
About sections). They call only the functions the importer calls, so a refactoring of
the helpers behind them keeps them valid.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_jekyll_mutants_images import INLINE_CODE_CASES

from sphinx_labnews.frontmatter import parse_front_matter
from sphinx_labnews.jekyll import (
    ERROR,
    WARNING,
    AboutBlock,
    Note,
    SiteContext,
    add_last_updated,
    code_spans,
    convert_about,
    convert_front_matter,
    convert_html_blocks,
    convert_images,
    convert_kramdown,
    convert_links,
    convert_liquid,
    convert_post,
    image_options,
    jekyll_permalink,
    line_at,
    old_url_key,
    permalink_docname,
    referenced_images,
    slugify,
)

# --- old URLs and permalinks -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key", "key_under_lab"),
    [
        ("/a/b.html", "/a/b", "/a/b"),
        ("/a/b", "/a/b", "/a/b"),
        ("/a/b/", "/a/b", "/a/b"),
        ("/a/b/index.html", "/a/b", "/a/b"),
        ("/a/b/index.htm", "/a/b", "/a/b"),
        ("/a/b.htm", "/a/b", "/a/b"),
        ("a/b?x=1#y", "/a/b", "/a/b"),
        ("/lab/a/b", "/lab/a/b", "/a/b"),
        ("/lab", "/lab", "/"),
        ("/lab/", "/lab", "/"),
        ("/labx/a", "/labx/a", "/labx/a"),
        ("", "/", "/"),
        ("/", "/", "/"),
        (" /a/ ", "/a", "/a"),
    ],
)
def test_old_url_key(url: str, key: str, key_under_lab: str) -> None:
    assert old_url_key(url) == key
    assert old_url_key(url, "/lab/") == key_under_lab
    assert old_url_key(url, "lab") == key_under_lab


@pytest.mark.parametrize(
    ("url", "docname"),
    [
        ("/", "index"),
        ("", "index"),
        ("/a/", "a/index"),
        ("/a/b.html", "a/b"),
        ("a/b", "a/b"),
        ("/a/b.html?x=1#y", "a/b"),
        ("/a/b/#y", "a/b/index"),
        ("/index.html", "index"),
    ],
)
def test_permalink_docname_cases(url: str, docname: str) -> None:
    assert permalink_docname(url) == docname


CATEGORIES = {"categories": "Press News", "category": ["press", None, " Extra ", ""]}


@pytest.mark.parametrize(
    ("style", "url"),
    [
        (None, "/press/extra/news/2025/03/04/Hello-World.html"),
        ("date", "/press/extra/news/2025/03/04/Hello-World.html"),
        ("pretty", "/press/extra/news/2025/03/04/Hello-World/"),
        ("ordinal", "/press/extra/news/2025/063/Hello-World.html"),
        ("weekdate", "/press/extra/news/2025/W10/Tue/Hello-World.html"),
        ("none", "/press/extra/news/Hello-World.html"),
        (
            "/:year/:short_year/:month/:i_month/:short_month/:long_month/:day/:i_day/:y_day"
            "/:week/:short_day/:long_day/:hour/:minute/:second/:title/:slug/:categories"
            ":output_ext/:unknown",
            "/2025/25/03/3/Mar/March/04/4/063/10/Tue/Tuesday/00/00/00/Hello-World/hello-world"
            "/press/extra/news.html/:unknown",
        ),
        ("//:title//x/", "/Hello-World/x/"),
    ],
)
def test_jekyll_permalink_placeholders(style: str | None, url: str) -> None:
    assert jekyll_permalink("_posts/2025-03-04-Hello-World.md", CATEGORIES, style) == url


def test_jekyll_permalink_dates_and_slugs() -> None:
    # the front matter's date (time included) wins over the file name's
    data = {"date": "2024-01-02 03:04:05", "permalink": "/:year/:month/:hour:minute:second/:title"}
    assert jekyll_permalink("2025-03-04-x.md", data) == "/2024/01/030405/x"
    # an unreadable date falls back to the file name's
    assert jekyll_permalink("2025-03-04-x.md", {"date": "garbage"}, "/:year/:day") == "/2025/04"
    # the post's own permalink wins over the site's; a non-string one is ignored
    assert jekyll_permalink("2025-03-04-x.md", {"permalink": "/own/:title"}, "none") == "/own/x"
    assert jekyll_permalink("2025-03-04-x.md", {"permalink": 5}, "none") == "/x.html"
    # slug: from front matter; :slug lowercased, :title cased, accents kept (as Jekyll
    # 4.3 built it: _site/ünï-cödé/Ünï-Cödé.html)
    data = {"slug": "Ünï Cödé", "permalink": "/:slug/:title"}
    assert jekyll_permalink("2025-03-04-x.md", data) == "/ünï-cödé/Ünï-Cödé"
    # a file name with spaces and punctuation (Jekyll: /2024/Café-&-Co!/, /2024/café-co/)
    assert jekyll_permalink("2024-01-03-Café & Co!.md", {}, "/:year/:title/") == "/2024/Café-&-Co!/"
    assert jekyll_permalink("2024-01-03-Café & Co!.md", {}, "/:year/:slug/") == "/2024/café-co/"
    assert jekyll_permalink("2025-03-04-中文.md", {}, "/:slug") == "/中文"
    # a year with one, two and three digits keeps four; short_year keeps two
    assert jekyll_permalink("0005-03-04-x.md", {}, "/:year/:short_year") == "/0005/05"
    # dotted stems: only the last suffix is the file type
    assert jekyll_permalink("2025-03-04-v1.2.md", {}, "/:title") == "/v1.2"


@pytest.mark.parametrize("name", ["notes.md", "2025-13-04-x.md", "2025-03-04.md"])
def test_no_permalink_for_undated_or_impossible_names(name: str) -> None:
    assert jekyll_permalink(name, {}) is None


def test_add_last_updated_before_the_closing_fence() -> None:
    moment = dt.datetime(2025, 1, 2, 13, 14)
    assert (
        add_last_updated("---\ntitle: x\n---", moment)
        == "---\ntitle: x\nlast_updated: 2025/01/02\n---"
    )
    assert (
        add_last_updated("---\ntitle: x\n...\n", moment)
        == "---\ntitle: x\nlast_updated: 2025/01/02\n...\n"
    )
    assert add_last_updated("---\ntitle: x  ", moment) == "---\ntitle: x  "
    assert add_last_updated("---", moment) == "---"  # the opening fence is not a closing one
    assert (
        add_last_updated("---\n---\ntitle: ---", moment)
        == "---\nlast_updated: 2025/01/02\n---\ntitle: ---"
    )
    assert (
        add_last_updated("---\na: 1\n---   \n", moment)
        == "---\na: 1\nlast_updated: 2025/01/02\n---   \n"
    )


# --- slugs, fences, lines ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug", "five"),
    [
        ("[Press] Hello", "hello", "hello"),
        ("【新闻】 Straße Ærø", "strasse-aero", "stras"),
        ("(Draft) x", "x", "x"),
        ("[only]", "only", "only"),
        ("  --A--B--  ", "a-b", "a-b"),
        ("中文", "", ""),
        ("abc-def-ghi", "abc-def-ghi", "abc"),
        ("Ünï Cödé \u0131\u0131 Łódź þorn œuvre Đóð", "uni-code-ii-lodz-thorn-oeuvre-dod", "uni"),
        ("ab-cdefghij", "ab-cdefghij", "ab"),
        ("abcde-fgh", "abcde-fgh", "abcde"),
    ],
)
def test_slugify_cases(title: str, slug: str, five: str) -> None:
    assert slugify(title) == slug
    assert slugify(title, max_length=5) == five


def test_slugify_keeps_sixty_characters_by_default() -> None:
    title = "word " * 20  # 99 characters as a slug
    assert slugify(title) == "-".join(["word"] * 12)  # 59 characters
    assert slugify("x" * 61) == "x" * 60


CODE = "a\n```py\ncode\n```\nb\n~~~~\nx\n~~~\n~~~~\nc\n```{note}\nbody\n```\n  ```\nopen"


def test_code_spans_cover_fences_not_directives() -> None:
    spans = code_spans(CODE)
    assert [CODE[start:end] for start, end in spans] == [
        "```py\ncode\n```\n",
        "~~~~\nx\n~~~\n~~~~\n",  # a shorter fence does not close a longer one
        "  ```\nopen",  # an unclosed fence runs to the end
    ]
    assert code_spans("```\nx\n````\n") == [(0, 11)]  # a longer fence closes
    assert code_spans("```\nx\n``` y\n") == [(0, 12)]  # text after a fence: not a close
    assert code_spans("x\n    ```\ny") == []  # indented four: not a fence
    assert code_spans("```{note}\n```\n```\ncode\n```") == [(14, 26)]


def test_line_at() -> None:
    assert line_at("a\nb\nc", 0) == 1
    assert line_at("a\nb\nc", 2) == 2
    assert line_at("a\nb\nc", 4, 10) == 12


def test_image_options_from_width_and_style() -> None:
    style = "WIDTH: 10em; max-width:300px; height: 4px; max-width: ;"
    assert image_options({"width": " 50 ", "style": style}) == {
        "width": "10em",
        "max-width": "300px",
    }
    assert image_options({"width": "50"}) == {"width": "50px"}
    assert image_options({"width": "  "}) == {}
    assert image_options({"style": "color: red"}) == {}


def test_referenced_images_in_order_without_code_or_repeats() -> None:
    text = (
        "```{centered-image} /a.png\n```\n"
        '![m](/b.png "t") <img src="/c.png"> <IMG SRC=\'/a.png\'> <img alt="x">\n'
        ":::{figure} /d.png\n:::\n"
        "```{image} /e.png\n```\n"
        "```{note} /f.png\n```\n"
        "```\n![code](/g.png)\n<img src='/h.png'>\n```\n"
        "  ```{centered-image}   /i.png  \n  ```\n"
    )
    assert referenced_images(text) == ["/a.png", "/b.png", "/c.png", "/d.png", "/e.png", "/i.png"]


# --- links: resolved as the old site did ------------------------------------------

SITE = SiteContext(
    url="https://lab.example.org",
    baseurl="/lab",
    old_url_of_post="/2025/07/14/workshop.html",
    docname="news/2025-07-14-workshop",
    post_urls={"/2025/05/06/award.html": "news/2025-05-06-award", "/notes/deep/": "news/sub/deep"},
    site_files=lambda path: path in {"static/a.pdf", "2025/07/14/slides.pdf", "static/img/x.png"},
)


def test_links_with_a_known_site() -> None:
    body = (
        "See [award](/2025/05/06/award.html#top) and "
        "[again](https://lab.example.org/lab/2025/05/06/award/).\n"
        "Also [rel](../05/06/award.html) and [deep](/lab/notes/deep/index.html?x=1).\n"
        "[pdf](/static/a.pdf) [slides](slides.pdf) [page](/about/) [ext](https://other.org/x)\n"
        "[mail](mailto:a@b) [frag](#here) ![img](/static/img/x.png) ![rel img](img/y.png)\n"
        "[file.zip](/files/data.zip) [proto](//lab.example.org/lab/about/)\n"
        '<a href="/static/a.pdf">raw pdf</a> <img src="/lab/static/img/x.png">\n'
        '<a href="/2025/05/06/award.html#s">raw post</a>\n'
        '<a href="/2025/05/06/award.html#s"><b>bold post</b></a>\n'
        '<a href="/static/a.pdf"><b>bold pdf</b></a> [x](http://lab.example.org/lab)\n'
        "\n"
        "[ref]: /2025/05/06/award.html\n"
        "[http]: http://lab.example.org/lab/team/\n"
    )
    text, notes, files, external = convert_links(body, SITE, first_line=5)
    assert text == (
        "See [award](2025-05-06-award.md) and [again](2025-05-06-award.md).\n"
        "Also [rel](https://lab.example.org/lab/2025/07/05/06/award.html) and "
        "[deep](sub/deep.md).\n"
        "[pdf](/static/a.pdf) [slides](/2025/07/14/slides.pdf) "
        "[page](https://lab.example.org/lab/about/) [ext](https://other.org/x)\n"
        "[mail](mailto:a@b) [frag](#here) ![img](/static/img/x.png) ![rel img](img/y.png)\n"
        "[file.zip](/files/data.zip) [proto](//lab.example.org/lab/about/)\n"
        '[raw pdf](/static/a.pdf) <img src="/static/img/x.png">\n'
        "[raw post](2025-05-06-award.md)\n"
        '<a href="2025-05-06-award.html#s"><b>bold post</b></a>\n'
        '<a href="/static/a.pdf"><b>bold pdf</b></a> [x](https://lab.example.org/lab/)\n'
        "\n"
        "[ref]: 2025-05-06-award.md\n"
        "[http]: https://lab.example.org/lab/team/\n"
    )
    assert notes == [
        Note(
            WARNING,
            "link to /2025/05/06/award.html#top: anchor #top dropped, the link goes to the post",
            5,
        ),
        Note(
            WARNING,
            "/files/data.zip is neither a post nor a file of the site; link kept as written",
            9,
        ),
        Note(
            WARNING,
            "link to /2025/05/06/award.html#s: anchor #s dropped, the link goes to the post",
            11,
        ),
        Note(
            WARNING,
            "raw HTML links to the file /static/a.pdf; rewrite it as a Markdown link",
            13,
        ),
    ]
    assert files == ["/static/a.pdf", "/2025/07/14/slides.pdf"]
    assert external == [
        "https://lab.example.org/lab/2025/07/05/06/award.html",
        "https://lab.example.org/lab/about/",
        "https://lab.example.org/lab/",
        "https://lab.example.org/lab/team/",
    ]


def test_links_without_the_sites_url() -> None:
    context = SiteContext(
        baseurl="lab/",
        post_urls={"/lab/2025/05/06/award.html": "news/2025-05-06-award", "/x/y/": "news/sub/deep"},
        site_files=lambda path: path in {"static/a.pdf", "files/b.pdf"},
    )
    body = (
        "[award](/2025/05/06/award) [deep](/lab/x/y/index.html#f) [pdf](static/a.pdf) "
        "[rel](files/b.pdf)\n"
        "[up](../../etc/passwd) [page](/about/) [q](?x=1) ![i](/lab/i.png) ![j](j.png) "
        "[md](other.md) [pdf again](/static/a.pdf#p2)\n"
        "<p>\n"
        '<a href="/lab/x/y/#k">deep</a> <a href=\'/static/a.pdf\'>pdf</a> <img src="j.png"> '
        '<iframe src="/lab">\n'
        "</p>\n"
        '[<angle>](</2025/05/06/award.html> "T")\n'
        "\n"
        '[<angle>](</2025/05/06/award.html> "T") [[nested] text](/x/y) ![a [b]](/lab/i.png)\n'
    )
    text, notes, files, external = convert_links(body, context)
    assert text == (
        "[award](2025-05-06-award.md) [deep](deep.md) [pdf](/static/a.pdf) [rel](/files/b.pdf)\n"
        "[up](../../etc/passwd) [page](/about/) [q](?x=1) ![i](/i.png) ![j](j.png) "
        "[md](other.md) [pdf again](/static/a.pdf#p2)\n"
        "<p>\n"
        '<a href="deep.html#k">deep</a> <a href=\'/static/a.pdf\'>pdf</a> <img src="j.png"> '
        '<iframe src="/">\n'
        "</p>\n"
        '[<angle>](</2025/05/06/award.html> "T")\n'
        "\n"
        '[<angle>](2025-05-06-award.md "T") [[nested] text](deep.md) ![a [b]](/i.png)\n'
    )
    assert notes == [
        Note(
            WARNING,
            "link to /lab/x/y/index.html#f: anchor #f dropped, the link goes to the post",
            1,
        ),
        Note(
            WARNING,
            "raw HTML links to the file /static/a.pdf; rewrite it as a Markdown link",
            4,
        ),
    ]
    assert files == ["/static/a.pdf", "/files/b.pdf"]
    assert external == []


def test_links_of_a_post_in_its_own_folder() -> None:
    context = SiteContext(
        docname="news/2025/x",
        post_urls={"/a/": "news/2024/a", "/b/": "news/2025/b", "/c/": "top"},
    )
    text, notes, _files, _external = convert_links(
        '[a](/a/) [b](/b.html) [c](/c/index.html)\n<a href="/a/"><i>a</i></a>\n', context
    )
    assert text == "[a](../2024/a.md) [b](b.md) [c](../../top.md)\n" + (
        '<a href="../2024/a.html"><i>a</i></a>\n'
    )
    assert notes == []


def test_links_are_left_alone_without_knowledge_of_the_site() -> None:
    body = '<a href="/x/y/">a</a> [b](/x/y/) <img src="/x.png">'
    assert convert_links(body, SiteContext()) == (body, [], [], [])
    known = SiteContext(post_urls={"/x/y/": "news/d"})
    assert convert_links('<a href="/x/y/">a</a>', known) == ("[a](d.md)", [], [], [])
    # an anchor inside an HTML block stays HTML (CommonMark would not read Markdown there)
    block = '<div>\n<a href="/x/y/">a</a>\n</div>'
    assert convert_links(block, known)[0] == '<div>\n<a href="d.html">a</a>\n</div>'


def test_relative_links_resolve_against_the_post_then_the_root() -> None:
    context = SiteContext(
        old_url_of_post="/blog/2025/post.html",
        post_urls={"/blog/2025/other.html": "news/other", "/top.html": "news/top"},
        site_files=lambda path: path in {"blog/2025/here.pdf", "there.pdf"},
    )
    body = "[o](other.html) [t](top.html) [h](here.pdf) [r](there.pdf#p) [n](nothing.pdf)"
    text, notes, files, external = convert_links(body, context)
    assert text == (
        "[o](other.md) [t](top.md) [h](/blog/2025/here.pdf) [r](/there.pdf#p) [n](nothing.pdf)"
    )
    assert files == ["/blog/2025/here.pdf", "/there.pdf"]
    assert (notes, external) == ([], [])


# --- front matter: theme keys onto the lab's ---------------------------------------


def mapped(block: str, context: SiteContext | None = None) -> tuple[str, list[Note], list[str]]:
    front_matter, problems = parse_front_matter(block + "\nbody\n")
    assert front_matter is not None and problems == []
    return convert_front_matter(
        block, front_matter.data, front_matter.key_lines, context or SiteContext()
    )


def test_front_matter_lines_are_replaced_in_place_and_added_last() -> None:
    block = (
        "---\n"
        "title: 'A &amp; <b>B</b>'\n"
        "# a comment about tags\n"
        "tags: robots ai  deep\n"
        "author: ada\n"
        "\n"
        "# trailing comment\n"
        "image:\n"
        "  path: img/x.png\n"
        'excerpt: "<p>Short &amp; sweet</p>"\n'
        "categories: [Press, ' News ', Press]\n"
        "redirect_from:\n"
        "  - /old/\n"
        '  - " "\n'
        "  - /old/\n"
        "  - /older/\n"
        "---"
    )
    context = SiteContext(authors={"ada": "Ada Lovelace"}, site_files=lambda p: p == "img/x.png")
    assert mapped(block, context) == (
        "---\n"
        "title: A & B\n"
        "# a comment about tags\n"
        "tags: [robots, ai, deep]\n"
        "author: Ada Lovelace\n"
        "\n"
        "# trailing comment\n"
        "image:\n"
        "  path: img/x.png\n"
        'excerpt: "<p>Short &amp; sweet</p>"\n'
        "categories: [Press, ' News ', Press]\n"
        "redirect_from:\n"
        "  - /old/\n"
        '  - " "\n'
        "  - /old/\n"
        "  - /older/\n"
        "cover: /img/x.png\n"
        "oneline_description: Short & sweet\n"
        "group: [Press, News]\n"
        "---",
        [],
        ["/old/", "/older/"],
    )


def test_front_matter_lab_keys_win_and_bad_values_are_reported() -> None:
    block = (
        "---\n"
        "title: Plain\n"
        "cover: /c.png\n"
        "image: /i.png\n"
        "oneline_description: keep\n"
        "description: other\n"
        "group: g\n"
        "category: c\n"
        "author: [ada, bob, 5]\n"
        "tags: a,b c\n"
        "redirect_from: 5\n"
        "date: 2025-99-99\n"
        "---"
    )
    text, notes, redirects = mapped(block, SiteContext(authors={"ada": "Ada"}))
    assert text == block.replace("author: [ada, bob, 5]", "author: [Ada, bob, 5]")
    assert notes == [
        Note(
            WARNING,
            "date: '2025-99-99' is not a date that exists (month must be in 1..12); fix it by hand",
            12,
        ),
        Note(WARNING, "redirect_from is not a URL or a list of URLs", 11),
    ]
    assert redirects == []


@pytest.mark.parametrize(
    ("lines", "added"),
    [
        (
            'thumbnail: "{{ site.baseurl }}/t.png"\nsummary: "   "\ndescription: ""\n'
            'excerpt: Ex\ncategory: "a, b"',
            "cover: /t.png\noneline_description: Ex\ngroup: [a, b]",
        ),
        (
            "header:\n  teaser: \"{{ 'img/t.png' | relative_url }}\"\ncategories: solo",
            "cover: /img/t.png\ngroup: solo",
        ),
        (
            "header: {overlay_image: '  ', teaser: 'https://cdn/x.png'}\n"
            "image: {feature: ' ', src: 's.png', url: u.png}\ntags: single",
            "cover: s.png",
        ),
        ("header: {teaser: 'https://cdn/x.png'}", "cover: https://cdn/x.png"),
        ("image: {teaser: ' t.png '}\ncategory: [x, 2]", "cover: t.png\ngroup: [x, '2']"),
        ("image: '  '\nthumbnail: th.png", "cover: th.png"),
        ("image: [a.png]\ncategories: {a: 1}", ""),
        ("description: '<b></b>'\nsummary: Sum", "oneline_description: Sum"),
        ("categories: 'press, news'", "group: [press, news]"),
        ("categories: ' '\ncategory: [' ', '']", ""),
        ("author: [ada, ada]", ""),
    ],
)
def test_theme_keys_give_cover_description_and_group(lines: str, added: str) -> None:
    block = f"---\ntitle: x\n{lines}\n---"
    expected = f"---\ntitle: x\n{lines}\n{added}\n---" if added else block
    text, notes, redirects = mapped(block, SiteContext(authors={"bob": "Bob"}))
    assert (text, notes, redirects) == (expected, [], [])


def test_front_matter_author_and_title_rewrites() -> None:
    context = SiteContext(authors={"ada": "Ada: the first", "bob": "Bob"})
    block = "---\ntitle: Caf&eacute; &#233; &#xe9;\nauthor: [ada, 5, carl]\n---"
    text, _notes, _redirects = mapped(block, context)
    assert text == "---\ntitle: Café é é\nauthor: ['Ada: the first', 5, carl]\n---"
    text, _notes, _redirects = mapped("---\ntitle: 1 < 2\nauthor: bob\n---", context)
    assert text == "---\ntitle: 1 < 2\nauthor: Bob\n---"
    text, _notes, _redirects = mapped("---\ntitle: '<em>yes</em>: no'\n---", context)
    assert text == "---\ntitle: 'yes: no'\n---"


def test_cover_paths_of_the_site() -> None:
    files = {"img/c.png", "x.png"}
    context = SiteContext(site_files=lambda path: path in files)
    for written, cover in [
        ("img/./c.png", "/img/c.png"),
        ("./x.png", "/x.png"),
        ("other.png", "other.png"),
        ("/abs.png", "/abs.png"),
        ("{{ site.url }}{{ site.baseurl }}/u.png", "/u.png"),
        ("{{ 'x.png' | absolute_url }}", "/x.png"),
    ]:
        text, _notes, _redirects = mapped(f'---\ntitle: t\nimage: "{written}"\n---', context)
        assert text.endswith(f"\ncover: {cover}\n---"), written


# --- kramdown ------------------------------------------------------------------------

TOC_WARNING = (
    "kramdown table of contents ({:toc}) dropped; the page's own navigation lists its sections"
)


@pytest.mark.parametrize(
    ("body", "expected", "notes"),
    [
        pytest.param(
            "Cost $5 and $1,200.50, $3M; $x and \\$9 and `$5` and US$5\n",
            "Cost \\$5 and \\$1,200.50, \\$3M; $x and \\$9 and `$5` and US$5\n",
            [],
            id="prices",
        ),
        pytest.param(
            "Inline $$a+b$$ here.\n\n$$\nx = 1\n$$\n\nText\n$$y$$\n\n  $$z$$  \n",
            "Inline $a+b$ here.\n\n$$\nx = 1\n$$\n\nText\n$y$\n\n  $$\nz\n$$  \n",
            [],
            id="double-dollars",
        ),
        pytest.param(
            "$$a\n  b$$ first\n",
            "$a b$ first\n",
            [],
            id="double-dollars-at-the-start",
        ),
        pytest.param(
            "Paren \\\\(a \\_ b\\\\) and\n\n\\\\[\n c\\_d \n\\\\]\n\ntext \\\\[e\\\\] end\n",
            "Paren $a _ b$ and\n\n$$\nc_d\n$$\n\ntext $e$ end\n",
            [],
            id="mathjax-delimiters",
        ),
        pytest.param(
            "[x](u){:target=\"_blank\"} [y](v){: .cls} \n{: #id}\n{:rel='x' target=_blank}\ntext\n",
            "[x](u) [y](v) \ntext\n",
            [
                (4, "kramdown attribute list {: #id} dropped (MyST cannot show it)"),
                (3, "kramdown attribute list {: .cls} dropped (MyST cannot show it)"),
            ],
            id="attribute-lists",
        ),
        pytest.param(
            "* TOC\n{:toc}\n\nBody {::comment}a -- b{:/comment} {::nomarkdown}<b>x</b>{:/}\n"
            '{::options parse_block_html="true" /}\n{::weird}\n`{: .c}` and ```\n{::x}\n```\n',
            "Body <!-- a - - b --> <b>x</b>\n{::weird}\n`{: .c}` and ```\n{::x}\n```\n",
            [
                (3, TOC_WARNING),
                (8, "kramdown extension {::weird} is not converted; remove or rewrite it"),
            ],
            id="extensions",
        ),
        pytest.param(
            "```\n$$a$$ {: .x} $5\n```\n`$$b$$ {: .y}` ``$$c$$``\n",
            "```\n$$a$$ {: .x} $5\n```\n`$$b$$ {: .y}` ``$$c$$``\n",
            [],
            id="code-is-kept",
        ),
        pytest.param(
            "text\n$$x$$\n\n$$z$$ tail\n",
            "text\n$x$\n\n$z$ tail\n",
            [],
            id="not-own-blocks",
        ),
        *INLINE_CODE_CASES,
    ],
)
def test_convert_kramdown_cases(body: str, expected: str, notes: list[tuple[int, str]]) -> None:
    text, found = convert_kramdown(body, first_line=3)
    assert text == expected
    assert [(note.line, note.message) for note in found] == notes
    assert all(note.level == WARNING for note in found)


# --- HTML blocks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            '<div class="grid">\n  <p>one</p>\n\n  <p>two</p>\n</div>\n\nAfter\n',
            '<div class="grid">\n  <p>one</p>\n  <p>two</p>\n</div>\n\nAfter\n',
            id="blank-lines-dropped",
        ),
        pytest.param(
            "<div>\n  <pre>\n  a\n\n  b\n  </pre>\n\n</div>\n",
            "<div>\n  <pre>\n  a\n\n  b\n  </pre>\n</div>\n",
            id="pre-kept",
        ),
        pytest.param(
            '<div markdown="1">\n\n  **bold**\n\n  <p>\n\n  x\n  </p>\n</div>\n',
            "<div>\n\n**bold**\n\n<p>\nx\n</p>\n\n</div>\n",
            id="markdown-inside",
        ),
        pytest.param(
            "<DIV>\n<div>\n\n</div>\n\n</Div>\ntext\n",
            "<DIV>\n<div>\n</div>\n</Div>\ntext\n",
            id="nested-any-case",
        ),
        pytest.param("```\n<div>\n\n</div>\n```\n", "```\n<div>\n\n</div>\n```\n", id="code"),
        pytest.param("    <div>\n\nx\n</div>\n", "    <div>\n\nx\n</div>\n", id="indented-code"),
        pytest.param(
            '<div align="center" markdown="1">\n![a](/a.png)\n</div>\n',
            '<div align="center" markdown="1">\n![a](/a.png)\n</div>\n',
            id="centred-markdown-image-left-to-convert-images",
        ),
        pytest.param("<p markdown=span>\nx\n</p>\n", "<p>\n\nx\n\n</p>\n", id="markdown-span"),
        pytest.param(
            '<div markdown="1">one line</div>\n',
            '<div markdown="1">one line</div>\n',
            id="markdown-one-line",
        ),
        pytest.param(
            "<div markdown='1'>\ntext\n</span>\n</div>",
            "<div>\n\ntext\n</span>\n\n</div>",
            id="markdown-single-quotes",
        ),
        pytest.param(
            '<div markdown="1">\ntext\n</div> tail\n\nafter',
            '<div markdown="1">\ntext\n</div> tail\n\nafter',
            id="markdown-close-not-alone",
        ),
    ],
)
def test_convert_html_blocks_cases(body: str, expected: str) -> None:
    assert convert_html_blocks(body, first_line=3) == (expected, [])


def test_unclosed_html_blocks_are_reported_on_their_lines() -> None:
    text, notes = convert_html_blocks("<section>\n<div>\n\nnever closed\n", first_line=3)
    assert text == "<section>\n<div>\n\nnever closed\n"
    assert notes == [
        Note(WARNING, "<section> is never closed; its HTML is kept as written", 3),
        Note(WARNING, "<div> is never closed; its HTML is kept as written", 4),
    ]


# --- About sections ------------------------------------------------------------------

BLOCKS = [
    AboutBlock("smart-lab", "About Smart Lab", "Smart Lab is a lab.\nIt does AI."),
    AboutBlock("hkust", "About HKUST", "HKUST is a university."),
]


def resembles(heading: str, keys: str) -> str:
    return f"section {heading!r} resembles About block {keys}; kept as written"


@pytest.mark.parametrize(
    ("body", "expected", "notes"),
    [
        pytest.param(
            "Intro.\n\n## About HKUST\nHKUST is a university.\n\n## Media\nlinks\n\n---\n\n"
            "### About  smart lab\n\nSmart Lab is a lab. It does AI.\n",
            "Intro.\n\n```{about} hkust\n```\n\n## Media\nlinks\n",
            [],
            id="inner-block-directive-trailing-default-dropped-with-rule",
        ),
        pytest.param(
            "Intro.\n\n***\n\n## About Smart Lab\nSmart Lab is a lab.\nIt does AI.\n",
            "Intro.\n",
            [],
            id="default-dropped-with-its-rule",
        ),
        pytest.param(
            "Intro.\n\n## About HKUST\nHKUST is a university.\n",
            "Intro.\n\n```{about} hkust\n```\n",
            [],
            id="trailing-directive",
        ),
        pytest.param(
            "Intro.\n\n---\n\n## About HKUST\nHKUST is a university.\n",
            "Intro.\n\n---\n\n```{about} hkust\n```\n",
            [],
            id="rule-kept-before-a-directive",
        ),
        pytest.param(
            "Intro.\n\n## About the dataset\nIt has rows.\n\n## Results\nGood.\n",
            "Intro.\n\n## About the dataset\nIt has rows.\n\n## Results\nGood.\n",
            [],
            id="own-content",
        ),
        pytest.param(
            "Intro.\n\n## About HKUST\nHKUST is a great university!\n\n## Results\nGood.\n",
            "Intro.\n\n## About HKUST\nHKUST is a great university!\n\n## Results\nGood.\n",
            [(5, resembles("About HKUST", "hkust"))],
            id="near-inside",
        ),
        pytest.param(
            "Intro.\n\n## About HKUST\nSomething else entirely.\n",
            "Intro.\n\n## About HKUST\nSomething else entirely.\n",
            [(5, "section 'About HKUST' differs from About block hkust; kept as written")],
            id="trailing-same-heading",
        ),
        pytest.param(
            "Intro.\n\n## About Us\nSmart Lab is a lab. It does AI!\n",
            "Intro.\n\n## About Us\nSmart Lab is a lab. It does AI!\n",
            [(5, resembles("About Us", "smart-lab"))],
            id="trailing-near-text",
        ),
        pytest.param(
            "Intro.\n\n## About Nothing\nzzz\n\n## About HKUST\nHKUST is a university.\n",
            "Intro.\n\n## About Nothing\nzzz\n\n```{about} hkust\n```\n",
            [(5, "section 'About Nothing' matches no registered About block; kept as written")],
            id="trailing-unknown-kept",
        ),
        pytest.param(
            "Intro.\n```\n# About HKUST\nHKUST is a university.\n```\n",
            "Intro.\n```\n# About HKUST\nHKUST is a university.\n```\n",
            [],
            id="code",
        ),
        pytest.param("No about here.\n", "No about here.\n", [], id="none"),
        pytest.param(
            "Intro\n\n## About HKUST ##\nHKUST is a university.\n\n## Results\nx\n",
            "Intro\n\n```{about} hkust\n```\n\n## Results\nx\n",
            [],
            id="closed-heading-inside",
        ),
        pytest.param(
            "Intro\n\n## About Smart Lab\nSmart Lab is a lab. It does AI.\n\n## Results\nx\n",
            "Intro\n\n## Results\nx\n",
            [],
            id="default-inside-dropped",
        ),
    ],
)
def test_convert_about_cases(body: str, expected: str, notes: list[tuple[int, str]]) -> None:
    text, found = convert_about(body, BLOCKS, ["smart-lab"], first_line=3)
    assert text == expected
    assert [(note.line, note.message) for note in found] == notes


def test_about_blocks_read_from_files() -> None:
    assert AboutBlock.from_markdown("k", "# About X\n\nText here.\n\n") == AboutBlock(
        "k", "About X", "Text here."
    )
    assert AboutBlock.from_markdown("k", "No heading\ntext\n") == AboutBlock(
        "k", "", "No heading\ntext"
    )


# --- second round: the rules the first round's survivors pointed at -----------------


def test_a_link_around_one_image_does_not_reach_the_next() -> None:
    body = (
        '<p align="center"><a href="/big.png"><img src="/a.png" alt="A"></A>'
        '<img src="/b.png" alt="B"></p>\n'
    )
    assert convert_images(body) == (
        "\n```{centered-image} /a.png\n:alt: A\n:target: /big.png\n```\n\n"
        "```{centered-image} /b.png\n:alt: B\n```\n",
        [],
    )


def test_url_filters_keep_external_urls_and_fragments() -> None:
    body = (
        "{{ 'https://cdn.example/x.png' | relative_url }} {{ '#top' | relative_url }} "
        "{{ 'a/b' | absolute_url }} {{ '' | relative_url }}"
    )
    assert convert_liquid(body) == ("https://cdn.example/x.png #top /a/b ", [])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("a\n\n$$x$$!", "a\n\n$x$!"),  # one character after it on its line: inline
        ("$$x$$\n\nafter", "$$\nx\n$$\n\nafter"),  # the first line of the post
        ("$$x$$", "$$\nx\n$$"),
    ],
)
def test_display_math_alone_on_its_lines(body: str, expected: str) -> None:
    assert convert_kramdown(body) == (expected, [])


def test_old_site_pages_keep_their_trailing_slash() -> None:
    context = SiteContext(
        url="https://lab.example.org", baseurl="/lab", old_url_of_post="/2025/07/14/workshop.html"
    )
    text, notes, files, external = convert_links("[d](team/) [e](../people/) [f](faq)", context)
    assert text == (
        "[d](https://lab.example.org/lab/2025/07/14/team/) "
        "[e](https://lab.example.org/lab/2025/07/people/) "
        "[f](https://lab.example.org/lab/2025/07/14/faq)"
    )
    assert external == [
        "https://lab.example.org/lab/2025/07/14/team/",
        "https://lab.example.org/lab/2025/07/people/",
        "https://lab.example.org/lab/2025/07/14/faq",
    ]
    assert (notes, files) == ([], [])


SAME_HEADINGS = [
    AboutBlock("a", "About Us", "One text here."),
    AboutBlock("b", "About Us", "Another text."),
    AboutBlock("c", "About Them", "abcdefghijklmnopqrst"),
]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "Intro\n\n## About Us\nDifferent.\n",
            "section 'About Us' differs from About block a, b; kept as written",
        ),
        (
            # 17 of 20 characters in common: a ratio of exactly 0.85 is near
            "Intro\n\n## About Stuff\nabcdefghijklmnopqXYZ\n\n## Next\nx\n",
            "section 'About Stuff' resembles About block c; kept as written",
        ),
        ("Intro\n\n## About Stuff\nabcdefghijklmnopXYZW\n\n## Next\nx\n", None),
        (
            "Intro\n\n## About Us\nOne text here!\n\n## Next\nx\n",
            "section 'About Us' resembles About block a, b; kept as written",
        ),
    ],
)
def test_about_notes_name_every_block_concerned(body: str, message: str | None) -> None:
    text, notes = convert_about(body, SAME_HEADINGS, [], first_line=7)
    assert text == body
    assert notes == ([Note(WARNING, message, 9)] if message else [])


#: On a site with a URL, ``/about/`` as a link is the old site's page (absolute URL)
#: and as an image the site path: which one a target is tells image from link.
OLD_SITE = SiteContext(url="https://lab.example.org")
AS_LINK = "https://lab.example.org/about/"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("![x](/about/)", "![x](/about/)", id="image-first-in-the-post"),
        pytest.param("![ab](/about/)", "![ab](/about/)", id="image-two-letters"),
        pytest.param("![a \\] b](/about/)", "![a \\] b](/about/)", id="escaped-close"),
        pytest.param("![a \\[ b](/about/)", "![a \\[ b](/about/)", id="escaped-open"),
        pytest.param("x ![a\nb](/about/)", "x ![a\nb](/about/)", id="image-over-two-lines"),
        pytest.param("[x](/about/) wow!", f"[x]({AS_LINK}) wow!", id="link-first-in-the-post"),
        pytest.param("x ![a\n\nb](/about/)", f"x ![a\n\nb]({AS_LINK})", id="paragraph-break"),
        pytest.param("see a](/about/)", f"see a]({AS_LINK})", id="no-opening-bracket"),
        pytest.param("![" + "a" * 3999 + "](/about/)", "![" + "a" * 3999 + "](/about/)", id="long"),
        # the search for the opening bracket stops 4000 characters back
        pytest.param(
            "![" + "a" * 4000 + "](/about/)", "![" + "a" * 4000 + f"]({AS_LINK})", id="too-long"
        ),
    ],
)
def test_images_are_told_from_links(body: str, expected: str) -> None:
    assert convert_links(body, OLD_SITE)[0] == expected


def test_replaced_keys_keep_the_lines_below_them() -> None:
    context = SiteContext(authors={"ada": "Ada"})
    # a folded title over three lines, replaced above two other replaced keys
    text, _notes, _redirects = mapped(
        "---\ntitle: >-\n  A &amp;\n  B\nauthor: ada\ntags: a b\n---", context
    )
    assert text == "---\ntitle: A & B\nauthor: Ada\ntags: [a, b]\n---"
    # comments and blank lines after a replaced key are not its value
    block = "---\nauthor: ada\n  # indented comment\n# comment\n\ntitle: x\n---"
    text, _notes, _redirects = mapped(block, context)
    assert text == block.replace("author: ada", "author: Ada")


# --- third round --------------------------------------------------------------------


def test_image_attributes_without_values() -> None:
    body = '<p align="center"><img src="/a.png" alt></p>\n'
    assert convert_images(body, first_line=4) == (
        "\n```{centered-image} /a.png\n```\n",
        [Note(WARNING, "image /a.png has no alt text; add :alt: by hand", 4)],
    )
    # no src: nothing to point a directive at, so the HTML stays (and is reported)
    text, notes = convert_images('<p align="center"><img alt="x"></p>\n')
    assert text == '<p align="center"><img alt="x"></p>\n'
    assert [note.message for note in notes] == [
        "raw <img> HTML left in running text; rewrite it as a centered-image"
    ]
    assert convert_images('  \n<img src="/a.png" alt="A">\n')[0] == (
        "\n```{centered-image} /a.png\n:alt: A\n```\n"
    )


def test_post_links_keep_dots_in_names() -> None:
    body = (
        "{% post_url 2025-01-01-v1.2 %} {% link _posts/2025-01-01-v1.2.md %} "
        "{% link _posts/2025-01-01-x.markdown %}"
    )
    assert convert_liquid(body) == ("2025-01-01-v1.2.md 2025-01-01-v1.2.md 2025-01-01-x.md", [])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<div markdown="1">\n</div>', "<div>\n\n\n\n</div>"),
        ('<DIV markdown="1">\ntext\n</div>', "<DIV>\n\ntext\n\n</div>"),
        ('<div markdown="1">\nA\n  B \nText X\n</div>', "<div>\n\nA\n  B \nText X\n\n</div>"),
        ("<div>\n\n<pre>x</pre>\n</div>", "<div>\n<pre>x</pre>\n</div>"),
    ],
)
def test_html_block_edges(body: str, expected: str) -> None:
    assert convert_html_blocks(body) == (expected, [])


def test_about_text_keeps_its_spaces_and_letters() -> None:
    block = AboutBlock.from_markdown("k", "# About X\n\n   indented text  \nSee X\n")
    assert block == AboutBlock("k", "About X", "   indented text  \nSee X")


def test_links_under_a_base_url_and_with_queries() -> None:
    context = SiteContext(
        url="https://lab.example.org/",
        baseurl="/newsX",
        old_url_of_post="/2025/07/14/w.html",
        site_files=lambda path: path in {"Xa.pdf", "a.pdf", "static/a.pdf"},
    )
    body = (
        "[x](/Xa.pdf) [n](/newsX/a.pdf) [h](/newsX) [md](other.md) [mk](other.markdown) "
        "[ab](</about/>) [gt](/about/>) [q](/static/a.pdf?dl=1#p) [q3](/static/a.pdf?x?y) "
        "[o](/about/) [d](./team/)"
    )
    text, notes, files, external = convert_links(body, context)
    assert text == (
        "[x](/Xa.pdf) [n](/a.pdf) [h](https://lab.example.org/newsX/) [md](other.md) "
        "[mk](other.markdown) [ab](https://lab.example.org/newsX/about/) "
        "[gt](https://lab.example.org/newsX/about/>) [q](/static/a.pdf#p) [q3](/static/a.pdf) "
        "[o](https://lab.example.org/newsX/about/) "
        "[d](https://lab.example.org/newsX/2025/07/14/team/)"
    )
    assert files == ["/Xa.pdf", "/a.pdf", "/static/a.pdf"]
    assert external == [
        "https://lab.example.org/newsX/",
        "https://lab.example.org/newsX/about/",
        "https://lab.example.org/newsX/about/>",
        "https://lab.example.org/newsX/2025/07/14/team/",
    ]
    assert notes == []


def test_links_never_name_a_file_above_the_site() -> None:
    context = SiteContext(url="https://l.org", site_files=lambda path: True)
    text, _notes, files, _external = convert_links("[up](/../etc/passwd)", context)
    assert (text, files) == ("[up](https://l.org/../etc/passwd)", [])
    # without the post's old URL a relative link is not guessed at
    assert convert_links("[r](page.html)", SiteContext(url="https://l.org")) == (
        "[r](page.html)",
        [],
        [],
        [],
    )


def test_links_from_a_top_level_post_and_relative_files_with_queries() -> None:
    top = SiteContext(docname="x", post_urls={"/a/": "news/a"})
    assert convert_links("[a](/a/)", top)[0] == "[a](news/a.md)"
    context = SiteContext(
        old_url_of_post="/2025/07/14/w.html", site_files=lambda path: path == "2025/07/14/a.pdf"
    )
    text, _notes, files, _external = convert_links("[r](a.pdf?dl=1) [r2](a.pdf?x?y)", context)
    assert text == "[r](/2025/07/14/a.pdf) [r2](/2025/07/14/a.pdf)"
    assert files == ["/2025/07/14/a.pdf"]


@pytest.mark.parametrize(
    ("url", "docname"), [("/a.html?x?y", "a"), ("/a.html#x#y", "a"), ("/Xa.html", "Xa")]
)
def test_permalink_docname_more(url: str, docname: str) -> None:
    assert permalink_docname(url) == docname


def test_long_titles_and_theme_image_keys() -> None:
    title = "<b>MaX</b> " + "word " * 20
    text, _notes, _redirects = mapped(f"---\ntitle: '{title}'\n---")
    assert text == "---\ntitle: MaX" + " word" * 20 + "\n---"  # one line, nothing cut
    for key in ("feature", "url", "image", "overlay_image", "teaser"):
        text, _notes, _redirects = mapped(f"---\ntitle: t\nimage: {{{key}: {key}.png}}\n---")
        assert text.endswith(f"\ncover: {key}.png\n---"), key


def test_a_rule_right_under_text_is_dropped_alone() -> None:
    blocks = [AboutBlock("s", "About Smart Lab", "Smart Lab.")]
    body = "Intro.\nMore.\n***\n\n## About Smart Lab\nSmart Lab.\n"
    assert convert_about(body, blocks, ["s"]) == ("Intro.\nMore.\n", [])


def test_links_to_the_old_site_in_either_scheme_with_a_port() -> None:
    context = SiteContext(
        url="http://lab.example.org:8080", baseurl="/lab", post_urls={"/a/": "news/a"}
    )
    body = (
        "[a](https://lab.example.org:8080/lab/a/) [b](https://lab.example.org:8080/a/) "
        "[c](http://lab.example.org:8080/lab)"
    )
    assert convert_links(body, context) == (
        "[a](a.md) [b](a.md) [c](http://lab.example.org:8080/lab/)",
        [],
        [],
        ["http://lab.example.org:8080/lab/"],
    )
    upper = SiteContext(url="https://LAB.EXAMPLE.BOX", post_urls={"/a/": "news/a"})
    body = "[d](https://LAB.EXAMPLE.BOX/a/) [e](http://LAB.EXAMPLE.BOX/a/)"
    assert convert_links(body, upper) == ("[d](a.md) [e](a.md)", [], [], [])


def test_convert_post_errors_line_endings_and_cover() -> None:
    failed = convert_post("title: x\n", filename="2025-01-02-x.md")
    assert (failed.text, failed.data) == (None, {})
    assert failed.notes == [Note(ERROR, "no front matter (a '---' block on line 1)", 1)]
    undated = convert_post("---\ntitle: x\n---\nbody\n", filename="x.md")
    assert undated.text is None
    assert undated.notes == [
        Note(ERROR, "no date: neither last_updated nor a YYYY-MM-DD- file name", 1)
    ]
    text = (
        "\ufeff---\r\ntitle: x\r\ncover: /c.png\r\n---\r\n\r\n"
        "Line\rTwo ![i](/i.png) ![c](/c.png)\r\n\n\n"
    )
    done = convert_post(text, filename="2025-01-02-x.md")
    assert done.text == (
        "---\ntitle: x\ncover: /c.png\nlast_updated: 2025/01/02\n---\n\n"
        "Line\nTwo ![i](/i.png) ![c](/c.png)\n"
    )
    assert (done.notes, done.images) == ([], ["/c.png", "/i.png"])
    assert done.data == {"title": "x", "cover": "/c.png"}
    themed = convert_post(
        "---\ntitle: x\nimage: /t.png\n---\n\n{: .c}\nText\n", filename="2025-01-02-x.md"
    )
    assert themed.images == ["/t.png"]  # the cover mapped from the theme's key
    assert themed.notes == [
        Note(WARNING, "kramdown attribute list {: .c} dropped (MyST cannot show it)", 6)
    ]
