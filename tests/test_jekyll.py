"""The pure Jekyll conversions, as input/expected cases."""

from __future__ import annotations

import datetime as dt

import pytest
from docutils import nodes
from helpers import build, copy_root, heading_text, page, warnings_of

from sphinx_labnews.about_source import split_about_source
from sphinx_labnews.frontmatter import read_post
from sphinx_labnews.jekyll import (
    AboutBlock,
    SiteContext,
    convert_about,
    convert_images,
    convert_liquid,
    convert_post,
    jekyll_permalink,
    permalink_docname,
    slugify,
)

IMAGE_CASES = [
    pytest.param(
        'Intro.\n\n<div align="center">\n<img src="/static/img/news/a.png" alt="A banner" '
        'style="width: 100%; max-width: 800px;"/>\n</div>\n\nMore.\n',
        "Intro.\n\n```{centered-image} /static/img/news/a.png\n:alt: A banner\n:width: 100%\n"
        ":max-width: 800px\n```\n\nMore.\n",
        id="div-style-widths",
    ),
    pytest.param(
        'Intro.\n<p align="center"><img src="/static/a.png" alt="A" width="600">'
        '<br><img src="/static/b.png" alt="B"></p>\nMore.\n',
        "Intro.\n\n```{centered-image} /static/a.png\n:alt: A\n:width: 600px\n```\n\n"
        "```{centered-image} /static/b.png\n:alt: B\n```\n\nMore.\n",
        id="p-two-images-width-attribute",
    ),
    pytest.param(
        'Intro.\n\n<img src="/static/a.png" alt="A" style="width: 100%;"/>\n\n\n\nMore.\n',
        "Intro.\n\n```{centered-image} /static/a.png\n:alt: A\n:width: 100%\n```\n\nMore.\n",
        id="bare-img-one-blank-line-around",
    ),
    pytest.param(
        '<a href="https://x.org"><img src="/static/a.png" alt="A"></a>\n',
        "\n```{centered-image} /static/a.png\n:alt: A\n:target: https://x.org\n```\n",
        id="linked-image-target",
    ),
    pytest.param(
        '<div align="center" markdown="1">\n![A photo](/static/a.png)\n</div>\n\nText.\n',
        "\n```{centered-image} /static/a.png\n:alt: A photo\n```\n\nText.\n",
        id="markdown-inside-html-block",
    ),
    pytest.param(
        '```html\n<img src="/static/a.png" alt="A">\n```\n',
        '```html\n<img src="/static/a.png" alt="A">\n```\n',
        id="code-fence-untouched",
    ),
    pytest.param(
        "Math $x_1 = \\frac{a}{b}$ and\n\n$$\n\\int_0^1 f(x)\\,dx\n$$\n\n"
        '<iframe src="https://www.youtube.com/embed/x" allowfullscreen></iframe>\n',
        "Math $x_1 = \\frac{a}{b}$ and\n\n$$\n\\int_0^1 f(x)\\,dx\n$$\n\n"
        '<iframe src="https://www.youtube.com/embed/x" allowfullscreen></iframe>\n',
        id="math-and-video-untouched",
    ),
]


NOT_CAPTIONS = [
    pytest.param("\n\n\n*Two blank lines away*\n", id="too-far"),
    pytest.param("\n\n*One* and *two*\n", id="two-italic-spans"),
    pytest.param("\n\n**Bold line**\n", id="bold"),
    pytest.param("\n\n*Italic start* then plain\n", id="partly-italic"),
    pytest.param("\n\n*Italic line*\ncontinued paragraph\n", id="not-a-paragraph-of-its-own"),
    pytest.param("\n\n* a list item*\n", id="list-item"),
    pytest.param("\n\n    *indented code*\n", id="indented-code"),
    pytest.param("\n\n```\n*code*\n```\n", id="code-fence"),
]


@pytest.mark.parametrize("after", NOT_CAPTIONS)
def test_only_a_wholly_italic_line_under_an_image_is_its_caption(after: str) -> None:
    image = '<div align="center">\n<img src="/static/a.png" alt="A"/>\n</div>'
    converted, _notes = convert_images(image + after)
    assert ":caption:" not in converted
    assert converted.endswith(after.lstrip("\n"))


def test_caption_line_under_two_images_stays_text_and_a_later_one_is_not_taken() -> None:
    source = (
        '<p align="center"><img src="/s/a.png" alt="A"><img src="/s/b.png" alt="B"></p>\n\n'
        "*Both photos*\n\n---\n\n*Organised by the lab.*\n"
    )
    converted, _notes = convert_images(source)
    assert ":caption:" not in converted
    assert converted.endswith("```\n\n*Both photos*\n\n---\n\n*Organised by the lab.*\n")


def test_plain_text_inside_an_image_block_is_not_a_caption() -> None:
    source = '<div align="center">\n<img src="/s/a.png" alt="A"><br>\nPhoto: Ann\n</div>\n'
    converted, notes = convert_images(source)
    assert converted == source
    assert "raw <img>" in notes[0].message


@pytest.mark.parametrize(("source", "expected"), IMAGE_CASES)
def test_convert_images(source: str, expected: str) -> None:
    converted, _notes = convert_images(source)
    assert converted == expected


def test_inline_img_is_reported_not_moved() -> None:
    source = 'Text with <img src="/static/a.png" alt="A"> inline.\n'
    converted, notes = convert_images(source, first_line=10)
    assert converted == source
    assert [(n.level, n.line) for n in notes] == [("warning", 10)]
    assert "raw <img>" in notes[0].message


def test_missing_alt_is_reported() -> None:
    converted, notes = convert_images('<img src="/static/a.png">\n')
    assert ":alt:" not in converted
    assert notes[0].message == "image /static/a.png has no alt text; add :alt: by hand"


def test_markdown_in_other_html_blocks_is_reported() -> None:
    _converted, notes = convert_images('<div markdown="1">\n**bold**\n</div>\n')
    assert "Markdown inside an HTML block" in notes[0].message


LIQUID_CASES = [
    pytest.param("![x]({{ site.baseurl }}/static/a.png)", "![x](/static/a.png)", [], id="baseurl"),
    pytest.param(
        "[p]({% link _posts/2025-07-14-x.md %}) [q]({% post_url 2025-05-06-y %}#s)",
        "[p](2025-07-14-x.md) [q](2025-05-06-y.md#s)",
        [],
        id="post-links",
    ),
    pytest.param(
        "[a]({{ '/about/' | relative_url }})", "[a](/about/)", [], id="relative-url-filter"
    ),
    pytest.param(
        "{% include video.html id=1 %}",
        "<!-- {% include video.html id=1 %} -->",
        ["{% include video.html id=1 %} has no MyST equivalent; kept as an HTML comment"],
        id="include",
    ),
    pytest.param("{% raw %}{{ not liquid }}{% endraw %}", "{{ not liquid }}", [], id="raw"),
    pytest.param(
        "Hi {{ page.author }}",
        "Hi {{ page.author }}",
        ["Liquid '{{ page.author }}' is not understood; left as is"],
        id="unknown",
    ),
    pytest.param(
        "```\n{{ site.baseurl }}\n```", "```\n{{ site.baseurl }}\n```", [], id="code-untouched"
    ),
]


@pytest.mark.parametrize(("source", "expected", "messages"), LIQUID_CASES)
def test_convert_liquid(source: str, expected: str, messages: list[str]) -> None:
    converted, notes = convert_liquid(source)
    assert converted == expected
    assert [note.message for note in notes] == messages


SMART = AboutBlock("smart-lab", "About Smart Lab", "Smart Lab does  AI\nfor health.")
HKUST = AboutBlock("hkust", "About HKUST", "HKUST is a university.")
BODY = "Post.\n\n---\n\n### About Smart Lab\n\nSmart Lab does AI for health.\n\n"


def test_about_default_block_dropped_with_dangling_rule() -> None:
    converted, notes = convert_about(BODY, [SMART, HKUST], ["smart-lab"])
    assert converted == "Post.\n"
    assert notes == []


def test_about_non_default_block_becomes_directive() -> None:
    body = BODY + "#### About HKUST\nHKUST is a   university.\n"
    converted, notes = convert_about(body, [SMART, HKUST], ["smart-lab"])
    assert converted == "Post.\n\n---\n\n```{about} hkust\n```\n"
    assert notes == []


def test_about_differing_section_kept_and_reported() -> None:
    body = BODY.replace("for health", "for science")
    converted, notes = convert_about(body, [SMART], ["smart-lab"], first_line=3)
    assert converted == body.rstrip("\n") + "\n"
    assert notes[0].message == (
        "section 'About Smart Lab' differs from About block smart-lab; kept as written"
    )
    assert notes[0].line == 7


def test_about_block_read_from_markdown() -> None:
    block = AboutBlock.from_markdown("smart-lab", "# About Smart Lab\n\nText here.\n")
    assert (block.heading, block.text.strip()) == ("About Smart Lab", "Text here.")


@pytest.mark.parametrize(
    ("source", "heading", "text"),
    [
        ("\n\n# About Us #\n\nText.\n\n", "About Us", "Text."),
        # a closing '#' sequence needs a space before it (CommonMark)
        ("# About C#\nText.\n", "About C#", "Text."),
        # front matter is skipped, as the about directive skips it
        ("---\nnote: x\n---\n# About Us\nText.\n", "About Us", "Text."),
        # not a level-1 heading: the build warns and shows the key, so no heading here
        ("## About Us\nText.\n", "", "## About Us\nText."),
        ("Text only.\n", "", "Text only."),
    ],
)
def test_about_block_is_read_as_the_build_reads_it(source: str, heading: str, text: str) -> None:
    block = AboutBlock.from_markdown("us", source)
    assert (block.heading, block.text) == (heading, text)
    built, problem = split_about_source(source, fallback_title="us")
    assert built.title == (heading or "us")
    assert (problem is None) == bool(heading)


@pytest.mark.parametrize(
    ("site", "data", "expected"),
    [
        (None, {}, "/2025/07/14/lai4bm-2025-workshop.html"),
        (None, {"category": "News"}, "/news/2025/07/14/lai4bm-2025-workshop.html"),
        ("pretty", {"categories": "a b"}, "/a/b/2025/07/14/lai4bm-2025-workshop/"),
        ("ordinal", {}, "/2025/195/lai4bm-2025-workshop.html"),
        ("none", {}, "/lai4bm-2025-workshop.html"),
        ("/blog/:short_year/:i_month/:i_day/:slug", {}, "/blog/25/7/14/lai4bm-2025-workshop"),
        ("date", {"permalink": "/workshops/lai4bm/"}, "/workshops/lai4bm/"),
        ("date", {"group": "news"}, "/2025/07/14/lai4bm-2025-workshop.html"),
    ],
)
def test_jekyll_permalink(site: str | None, data: dict, expected: str) -> None:
    assert jekyll_permalink("2025-07-14-lai4bm-2025-workshop.md", data, site) == expected


@pytest.mark.parametrize(
    ("url", "docname"),
    [
        ("/2025/07/14/x.html", "2025/07/14/x"),
        ("/2025/07/14/x/", "2025/07/14/x/index"),
        ("/blog/x", "blog/x"),
    ],
)
def test_permalink_docname(url: str, docname: str) -> None:
    assert permalink_docname(url) == docname


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("[Press Release] HKUST Wins!", "hkust-wins"),
        ("Café Straße Ångström", "cafe-strasse-angstrom"),
        ("智能实验室新闻", ""),
        ("a" * 30 + " " + "b" * 40, "a" * 30),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("title", "max_length", "slug"),
    [
        # a slug of exactly max_length is kept whole; one more character cuts a word
        ("abc def", 7, "abc-def"),
        ("abc defg", 7, "abc"),
        # the cut is at the last hyphen within the limit, also when it falls right after it
        ("abc def ghi", 8, "abc-def"),
        ("abc def ghi", 7, "abc-def"),
        ("abc def ghi", 6, "abc"),
        # one word longer than the limit is cut at the limit
        ("abcdefghij", 4, "abcd"),
        ("abcd efgh", 4, "abcd"),
    ],
)
def test_slugify_cuts_at_max_length(title: str, max_length: int, slug: str) -> None:
    assert slugify(title, max_length=max_length) == slug
    assert len(slug) <= max_length


def test_convert_post_keeps_front_matter_and_adds_date_from_file_name() -> None:
    source = "---\ntitle: 'X'  \ngroup: news\n---\nLine one  \nline two\n"
    conversion = convert_post(source, filename="2024-02-29-x.md")
    assert conversion.ok
    assert conversion.text == (
        "---\ntitle: 'X'  \ngroup: news\nlast_updated: 2024/02/29\n---\nLine one  \nline two\n"
    )


def test_convert_post_bad_yaml_fails_with_line() -> None:
    conversion = convert_post("---\ntitle: [oops\n---\nbody\n", filename="2024-01-01-x.md")
    assert not conversion.ok
    assert conversion.notes[0].level == "error"
    assert conversion.notes[0].message.startswith("front matter is not valid YAML")


# ------------------------------------------------- issue 13: what real Jekyll sites contain

SITE_FILES = {
    "assets/people/ann.png",
    "static/img/news/lab.png",
    "images/news/x.png",
    "assets/slides.pdf",
}
CTX = SiteContext(
    url="https://lab.example.org",
    baseurl="/lab",
    old_url_of_post="/news/a/",
    docname="news/2024-05-01-a",
    post_urls={"/news/b/": "news/2024-04-01-b", "/2024/03/01/c.html": "news/2024-03-01-c"},
    site_files=SITE_FILES.__contains__,
    read_include={"note.html": "<p>A plain note.</p>\n", "video.html": "{{ include.id }}"}.get,
    authors={"ann": "Ann Lee"},
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
HEAD = "---\ntitle: A\ndate: 2024-05-01\n---\n"


def _body(body: str, context: SiteContext = CTX) -> tuple[str, list[str], object]:
    conversion = convert_post(HEAD + body, filename="2024-05-01-a.md", context=context)
    assert conversion.text is not None
    return conversion.text[len(HEAD) :], [n.message for n in conversion.notes], conversion


PATTERN_CASES = [
    pytest.param(
        '<img src="{{ \'images/news/x.png\' | relative_url }}" alt="X">\n',
        "```{centered-image} /images/news/x.png\n:alt: X\n```\n",
        [],
        id="liquid-relative-url-no-slash",
    ),
    pytest.param(
        '<a href="https://x.org"><img src="{{ site.baseurl }}/images/news/x.png" alt="X"></a>\n',
        "```{centered-image} /images/news/x.png\n:alt: X\n:target: https://x.org\n```\n",
        [],
        id="liquid-baseurl-linked-image",
    ),
    pytest.param(
        '[Slides]({{ "/assets/slides.pdf" | absolute_url }})\n',
        "[Slides](/assets/slides.pdf)\n",
        [],
        id="liquid-absolute-url-file",
    ),
    pytest.param(
        "![Ann](../../assets/people/ann.png) ![Lab](static/img/news/lab.png)\n",
        "![Ann](/assets/people/ann.png) ![Lab](/static/img/news/lab.png)\n",
        [],
        id="relative-to-permalink-and-root",
    ),
    pytest.param(
        "[b](/lab/news/b) [b2](../b/#part) [c](/2024/03/01/c) "
        "[c2](https://lab.example.org/lab/2024/03/01/c.html)\n",
        "[b](2024-04-01-b.md) [b2](2024-04-01-b.md) [c](2024-03-01-c.md) [c2](2024-03-01-c.md)\n",
        ["link to ../b/#part: anchor #part dropped, the link goes to the post"],
        id="links-to-posts",
    ),
    pytest.param(
        '[team](/team/) and [research](../../research) and <a href="/join/">join</a>.\n',
        "[team](https://lab.example.org/lab/team/) and "
        "[research](https://lab.example.org/lab/research) and "
        "[join](https://lab.example.org/lab/join/).\n",
        [],
        id="links-to-old-pages",
    ),
    pytest.param(
        '[x](https://x.org){:target="_blank"} here.\n{: .lead}\n\nNext.\n',
        "[x](https://x.org) here.\n\nNext.\n",
        ["kramdown attribute list {: .lead} dropped (MyST cannot show it)"],
        id="kramdown-ial",
    ),
    pytest.param(
        "So \\\\(E = mc^2\\\\) and $$a_1$$ cost $5.\n\n$$ x^2 $$\n\n\\\\[ y \\\\]\n\n"
        "| a | $$b^2$$ |\n|---|---|\n",
        "So $E = mc^2$ and $a_1$ cost \\$5.\n\n$$\nx^2\n$$\n\n$$\ny\n$$\n\n"
        "| a | $b^2$ |\n|---|---|\n",
        [],
        id="kramdown-math",
    ),
    pytest.param(
        "Write \\\\(\\\\) for inline math, like \\\\(x^2\\\\); \\\\[\\\\] is \\\\[y\\\\].\n",
        # MathJax shows an empty pair as nothing; it once ran on to the next closer
        "Write  for inline math, like $x^2$;  is $y$.\n",
        [],
        id="kramdown-empty-math-pair",
    ),
    pytest.param(
        '<div class="row">\n    <div class="col">\n        <p>One.</p>\n\n        <p>Two.</p>\n'
        "    </div>\n</div>\n",
        '<div class="row">\n    <div class="col">\n        <p>One.</p>\n        <p>Two.</p>\n'
        "    </div>\n</div>\n",
        [],
        id="indented-html-block",
    ),
    pytest.param(
        '<div class="box" markdown="1">\n    **Bold** text.\n</div>\n',
        '<div class="box">\n\n**Bold** text.\n\n</div>\n',
        [],
        id="markdown-in-html",
    ),
    pytest.param(
        "{% include note.html %}\n\n{% include video.html id=3 %}\n",
        "<p>A plain note.</p>\n\n<!-- {% include video.html id=3 %} -->\n",
        ["{% include video.html id=3 %} has no MyST equivalent; kept as an HTML comment"],
        id="include",
    ),
    pytest.param(
        "{% highlight python linenos %}\nprint({{ 1 }})\n{% endhighlight %}\n",
        "```python\nprint({{ 1 }})\n```\n",
        [],
        id="liquid-highlight",
    ),
    pytest.param(
        "* TOC\n{:toc}\n\n{::comment}\nDraft note.\n{:/comment}\n\n"
        "{::nomarkdown}<p>Raw part.</p>{:/nomarkdown}\n",
        "<!-- Draft note. -->\n\n<p>Raw part.</p>\n",
        [
            "kramdown table of contents ({:toc}) dropped; the page's own navigation lists "
            "its sections"
        ],
        id="kramdown-toc-and-extensions",
    ),
    pytest.param(
        '<figure>\n  <img src="/images/news/x.png" alt="X">\n'
        "  <figcaption>The <b>new</b> bench.</figcaption>\n</figure>\n\n"
        '<p><img src="/images/news/x.png" alt="Again"></p>\n',
        "```{centered-image} /images/news/x.png\n:alt: X\n:caption: The new bench.\n```\n\n"
        "```{centered-image} /images/news/x.png\n:alt: Again\n```\n",
        [],
        id="figure-and-plain-image-block",
    ),
    pytest.param(
        '<div class="row">\n    <div class="col">\n        <img src="/images/news/x.png" alt="X">\n'
        "        <p>Ann Lee</p>\n    </div>\n</div>\n",
        '<div class="row">\n    <div class="col">\n        <img src="/images/news/x.png" alt="X">\n'
        "        <p>Ann Lee</p>\n    </div>\n</div>\n",
        ["raw <img> HTML left in running text; rewrite it as a centered-image"],
        id="image-inside-html-grid-stays-html",
    ),
    pytest.param(
        '<div align="center">\n<img src="/images/news/x.png" alt="X" style="width: 80%;"/>\n'
        "</div>\n\n*Figure 1: The team at [HKUST](https://hkust.example.org)*\n\nText.\n",
        "```{centered-image} /images/news/x.png\n:alt: X\n:width: 80%\n"
        ":caption: Figure 1: The team at [HKUST](https://hkust.example.org)\n```\n\nText.\n",
        [],
        id="italic-line-under-image-is-its-caption",
    ),
    pytest.param(
        '<div align="center">\n  <img src="/images/news/x.png" alt="X">\n  <br>\n'
        "  <em>The <b>new</b> *bench* &amp; [1]</em>\n</div>\n",
        "```{centered-image} /images/news/x.png\n:alt: X\n"
        ":caption: The new \\*bench\\* \\& \\[1\\]\n```\n",
        [],
        id="em-caption-inside-image-block-is-literal",
    ),
    pytest.param(
        '<img src="/images/news/x.png" alt="X"/>\n_"Quoted" at the bench # 2_\n',
        "```{centered-image} /images/news/x.png\n:alt: X\n"
        ':caption: "\\"Quoted\\" at the bench # 2"\n```\n',
        [],
        id="caption-quoted-for-myst-options",
    ),
    pytest.param(
        "`{: .x}` and `$$a$$`\n\n```\n\\\\(x\\\\) {:.y}\n```\n",
        "`{: .x}` and `$$a$$`\n\n```\n\\\\(x\\\\) {:.y}\n```\n",
        [],
        id="code-untouched",
    ),
]


@pytest.mark.parametrize(("body", "expected", "messages"), PATTERN_CASES)
def test_jekyll_patterns(body: str, expected: str, messages: list[str]) -> None:
    text, notes, _conversion = _body("\n" + body)
    assert text == "\n" + expected
    assert notes == messages


def test_conversion_lists_files_external_links_and_images() -> None:
    _text, _notes, conversion = _body(
        "\n![Ann](../../assets/people/ann.png) [s](/assets/slides.pdf) [t](/team/)\n"
    )
    assert conversion.images == ["/assets/people/ann.png"]
    assert conversion.files == ["/assets/slides.pdf"]
    assert conversion.external_links == ["https://lab.example.org/lab/team/"]


def test_default_context_keeps_todays_behaviour() -> None:
    body = '\n![Ann](../../assets/people/ann.png) [t](/team/) <a href="/x/">x</a>\n'
    text, notes, conversion = _body(body, SiteContext())
    assert text == body
    assert (notes, conversion.files, conversion.external_links) == ([], [], [])


def test_unresolvable_link_is_reported() -> None:
    _text, notes, _conversion = _body("\n[data](/files/data.zip)\n")
    assert notes == [
        "/files/data.zip is neither a post nor a file of the site; link kept as written"
    ]


def test_theme_front_matter_is_mapped() -> None:
    source = (
        "---\ntitle: '&quot;Cells&quot; published in <i>Science</i>'\nauthor: ann\n"
        "categories: news awards\ntags: ai health\nheader:\n  teaser: images/news/x.png\n"
        "excerpt: A <b>short</b> summary &amp; more.\ndate: 2024-05-01 10:00:00 +0800\n"
        "redirect_from:\n  - /old/a.html\n  - /a/\n---\nText.\n"
    )
    conversion = convert_post(source, filename="2024-05-01-a.md", context=CTX)
    assert conversion.text == (
        "---\ntitle: '\"Cells\" published in Science'\nauthor: Ann Lee\n"
        "categories: news awards\ntags: [ai, health]\nheader:\n  teaser: images/news/x.png\n"
        "excerpt: A <b>short</b> summary &amp; more.\ndate: 2024-05-01 10:00:00 +0800\n"
        "redirect_from:\n  - /old/a.html\n  - /a/\ncover: /images/news/x.png\n"
        "oneline_description: A short summary & more.\ngroup: [news, awards]\n---\nText.\n"
    )
    assert conversion.redirects == ["/old/a.html", "/a/"]
    assert conversion.images == ["/images/news/x.png"]
    assert conversion.notes == []
    metadata, _fm, problems = read_post(conversion.text, filename="2024-05-01-a.md")
    assert problems == []
    assert metadata.title == '"Cells" published in Science'
    assert metadata.date == dt.datetime(2024, 5, 1, 2, 0)
    assert (metadata.authors, metadata.categories, metadata.tags) == (
        ("Ann Lee",),
        ("news", "awards"),
        ("ai", "health"),
    )
    assert metadata.cover == "/images/news/x.png"
    assert metadata.description == "A short summary & more."


def test_about_section_recognised_before_other_sections() -> None:
    body = (
        "Post.\n\n### About Smart Lab\n\nSmart Lab does AI for health.\n\n### Media Links\n\n- a\n"
    )
    converted, notes = convert_about(body, [SMART, HKUST], ["smart-lab"])
    assert converted == "Post.\n\n### Media Links\n\n- a\n"
    assert notes == []
    body = body.replace("Smart Lab does", "The Smart Lab does")
    converted, notes = convert_about(body, [SMART], ["smart-lab"], first_line=5)
    assert converted == body
    assert [(n.message, n.line) for n in notes] == [
        ("section 'About Smart Lab' resembles About block smart-lab; kept as written", 7)
    ]


def test_converted_patterns_build_without_warnings_and_math_is_math(tmp_path) -> None:
    """Every pattern's output, in one post next to its linked posts, builds with -W."""
    srcdir = copy_root("minimal", tmp_path)
    (srcdir / "news/2025-01-01-only.md").unlink()
    for docname in ("news/2024-04-01-b", "news/2024-03-01-c"):
        (srcdir / f"{docname}.md").write_text(
            f"---\ntitle: {docname}\nlast_updated: 2024/04/01\n---\n\n## Part\n\nText.\n"
        )
    for path in SITE_FILES:
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_bytes(PNG if path.endswith(".png") else b"%PDF-1.4\n")
    # the grid's raw <img> is reported by the importer and warned about by the build
    cases = [case for case in PATTERN_CASES if case.id != "image-inside-html-grid-stays-html"]
    body = "\n\n".join(str(case.values[0]) for case in cases)
    conversion = convert_post(HEAD + "\n" + body, filename="2024-05-01-a.md", context=CTX)
    assert conversion.text is not None
    (srcdir / "news/2024-05-01-a.md").write_text(conversion.text)
    app = build(srcdir, freshenv=True)
    assert warnings_of(app) == ""
    doctree = app.env.get_doctree("news/2024-05-01-a")
    maths = [node.astext() for node in doctree.findall(nodes.math)]
    # MyST-Parser 4.0 keeps the newlines around a ``$$`` block's TeX, 5.x strips them
    blocks = [node.astext().strip() for node in doctree.findall(nodes.math_block)]
    assert maths == ["E = mc^2", "a_1", "b^2", "x^2", "y"]  # the last two: empty-math-pair
    assert blocks == ["x^2", "y"]
    assert any(
        "mathjax" in script.get("src", "")
        for script in page(app, "news/2024-05-01-a").select("script")
    )
    html = page(app, "news/2024-05-01-a")
    hrefs = [a["href"] for a in html.select("article a[href], section a[href]")]
    for code in html.select("pre, code, .math"):  # code shows them on purpose; MathJax input
        code.decompose()
    text = html.get_text()
    for raw in ("{:", "{{", "{%", "\\(", "$$", "&lt;p&gt;", "<div"):
        assert raw not in text, raw
    assert "2024-04-01-b.html" in hrefs
    assert "https://lab.example.org/lab/team/" in hrefs
    assert any(href.endswith("/slides.pdf") for href in hrefs)
    for image in html.select("img"):
        assert (app.outdir / "news" / image["src"]).resolve().is_file(), image["src"]
    captions = [" ".join(heading_text(c).split()) for c in html.select("figure figcaption")]
    assert captions == [
        "The new bench.",
        "Figure 1: The team at HKUST",
        "The new *bench* & [1]",
        "“Quoted” at the bench # 2",  # Sphinx's smart quotes, as in any text
    ]
    assert html.select_one("figure figcaption a")["href"] == "https://hkust.example.org"


def test_unreadable_date_and_unknown_kramdown_extension_are_reported() -> None:
    source = "---\ntitle: A\ndate: someday soon\n---\n\n{::foo}\n"
    conversion = convert_post(source, filename="2024-05-01-a.md", context=CTX)
    assert [(n.message, n.line) for n in conversion.notes] == [
        ("date: 'someday soon' is not a date (write YYYY/MM/DD); fix it by hand", 3),
        ("kramdown extension {::foo} is not converted; remove or rewrite it", 6),
    ]
