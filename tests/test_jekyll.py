"""The pure Jekyll conversions, as input/expected cases."""

from __future__ import annotations

import pytest

from sphinx_labnews.jekyll import (
    AboutBlock,
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
