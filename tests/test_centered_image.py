"""``centered-image``: Sphinx-handled, centred, responsive images, and located warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import build_copy, heading_text, page, warnings_of

POST = "news/2025-03-01-images"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    return build_copy("centered-image", tmp_path_factory)


def test_local_image_is_copied_and_linked_relative_to_the_page(built) -> None:
    html = page(built, POST)
    img = html.find("img", alt="The lab photo")
    assert img["src"] == "../_images/photo.png"
    assert (Path(built.outdir) / "_images" / "photo.png").is_file()
    relative = html.find("img", alt="A relative image")
    assert relative["src"] == "../_images/local.png"
    assert (Path(built.outdir) / "_images" / "local.png").is_file()


def test_image_is_centred_with_width_max_width_caption_and_target(built) -> None:
    img = page(built, POST).find("img", alt="The lab photo")
    wrapper = img.find_parent("div", class_="labnews-centered")
    assert wrapper["style"] == "max-width: 600px"
    figure = img.find_parent("figure")
    assert "align-center" in figure["class"]
    assert "width: 80%" in img["style"]
    assert img.parent.name == "a" and img.parent["href"] == "https://lab.example.org/team"
    caption = figure.find("figcaption")
    assert " ".join(heading_text(caption).split()) == "The team, smiling"
    assert caption.find("em").get_text() == "smiling"
    # a unitless max-width means pixels, as docutils reads :width:
    small = page(built, POST).find("img", alt="A relative image")
    assert small.find_parent("div", class_="labnews-centered")["style"] == "max-width: 300px"


def test_external_image_stays_a_link(built) -> None:
    img = page(built, POST).find("img", alt="A remote image")
    assert img["src"] == "https://cdn.example.org/remote.png"


def test_missing_file_warns_once_naming_post_line_and_path(built) -> None:
    warnings = warnings_of(built)
    assert re.search(
        r"news/2025-03-01-images\.md:26: WARNING: centered-image: image file "
        r"'/static/img/missing\.png' not found in the documentation source \[labnews\.image\]",
        warnings,
    ), warnings
    assert warnings.count("missing.png") == 1  # not Sphinx's "not readable" as well
    html = page(built, POST)
    assert html.find("img", alt="Not there") is None
    assert "Closing paragraph still builds." in html.get_text()


def test_missing_alt_warns(built) -> None:
    assert re.search(
        r"images\.md:30: WARNING: centered-image '/static/img/photo\.png' has no :alt: text",
        warnings_of(built),
    )


def test_path_leaving_the_source_is_refused(built) -> None:
    assert re.search(
        r"images\.md:33: WARNING: centered-image: '/static/\.\./\.\./outside\.png' points "
        r"outside the documentation source \[labnews\.image\]",
        warnings_of(built),
    )
    assert "outside.png" not in page(built, POST).decode()


def test_raw_img_html_warns_pointing_at_the_directive(built) -> None:
    assert re.search(
        r"images\.md:37: WARNING: raw HTML image <img src=\"/static/img/photo\.png\" alt=\"raw\">;"
        r" use the centered-image directive instead .*\[labnews\.raw_html\]",
        warnings_of(built),
    )


def test_no_other_warnings(built) -> None:
    lines = [line for line in warnings_of(built).splitlines() if line.strip()]
    assert len(lines) == 4, lines
