"""The importer reads other people's sites: a hostile post must not stall it.

Each case runs a pathological input of some 50,000 characters through a public
conversion function and asserts the output. Before the patterns were made linear
each took minutes (two quantifiers sharing one run of whitespace, or a lazy span
retried at every position); now each runs in milliseconds. No clock is read: a
regression shows as a test that hangs.
"""

from __future__ import annotations

from sphinx_labnews.jekyll import (
    SiteContext,
    convert_about,
    convert_html_blocks,
    convert_images,
    convert_kramdown,
    convert_links,
    convert_liquid,
    referenced_images,
)

RUN = 50_000
IMG = '<img src="/static/a.png" alt="A">'
DIRECTIVE = "```{centered-image} /static/b.png\n:alt: B\n```"
#: A well-formed block after the hostile one: it is still converted.
GOOD_BLOCK = '<div align="center">\n<img src="/static/b.png" alt="B">\n</div>\n'


def _messages(notes: list) -> list[str]:
    return [note.message for note in notes]


def test_image_block_with_a_long_run_of_spaces_before_text() -> None:
    # _IMAGE_BLOCK and _CAPTIONED_IMAGE_BLOCK: \s* after the <img> next to \s* before <br>
    hostile = f'<div align="center">{IMG}{" " * RUN}text</div>\n'
    text, notes = convert_images(hostile + "\n" + GOOD_BLOCK)
    assert text == hostile + "\n" + DIRECTIVE + "\n"
    assert "raw <img> HTML left in running text; rewrite it as a centered-image" in _messages(notes)


def test_image_block_with_a_long_run_of_blank_lines_before_text() -> None:
    hostile = f"<p>{IMG}{chr(10) * RUN}text</p>\n"
    text, _notes = convert_images(hostile + "\n" + GOOD_BLOCK)
    assert text.endswith("\n\n" + DIRECTIVE + "\n")
    assert text.startswith(f"<p>{IMG}\n")


def test_captioned_block_with_a_long_unclosed_italic_line() -> None:
    # _CAPTIONED_IMAGE_BLOCK: the caption's [^\n<]* next to the \s* before </div>
    hostile = f"<div>{IMG}<br>*{' ' * RUN}x\n"
    text, _notes = convert_images(hostile + "\n" + GOOD_BLOCK)
    assert text == hostile + "\n" + DIRECTIVE + "\n"


def test_figure_blocks_never_closed() -> None:
    # _FIGURE_BLOCK: a lazy caption scanned to the end of the post from every <figcaption>
    hostile = f"<figure>{IMG}<figcaption>a caption\n" * (RUN // 12)
    text, _notes = convert_images(hostile)
    assert text == hostile


def test_markdown_image_block_with_many_markdown_attributes() -> None:
    # _MARKDOWN_IMAGE_BLOCK: [^>]* on both sides of markdown=… retried at every occurrence
    hostile = "<div" + ' markdown="1"' * (RUN // 13) + "\n\nText.\n"
    text, _notes = convert_images(hostile)
    assert text == hostile


def test_bare_image_with_a_long_run_of_spaces_before_text() -> None:
    # _BARE_IMAGE: \s* after the <img> next to [ \t]* before the end of the line
    hostile = f"{IMG}{' ' * RUN}x\n"
    text, notes = convert_images(hostile + "\n" + GOOD_BLOCK)
    assert text == hostile + "\n" + DIRECTIVE + "\n"
    assert "raw <img> HTML left in running text; rewrite it as a centered-image" in _messages(notes)


def test_bare_image_still_takes_trailing_whitespace_and_a_closing_link() -> None:
    text, _notes = convert_images(f'<a href="/x">  {IMG}  \n  </a>  \n')
    assert text == ("\n```{centered-image} /static/a.png\n:alt: A\n:target: /x\n```\n")


def test_heading_of_hashes_then_text() -> None:
    # _HEADING: a lazy .*? before [ \t#]*$, retried at every # of the run
    body = "# " + "#" * RUN + "x\n\n## About us\n\nWe are a lab.\n"
    text, notes = convert_about(body, [], [])
    assert text == body
    assert [note.message for note in notes] == [
        "section 'About us' matches no registered About block; kept as written"
    ]


def test_heading_text_loses_its_closing_hashes_only() -> None:
    body = "Text.\n\n## About  # us ##  \n\nWe are a lab.\n"
    _text, notes = convert_about(body, [], [])
    assert _messages(notes) == [
        "section 'About  # us' matches no registered About block; kept as written"
    ]


def test_directive_argument_with_a_long_run_of_spaces() -> None:
    # _DIRECTIVE_ARG: a lazy .*? before [ \t]*$
    text = f"```{{centered-image}} /static/a.png{' ' * RUN}x  \n:alt: A\n```\n"
    assert referenced_images(text) == [f"/static/a.png{' ' * RUN}x"]


def test_liquid_tags_never_closed() -> None:
    # _LIQUID_ANY: a lazy .*? from every {% and {{ to the end of the post
    hostile = "{% x {{ y " * (RUN // 10)
    text, notes = convert_liquid("{{ page.title }}" + hostile)
    assert text == "{{ page.title }}" + hostile
    assert _messages(notes) == ["Liquid '{{ page.title }}' is not understood; left as is"]


def test_highlight_blocks_never_closed() -> None:
    # _LIQUID_HIGHLIGHT: the body's lazy .*? scanned to the end from every opener
    hostile = "{% highlight python %}\nx\n" * (RUN // 25)
    closed = "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n"
    text, _notes = convert_liquid(closed + hostile)
    assert text.startswith("```ruby\nputs 1\n```\n")
    assert text.endswith(hostile)


def test_raw_blocks_never_closed() -> None:
    # _LIQUID_RAW: the same lazy body from every {% raw %}
    hostile = "{% raw %}x" * (RUN // 10)
    text, _notes = convert_liquid("{% raw %}{{ kept }}{% endraw %}" + hostile)
    assert text.startswith("{{ kept }}{% raw %}x")


def test_pre_elements_never_closed() -> None:
    # _PRE: a lazy .*? from every <pre> (and <script>, <style>, <textarea>) to the end
    hostile = "<pre>x\n\n" * (RUN // 8)
    body = "<div>\n  <p>a</p>\n\n  <p>b</p>\n" + hostile + "</div>"
    text, _notes = convert_html_blocks(body)
    assert text == "<div>\n  <p>a</p>\n  <p>b</p>\n" + "<pre>x\n" * (RUN // 8) + "</div>"


def test_kramdown_extensions_never_closed() -> None:
    # _KRAMDOWN_EXTENSION: a lazy body from every {::comment} to the end of the post
    hostile = "{::comment}x" * (RUN // 12)
    text, _notes = convert_kramdown("{::nomarkdown}<b>b</b>{:/}" + hostile)
    assert text == "<b>b</b>" + hostile


def test_backtick_run_never_closed() -> None:
    # _INLINE_CODE: from every backtick of the run, every shorter run tried to the end
    body = "`$5` and " + "`" * RUN + " costs $5\n"
    text, _notes = convert_kramdown(body)
    assert text == "`$5` and " + "`" * RUN + " costs \\$5\n"


def test_paren_math_never_closed() -> None:
    # _PAREN_MATH: 2,000 characters scanned from every \\( that nothing closes
    hostile = "\\\\(" * (RUN // 3)
    text, _notes = convert_kramdown("\\\\(a + b\\\\) " + hostile)
    assert text == "$a + b$ " + hostile


def test_url_attribute_tags_never_closed() -> None:
    # _HTML_URL_ATTR: up to 2,000 characters tried for href=/src= after every <a
    context = SiteContext(docname="news/2024-05-01-a", post_urls={"/news/b/": "news/2024-04-01-b"})
    hostile = "<a " * (RUN // 3)
    text, *_rest = convert_links('<a href="/news/b/"><b>b</b></a> ' + hostile, context)
    assert text == '<a href="2024-04-01-b.html"><b>b</b></a> ' + hostile
