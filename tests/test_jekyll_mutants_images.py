"""The importer's image, caption, Liquid, inline-code and HTML-block rules, case by case.

Written against the mutants ``nox -s mutation`` found alive in those functions of
:mod:`sphinx_labnews.jekyll` (``tests/test_jekyll_mutants.py`` covers the others):
each case is a small Jekyll post fragment and pins what the converted post says,
through the functions the importer calls, so the helpers behind them can be
refactored freely.
"""

from __future__ import annotations

import pytest

from sphinx_labnews.jekyll import (
    WARNING,
    Note,
    SiteContext,
    code_spans,
    convert_html_blocks,
    convert_images,
    convert_liquid,
    italic_line,
)

RAW_IMG = "raw <img> HTML left in running text; rewrite it as a centered-image"
MARKDOWN_IN_HTML = "Markdown inside an HTML block is not rendered by MyST; rewrite it"


def no_alt(src: str) -> str:
    return f"image {src} has no alt text; add :alt: by hand"


# --- images and their captions --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected", "notes"),
    [
        pytest.param(
            'Intro.\n\n<div align="center" markdown="1">\n![The team](/img/team.jpg)\n'
            "*The team at the retreat*\n</div>\n\nMore text.\n",
            "Intro.\n\n```{centered-image} /img/team.jpg\n:alt: The team\n"
            ":caption: The team at the retreat\n```\n\nMore text.\n",
            [],
            id="kramdown-captioned-image-after-text",
        ),
        pytest.param(
            '<div align="center" markdown="1">\n![](/a.png)\n\n_Figure 1: the **new** robot_\n'
            '</div>\n\n<img src="/b.png" alt="B">\n',
            "\n```{centered-image} /a.png\n:caption: Figure 1: the **new** robot\n```\n\n"
            "```{centered-image} /b.png\n:alt: B\n```\n",
            [],
            id="kramdown-caption-after-a-blank-line-no-alt-then-a-bare-image",
        ),
        pytest.param(
            '<div markdown="1">\n![A](/a.png)\n*Left as HTML*\n</div>\n\n'
            '<div align="center" markdown="1">\n![B](/b.png)\n*Centred*\n</div>\n',
            '<div markdown="1">\n![A](/a.png)\n*Left as HTML*\n</div>\n\n'
            "```{centered-image} /b.png\n:alt: B\n:caption: Centred\n```\n",
            [(5, MARKDOWN_IN_HTML)],
            id="kramdown-captioned-not-centred-then-centred",
        ),
        pytest.param(
            '```html\n<div align="center" markdown="1">\n![A](/a.png)\n*Shown as code*\n</div>\n'
            '```\n\n<div align="center" markdown="1">\n![B](/b.png)\n*Centred*\n</div>\n',
            '```html\n<div align="center" markdown="1">\n![A](/a.png)\n*Shown as code*\n</div>\n'
            "```\n\n```{centered-image} /b.png\n:alt: B\n:caption: Centred\n```\n",
            [],
            id="kramdown-captioned-in-code-then-outside",
        ),
        pytest.param(
            'Intro.\n\n<div align="center" markdown="1">\n![A](/a.png)\n\n'
            "    *indented four: code, not a caption*\n</div>\n",
            'Intro.\n\n<div align="center" markdown="1">\n![A](/a.png)\n\n'
            "    *indented four: code, not a caption*\n</div>\n",
            [(7, MARKDOWN_IN_HTML)],
            id="kramdown-indented-code-is-no-caption",
        ),
        pytest.param(
            '<div align="center" markdown="1">\n![A](/a.png)\n![B](/b.png)\n</div>\n\n'
            '<img src="/c.png" alt="C">\n',
            "\n```{centered-image} /a.png\n:alt: A\n```\n\n```{centered-image} /b.png\n:alt: B\n```"
            "\n\n```{centered-image} /c.png\n:alt: C\n```\n",
            [],
            id="kramdown-two-images-then-a-bare-image",
        ),
        pytest.param(
            '<div markdown="1">\n![A](/a.png)\n</div>\n\n'
            '<div align="center" markdown="1">\n![B](/b.png)\n</div>\n',
            '<div markdown="1">\n![A](/a.png)\n</div>\n\n'
            "```{centered-image} /b.png\n:alt: B\n```\n",
            [(5, MARKDOWN_IN_HTML)],
            id="kramdown-images-not-centred-then-centred",
        ),
        pytest.param(
            '```\n<div align="center" markdown="1">\n![A](/a.png)\n</div>\n```\n\n'
            '<p align="center"><img src="/b.png" alt="B"></p>\n\n'
            '<div align="center" markdown="1">\n![C](/c.png)\n</div>\n',
            '```\n<div align="center" markdown="1">\n![A](/a.png)\n</div>\n```\n\n'
            "```{centered-image} /b.png\n:alt: B\n```\n\n"
            "```{centered-image} /c.png\n:alt: C\n```\n",
            [],
            id="kramdown-images-in-code-html-block-and-outside",
        ),
        pytest.param(
            '<div align="center"><img src="/a.png" alt="A"><br>*Figure 1: the _new_ lab*</div>\n',
            "\n```{centered-image} /a.png\n:alt: A\n:caption: Figure 1: the _new_ lab\n```\n",
            [],
            id="html-block-with-a-markdown-caption-nesting-emphasis",
        ),
        pytest.param(
            '<div align="center"><img src="/a.png" alt="A"><br>*a* and *b*</div>\n\n'
            '<div align="center"><img src="/b.png" alt="B"><br>*Figure 2*</div>\n',
            '<div align="center"><img src="/a.png" alt="A"><br>*a* and *b*</div>\n\n'
            "```{centered-image} /b.png\n:alt: B\n:caption: Figure 2\n```\n",
            [(5, RAW_IMG)],
            id="html-block-with-two-italic-spans-is-no-caption-the-next-is",
        ),
        pytest.param(
            "Intro.\n\nMore.\n"
            '<figure><img src="/a.png"><figcaption>The lab</figcaption></figure>\n\nEnd.\n',
            "Intro.\n\nMore.\n\n```{centered-image} /a.png\n:caption: The lab\n```\n\nEnd.\n",
            [(8, no_alt("/a.png"))],
            id="figure-without-alt-reported-on-its-line",
        ),
        pytest.param(
            '```html\n<figure><img src="/a.png" alt="A"><figcaption>Code</figcaption></figure>\n'
            '```\n\n<figure><img src="/b.png" alt="B"><figcaption>Real</figcaption></figure>\n',
            '```html\n<figure><img src="/a.png" alt="A"><figcaption>Code</figcaption></figure>\n'
            "```\n\n```{centered-image} /b.png\n:alt: B\n:caption: Real\n```\n",
            [],
            id="figure-in-code-then-outside",
        ),
        pytest.param(
            '<figure><img src="/a.png" alt="A"><figcaption>The lab</figcaption></figure>\n\n'
            '<img src="/b.png" alt="B">\n',
            "\n```{centered-image} /a.png\n:alt: A\n:caption: The lab\n```\n\n"
            "```{centered-image} /b.png\n:alt: B\n```\n",
            [],
            id="figure-then-a-bare-image",
        ),
        pytest.param(
            '<p align="center"><img src="/a.png" alt="A"></p>\n\n'
            '<div align="center" markdown="1">\n![B](/b.png)\n*Caption*\n</div>\n',
            "\n```{centered-image} /a.png\n:alt: A\n```\n\n"
            "```{centered-image} /b.png\n:alt: B\n:caption: Caption\n```\n",
            [],
            id="html-image-block-then-a-kramdown-captioned-image",
        ),
        pytest.param(
            '<figure><img src="/a.png" alt="A"><figcaption></figcaption></figure>\n',
            "\n```{centered-image} /a.png\n:alt: A\n```\n",
            [],
            id="empty-figcaption",
        ),
        pytest.param(
            '<figure><img src="/a.png" alt="A"><figcaption>The lab</figcaption></figure>\n\n'
            "*Photo: Ann*\n",
            "\n```{centered-image} /a.png\n:alt: A\n:caption: The lab\n```\n\n*Photo: Ann*\n",
            [],
            id="a-figure-keeps-its-caption-and-the-italic-line-under-it",
        ),
        pytest.param(
            '<p align="center"><img src="/a.png" alt="A"></p>\n\n   *Photo: Ann*\n',
            "\n```{centered-image} /a.png\n:alt: A\n:caption: Photo: Ann\n```\n",
            [],
            id="caption-line-indented-three",
        ),
        pytest.param(
            '```html\n<p align="center"><img src="/a.png" alt="A"></p>\n```\n\n'
            '<p align="center"><img src="/b.png" alt="B"></p>\n',
            '```html\n<p align="center"><img src="/a.png" alt="A"></p>\n```\n\n'
            "```{centered-image} /b.png\n:alt: B\n```\n",
            [],
            id="image-block-in-code-then-outside",
        ),
        pytest.param(
            '```html\n<img src="/a.png" alt="A">\n```\n\n<img src="/b.png" alt="B">\n',
            '```html\n<img src="/a.png" alt="A">\n```\n\n'
            "```{centered-image} /b.png\n:alt: B\n```\n",
            [],
            id="bare-image-in-code-then-outside",
        ),
        pytest.param(
            'Intro.\n\n<img src="/a.png">\n\nEnd.\n',
            "Intro.\n\n```{centered-image} /a.png\n```\n\nEnd.\n",
            [(7, no_alt("/a.png"))],
            id="bare-image-without-alt-reported-on-its-line",
        ),
        pytest.param(
            '<img src="/a.png" alt="“Robo” at the fair">\n\n'
            '<img src="/b.png" alt="Issue #5 poster">\n\n'
            '<img src="/c.png" alt="[Photo] the lab">\n',
            '\n```{centered-image} /a.png\n:alt: "“Robo” at the fair"\n```\n\n'
            '```{centered-image} /b.png\n:alt: "Issue #5 poster"\n```\n\n'
            '```{centered-image} /c.png\n:alt: "[Photo] the lab"\n```\n',
            [],
            id="alt-text-quoted-where-yaml-would-misread-it",
        ),
        # a photo grid: the image is part of a larger HTML element and stays HTML
        pytest.param(
            '<div class="grid">\n<img src="/a.png" alt="A">\n<p>Caption</p>\n</div>\n',
            '<div class="grid">\n<img src="/a.png" alt="A">\n<p>Caption</p>\n</div>\n',
            [(6, RAW_IMG)],
            id="image-inside-a-grid",
        ),
        pytest.param(
            '\n<div class="grid">\n<img src="/a.png" alt="A">\n<p>Caption</p>\n</div>\n',
            '\n<div class="grid">\n<img src="/a.png" alt="A">\n<p>Caption</p>\n</div>\n',
            [(7, RAW_IMG)],
            id="image-inside-a-grid-after-a-blank-line",
        ),
        pytest.param(
            '<p align="center"><img src="/a.png" alt="A"></p>\n\n'
            '<div class="note">\nThe end.\n</div>',
            '\n```{centered-image} /a.png\n:alt: A\n```\n\n<div class="note">\nThe end.\n</div>',
            [],
            id="first-line-image-and-a-post-ending-in-html",
        ),
    ],
)
def test_image_blocks_and_captions(body: str, expected: str, notes: list[tuple[int, str]]) -> None:
    text, found = convert_images(body, first_line=5)
    assert text == expected
    assert found == [Note(WARNING, message, line) for line, message in notes]


def test_notes_count_lines_from_one_by_default() -> None:
    assert convert_images('<img src="/a.png">\n')[1] == [Note(WARNING, no_alt("/a.png"), 1)]
    assert convert_html_blocks("<div>\ntext\n")[1] == [
        Note(WARNING, "<div> is never closed; its HTML is kept as written", 1)
    ]
    assert convert_liquid("{{ page.x }}")[1] == [
        Note(WARNING, "Liquid '{{ page.x }}' is not understood; left as is", 1)
    ]


@pytest.mark.parametrize(
    ("line", "markdown"),
    [
        ("*a*", "a"),
        ("_Photo: Ann_", "Photo: Ann"),
        ("   *indented three*  ", "indented three"),
        ("    *indented four*", None),  # indented code
        ("*a _b_ c*", "a _b_ c"),
        ("*a* and *b*", None),
        ("**bold**", None),
        ("* item*", None),
        ("", None),
        ("   ", None),
    ],
)
def test_italic_line(line: str, markdown: str | None) -> None:
    assert italic_line(line) == markdown


# --- HTML blocks ----------------------------------------------------------------------

#: Twenty lines before a code block: a line's offset miscounted by one character per line
#: would place the HTML shown in the block outside it.
PARAGRAPHS = "".join(f"Paragraph {number}.\n\n" for number in range(10))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            '<div align="center" markdown="1">\n![A](/a.png)\n*Caption*\n</div>\n',
            '<div align="center" markdown="1">\n![A](/a.png)\n*Caption*\n</div>\n',
            id="captioned-kramdown-image-left-to-convert-images",
        ),
        pytest.param(
            "```\nx\n```\n<div>\n\n<p>a</p>\n</div>\n",
            "```\nx\n```\n<div>\n<p>a</p>\n</div>\n",
            id="block-right-after-code",
        ),
        pytest.param(
            PARAGRAPHS + "```html\n<div>\n\n</div>\n```\n",
            PARAGRAPHS + "```html\n<div>\n\n</div>\n```\n",
            id="html-shown-as-code-late-in-a-post",
        ),
        pytest.param(
            '<div markdown="1">\n    $ make\n\nRun it.\n</div>\n',
            "<div>\n\n    $ make\n\nRun it.\n\n</div>\n",
            id="markdown-inside-starting-with-indented-code",
        ),
    ],
)
def test_html_blocks(body: str, expected: str) -> None:
    assert convert_html_blocks(body, first_line=3) == (expected, [])


# --- inline code (kramdown conversion leaves code alone) ------------------------------


#: ``convert_kramdown`` cases (body, expected, notes at first line 3), run by
#: ``test_jekyll_mutants.test_convert_kramdown_cases`` with the other kramdown cases.
INLINE_CODE_CASES = [
    pytest.param("A stray ` costs $5.", "A stray ` costs \\$5.", [], id="stray-backtick"),
    pytest.param(
        "`a` $5 `b` and a stray ` $6",
        "`a` \\$5 `b` and a stray ` \\$6",
        [],
        id="pairs-then-stray",
    ),
    pytest.param(
        "Run ``echo `date` `` for $5, or `ls` for $6.",
        "Run ``echo `date` `` for \\$5, or `ls` for \\$6.",
        [],
        id="double-backticks-around-single",
    ),
    pytest.param(
        "A ``double`` and a stray ``, then `make` costs $5.",
        "A ``double`` and a stray ``, then `make` costs \\$5.",
        [],
        id="stray-double-backticks",
    ),
    pytest.param(
        "Write a backtick as `` ` `` in code; it costs $5.",
        "Write a backtick as `` ` `` in code; it costs \\$5.",
        [],
        id="one-backtick-inside-double-backticks",
    ),
    pytest.param("Type ```cost $5 ``` here.", "Type ```cost $5 ``` here.", [], id="triple"),
    pytest.param(
        "Call `run()`{:.language-python} now.",
        "Call `run()` now.",
        [(3, "kramdown attribute list {:.language-python} dropped (MyST cannot show it)")],
        id="attribute-list-right-after-code",
    ),
    pytest.param(
        "Use the `--fast flag:\n```\nmake $5\n```\nIt costs $5.\n",
        "Use the `--fast flag:\n```\nmake $5\n```\nIt costs \\$5.\n",
        [],
        id="stray-backtick-before-a-code-block",
    ),
]


def test_a_fence_with_an_info_string_inside_code_does_not_close_it() -> None:
    text = "```md\n```X\n```\n"
    assert code_spans(text) == [(0, len(text))]


# --- Liquid ---------------------------------------------------------------------------

INCLUDES = {
    "commands.md": "    $ make\n    $ make install\n",
    "social.md": "Follow us on X\n",
}
SITE = SiteContext(read_include=INCLUDES.get)


def not_understood(tag: str) -> str:
    return f"Liquid {tag!r} is not understood; left as is"


def no_equivalent(tag: str) -> str:
    return f"{tag} has no MyST equivalent; kept as an HTML comment"


@pytest.mark.parametrize(
    ("body", "expected", "notes"),
    [
        pytest.param(
            "{% highlight python %}\n    x = 1\n{% endhighlight %}",
            "```python\n    x = 1\n```",
            [],
            id="highlight-keeps-indentation",
        ),
        pytest.param(
            "{% highlight python %}\nX = load()\nprint(X)\n{% endhighlight %}",
            "```python\nX = load()\nprint(X)\n```",
            [],
            id="highlight-keeps-its-first-and-last-characters",
        ),
        pytest.param(
            "{% highlight markdown %}\n```python\nx = 1\n```\n{% endhighlight %}",
            "````markdown\n```python\nx = 1\n```\n````",
            [],
            id="highlight-showing-a-fence",
        ),
        pytest.param(
            "Before\n\n{% include commands.md %}\n\nAfter: {% include social.md %}",
            "Before\n\n    $ make\n    $ make install\n\nAfter: Follow us on X",
            [],
            id="includes-keep-indentation-and-last-letter",
        ),
        pytest.param(
            "![x]({{ '/a.png' | prepend: site.baseurl }}) "
            '![y]({{ "b.png" | prepend: site.baseurl | prepend: site.url }})',
            "![x](/a.png) ![y](/b.png)",
            [],
            id="prepend-site-url",
        ),
        pytest.param(
            "The slides (slides.pdf) are below.\n\n[Slides]({% link slides.pdf %})\n",
            "The slides (slides.pdf) are below.\n\n[Slides]({% link slides.pdf %})\n",
            [(5, "{% link slides.pdf %} links to a page that was not imported; left as is")],
            id="link-to-a-page-not-imported-reported-once-on-its-line",
        ),
        pytest.param(
            "a\n{% include nope.html %}\n{{ page.x }}\n",
            "a\n<!-- {% include nope.html %} -->\n{{ page.x }}\n",
            [
                (4, no_equivalent("{% include nope.html %}")),
                (5, not_understood("{{ page.x }}")),
            ],
            id="unknown-include-and-tag",
        ),
        pytest.param(
            "{% include a.html %}\n{{ page.x }}\n{% include b.html %}\n",
            "<!-- {% include a.html %} -->\n{{ page.x }}\n<!-- {% include b.html %} -->\n",
            [
                (3, no_equivalent("{% include a.html %}")),
                (5, no_equivalent("{% include b.html %}")),
                (4, not_understood("{{ page.x }}")),
            ],
            id="unknown-tag-between-two-includes",
        ),
        pytest.param(
            '{% include figure.html\n  image="x.png"\n  caption="y" %}\n<!--\n{{ old }}\n-->\n',
            '<!-- {% include figure.html\n  image="x.png"\n  caption="y" %} -->\n'
            "<!--\n{{ old }}\n-->\n",
            [(3, no_equivalent('{% include figure.html\n  image="x.png"\n  caption="y" %}'))],
            id="tags-in-comments-over-several-lines-are-not-reported",
        ),
    ],
)
def test_liquid(body: str, expected: str, notes: list[tuple[int, str]]) -> None:
    text, found = convert_liquid(body, first_line=3, context=SITE)
    assert text == expected
    assert found == [Note(WARNING, message, line) for line, message in notes]
