"""The importer's link, URL, permalink, About and post-level rules, case by case.

A companion to ``test_jekyll_mutants.py``, written against the mutants ``nox -s mutation``
left alive in :mod:`sphinx_labnews.jekyll`'s link resolution, old-URL spellings, scanners,
permalinks, front-matter mapping, About sections and :func:`convert_post`. Each case pins
what the converted post (or its redirect, or the import report) says for a small, realistic
input, through the public functions the importer calls. The two scanner-construction tests
are the exception: the module builds its scanners once, at import, so only a scanner built
in the test checks the constructor.
"""

from __future__ import annotations

import re

import pytest

from sphinx_labnews.frontmatter import parse_front_matter
from sphinx_labnews.jekyll import (
    WARNING,
    AboutBlock,
    Note,
    SiteContext,
    _Delimited,
    _UrlAttributes,
    convert_about,
    convert_front_matter,
    convert_kramdown,
    convert_links,
    convert_liquid,
    convert_post,
    jekyll_permalink,
    old_url_key,
    slugify,
)

# --- old URLs, permalinks, slugs ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/2025/01/02/Project-X.html", "/2025/01/02/Project-X"),  # a title ending in X
        ("/Xmas/party.html", "/Xmas/party"),
        ("/a/b.html#top", "/a/b"),  # a fragment, no query
        ("/a/b.html?q=why?", "/a/b"),  # the query starts at the first ?
        ("/a/b.html#top#x", "/a/b"),  # the fragment starts at the first #
    ],
)
def test_old_url_spellings(url: str, key: str) -> None:
    assert old_url_key(url) == key
    assert old_url_key("/ProjectX" + url, "/ProjectX") == key


def test_the_slug_placeholder_is_never_cut() -> None:
    slug = "-".join(["word"] * 15)  # 74 characters: longer than a new post's file name
    assert jekyll_permalink(f"2025-03-04-{slug}.md", {}, "/:slug/") == f"/{slug}/"


@pytest.mark.parametrize("title", ['"Hello"', "!Hello"])
def test_punctuation_around_a_title_does_not_count_toward_the_slug_length(title: str) -> None:
    assert slugify(title, max_length=5) == "hello"


# --- Liquid and math: each tag found once, in order, in linear time ------------------


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        # whichever kind of tag comes first is found first
        ("{{ page.date }} {% if page.tags %}", ["{{ page.date }}", "{% if page.tags %}"]),
        ("{{ page.date }} and {{ page.title }}", ["{{ page.date }}", "{{ page.title }}"]),
        # a closer before the first opener closes nothing
        ("Set `{x: {y: 1}}` then {{ page.title }}", ["{{ page.title }}"]),
        # an opener nothing closes does not hide the tags after it
        ("{% if page.tags }\n{{ page.title }}", ["{{ page.title }}"]),
    ],
)
def test_unknown_liquid_tags_are_each_reported(body: str, reported: list[str]) -> None:
    text, notes = convert_liquid(body)
    assert text == body
    assert [note.message for note in notes] == [
        f"Liquid {tag!r} is not understood; left as is" for tag in reported
    ]


def test_paren_math_holds_at_most_2000_characters() -> None:
    inside = "x" * 2000
    assert convert_kramdown(f"\\\\({inside}\\\\)") == (f"${inside}$", [])
    # deep into a post: the bound is on the body, not on the position
    assert convert_kramdown("y" * 1200 + f" \\\\({inside}\\\\)") == (
        "y" * 1200 + f" ${inside}$",
        [],
    )
    # one character more is not math; the scan goes on to the next opener
    too_long = "\\\\(" + "x" * 2001 + "\\\\)"
    assert convert_kramdown(too_long + " and \\\\(y\\\\)") == (too_long + " and $y$", [])


def test_a_delimited_scanner_finds_what_its_pattern_finds() -> None:
    # built as the module builds _PRE: case-insensitive openers and closers, one pair a tag
    scanner = _Delimited(
        re.compile(r"<(pre|code)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL),
        [(rf"<{tag}\b", rf"</{tag}\s*>") for tag in ("pre", "code")],
    )
    text = "<PRE>\na\n</pre> <code>b</CODE> <pre>never closed"
    expected = ["<PRE>\na\n</pre>", "<code>b</CODE>"]
    assert [match.group(0) for match in scanner.finditer(text)] == expected
    assert [match.group(0) for match in scanner.pattern.finditer(text)] == expected
    bounded = _Delimited(re.compile(r"\((?P<body>.{1,3}?)\)"), [(r"\(", r"\)")], body=(1, 3))
    assert [match["body"] for match in bounded.finditer("() (abc) (abcd) (a)")] == [
        "abc",
        "a",
    ]


def test_a_url_attribute_scanner_finds_each_tags_first_url() -> None:
    # built as the module builds _HTML_URL_ATTR
    scanner = _UrlAttributes()
    text = (
        '<A class="x" HREF=\'/a/\'>a</A> <img alt="i" SRC="/i.png"> <iframe\nsrc="/v/"> '
        '<video poster="/p.png"> <b href="/no/"> <a name="n"> <a href="/1/" href="/2/">'
    )
    assert [
        (match["lead"], match["tag"], match["attr"], match["quote"], match["target"])
        for match in scanner.finditer(text)
    ] == [
        ('<A class="x" HREF=', "A", "HREF", "'", "/a/"),
        ('<img alt="i" SRC=', "img", "SRC", '"', "/i.png"),
        ("<iframe\nsrc=", "iframe", "src", '"', "/v/"),
        ("<a href=", "a", "href", '"', "/1/"),
    ]


# --- links --------------------------------------------------------------------------

SITE = SiteContext(
    url="https://lab.example.org",
    baseurl="/lab",
    docname="news/2025-07-14-x",
    post_urls={"/2025/05/06/award.html": "news/2025-05-06-award"},
)


def test_url_attributes_of_raw_html_anywhere_in_the_post() -> None:
    body = (
        '<img src="/lab/static/a.png" alt="A"> <a name="top"></a> '
        '<a href="/lab/2025/05/06/award.html"><b>award</b></a> and a stray <a'
    )
    assert convert_links(body, SITE) == (
        '<img src="/static/a.png" alt="A"> <a name="top"></a> '
        '<a href="2025-05-06-award.html"><b>award</b></a> and a stray <a',
        [],
        [],
        [],
    )


@pytest.mark.parametrize(
    ("length", "href"), [(1991, "2025-05-06-award.html"), (1992, "/2025/05/06/award.html")]
)
def test_an_href_is_looked_for_2000_characters_into_its_tag(length: int, href: str) -> None:
    body = f'<a title="{"t" * length}" href="/2025/05/06/award.html"><b>award</b></a>'
    assert convert_links(body, SITE) == (
        body.replace("/2025/05/06/award.html", href),
        [],
        [],
        [],
    )


def test_link_notes_name_their_lines_reference_definitions_included() -> None:
    body = (
        "\nText [z](/files/data.zip)\n\n[ref]: /files/b.zip\n[r2]: /2025/05/06/award.html#s\n"
        "\nEnd.\n"
    )
    text, notes, files, external = convert_links(body, SITE, first_line=5)
    assert text == body.replace("/2025/05/06/award.html#s", "2025-05-06-award.md")
    assert notes == [
        Note(
            WARNING,
            "/files/data.zip is neither a post nor a file of the site; link kept as written",
            6,
        ),
        Note(
            WARNING,
            "/files/b.zip is neither a post nor a file of the site; link kept as written",
            8,
        ),
        Note(
            WARNING,
            "link to /2025/05/06/award.html#s: anchor #s dropped, the link goes to the post",
            9,
        ),
    ]
    assert (files, external) == ([], [])


def test_files_of_the_site_and_its_root() -> None:
    xrd = SiteContext(site_files=lambda path: path == "XRD.pdf")
    assert convert_links("[data](/XRD.pdf)", xrd) == ("[data](/XRD.pdf)", [], ["/XRD.pdf"], [])
    # the site's root is a page of the old site, never a file to copy
    everything = SiteContext(url="https://l.org", site_files=lambda path: True)
    assert convert_links("[home](/)", everything) == (
        "[home](https://l.org/)",
        [],
        [],
        ["https://l.org/"],
    )


def test_links_to_the_old_sites_host_as_configured() -> None:
    # ``url`` with a trailing slash: a link to the bare host is the old site's home page
    slash = SiteContext(url="https://lab.example.org/")
    assert convert_links("[home](https://lab.example.org)", slash) == (
        "[home](https://lab.example.org/)",
        [],
        [],
        ["https://lab.example.org/"],
    )
    upper = SiteContext(url="https://LAB.EXAMPLE.BOX")
    assert convert_links("[team](/team/)", upper) == (
        "[team](https://LAB.EXAMPLE.BOX/team/)",
        [],
        [],
        ["https://LAB.EXAMPLE.BOX/team/"],
    )


# --- kramdown ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected", "notes"),
    [
        ('{::options parse_block_html="true" /}\nText\n', "Text\n", []),
        ("so \\\\[a + b\\\\] holds", "so $a + b$ holds", []),
        # the note names the attribute list's line, not a copy of it shown in code
        (
            "Text\n{: .c}\n\n```\n{: .c}\n```\n",
            "Text\n\n```\n{: .c}\n```\n",
            [Note(WARNING, "kramdown attribute list {: .c} dropped (MyST cannot show it)", 2)],
        ),
    ],
)
def test_kramdown_cases(body: str, expected: str, notes: list[Note]) -> None:
    assert convert_kramdown(body) == (expected, notes)


# --- front matter -------------------------------------------------------------------


def mapped(block: str, context: SiteContext | None = None) -> tuple[str, list[Note], list[str]]:
    front_matter, problems = parse_front_matter(block + "\nbody\n")
    assert front_matter is not None and problems == []
    return convert_front_matter(
        block, front_matter.data, front_matter.key_lines, context or SiteContext()
    )


@pytest.mark.parametrize(
    ("block", "expected", "redirects"),
    [
        (
            "---\ntitle: Tools &amp; Tricks for LaTeX\n---",
            "---\ntitle: Tools & Tricks for LaTeX\n---",
            [],
        ),
        (
            "---\ntitle: t\ndescription: Short.\nexcerpt: Long.\n---",
            "---\ntitle: t\ndescription: Short.\nexcerpt: Long.\noneline_description: Short.\n---",
            [],
        ),
        # an author who is not a key of _data/authors.yml keeps the line as written
        ("---\ntitle: t\nauthor: 'Grace Hopper'  # guest\n---", None, []),
        ("---\ntitle: t\nredirect_from: /old/url.html\n---", None, ["/old/url.html"]),
    ],
)
def test_front_matter_cases(block: str, expected: str | None, redirects: list[str]) -> None:
    context = SiteContext(authors={"ada": "Ada Lovelace"})
    assert mapped(block, context) == (block if expected is None else expected, [], redirects)


@pytest.mark.parametrize("image", ["https://cdn.example/x.png", "/img/x.png"])
def test_a_url_or_site_absolute_cover_is_never_looked_up(image: str) -> None:
    everything = SiteContext(site_files=lambda path: True)
    text, _notes, _redirects = mapped(f"---\ntitle: t\nimage: {image}\n---", everything)
    assert text == f"---\ntitle: t\nimage: {image}\ncover: {image}\n---"


def test_an_author_list_mixing_keys_and_theme_mappings_stays_valid_yaml() -> None:
    # a theme's author mapping in the list is written in flow style, as the list is
    context = SiteContext(authors={"ada": "Ada Lovelace"})
    text = "---\ntitle: t\nauthor: [ada, {name: Bob, links: ['https://b.org']}]\n---\n\nBody.\n"
    done = convert_post(text, filename="2025-01-02-t.md", context=context)
    assert done.text == (
        "---\ntitle: t\nauthor: [Ada Lovelace, {name: Bob, links: ['https://b.org']}]\n---\n\nBody.\n"
    )
    front_matter, problems = parse_front_matter(done.text)
    assert problems == []
    assert front_matter is not None
    assert front_matter.data["author"] == [
        "Ada Lovelace",
        {"name": "Bob", "links": ["https://b.org"]},
    ]


# --- About sections ------------------------------------------------------------------

BLOCKS = [
    AboutBlock("smart", "About Smart Lab", "Smart Lab builds robots."),
    AboutBlock("x", "About Project X", "Funded by Project X"),
    AboutBlock("us", "About Us", ""),  # a block file with only its heading
]


@pytest.mark.parametrize(
    ("body", "defaults", "expected", "notes"),
    [
        # a post without About sections is returned as it is
        ("Text.\n\n\n", [], "Text.\n\n\n", []),
        # About sections after an ordinary heading; a text ending in X
        (
            "## Intro\nHi.\n\n## About Project X\nFunded by Project X\n"
            "\n## About Them\nThey are.\n",
            ["x"],
            "## Intro\nHi.\n\n## About Them\nThey are.\n",
            [(7, "section 'About Them' matches no registered About block; kept as written")],
        ),
        # a section of the post's own ("About the dataset") does not end the search
        (
            "Intro.\n\n## About the dataset\nRows.\n\n"
            "## About Smart Lab\nSmart Lab builds robots.\n\n## Results\nGood.\n",
            [],
            "Intro.\n\n## About the dataset\nRows.\n\n```{about} smart\n```\n\n## Results\nGood.\n",
            [],
        ),
        # every trailing section is looked at: the second one is kept and reported
        (
            "Intro.\n\n## About Smart Lab\nSmart Lab builds robots.\n\n## About Them\nThey are.\n",
            ["smart"],
            "Intro.\n\n## About Them\nThey are.\n",
            [(6, "section 'About Them' matches no registered About block; kept as written")],
        ),
        # a section kept as written keeps its spaces
        (
            "Intro.\n\n## About Them\nThey are.  \n   \n",
            [],
            "Intro.\n\n## About Them\nThey are.  \n   \n",
            [(3, "section 'About Them' matches no registered About block; kept as written")],
        ),
        # a heading alone matches a block of only a heading
        ("Intro.\n\n## About Us\n", ["us"], "Intro.\n", []),
        # a rule ends the post, not the About sections: it stays
        (
            "Intro.\n\n## About Smart Lab\nSmart Lab builds robots.\n\n## Results\nGood.\n\n---\n",
            [],
            "Intro.\n\n```{about} smart\n```\n\n## Results\nGood.\n\n---\n",
            [],
        ),
    ],
)
def test_about_cases(
    body: str, defaults: list[str], expected: str, notes: list[tuple[int, str]]
) -> None:
    assert convert_about(body, BLOCKS, defaults) == (
        expected,
        [Note(WARNING, message, line) for line, message in notes],
    )


# --- whole posts ----------------------------------------------------------------------


def test_a_post_with_a_front_matter_problem_is_not_converted() -> None:
    done = convert_post("---\ntitle: a\ntitle: b\n---\nBody\n", filename="2025-01-02-x.md")
    assert done.text is None
    assert done.notes == [
        Note(
            "error",
            "duplicate front-matter key 'title' (first on line 2); the last value is used",
            3,
        )
    ]


def test_every_step_reports_the_jekyll_source_line() -> None:
    text = (
        "---\ntitle: x\n---\n\n"
        "{{ page.title }}\n\n"  # line 5
        "See [data](/files/data.zip).\n\n"  # line 7
        "## About Smart Lab\nSmart Lab builds robots!\n\n"  # line 9
        "## Photos\n\n"
        "<div>\n<p>never closed\n\n"  # lines 14 and 15
        '<img src="/a.png">\n'  # line 17
    )
    context = SiteContext(url="https://lab.example.org", old_url_of_post="/2025/01/02/x.html")
    done = convert_post(text, filename="2025-01-02-x.md", about_blocks=BLOCKS, context=context)
    assert [(note.line, note.message) for note in done.notes] == [
        (5, "Liquid '{{ page.title }}' is not understood; left as is"),
        (7, "/files/data.zip is neither a post nor a file of the site; link kept as written"),
        (14, "<div> is never closed; its HTML is kept as written"),
        (15, "<p> is never closed; its HTML is kept as written"),
        (17, "image /a.png has no alt text; add :alt: by hand"),
        (9, "section 'About Smart Lab' resembles About block smart; kept as written"),
    ]


@pytest.mark.parametrize("last_line", ["Written in LaTeX", "Thanks!  "])
def test_a_post_ends_as_written_with_one_line_break(last_line: str) -> None:
    done = convert_post(f"---\ntitle: x\n---\n\n{last_line}\n\n\n", filename="2025-01-02-x.md")
    assert done.text == f"---\ntitle: x\nlast_updated: 2025/01/02\n---\n\n{last_line}\n"
