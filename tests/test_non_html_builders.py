"""Both directives in builders other than HTML: no crash, the content is kept."""

from __future__ import annotations

from pathlib import Path

from helpers import build, copy_root, warnings_of


def test_text_builder_keeps_about_heading_and_image(tmp_path: Path) -> None:
    app = build(copy_root("non-html", tmp_path), "text", freshenv=True)
    try:
        assert warnings_of(app) == ""
        text = (Path(app.outdir) / "news" / "2025-02-01-both.txt").read_text("utf-8")
        assert "About The Lab" in text and "LABBODYTEXT" in text
        assert "[image: The lab photo]" in text
        assert "A caption" in text
    finally:
        app.cleanup()


def test_latex_builder_includes_the_image_and_the_about_section(tmp_path: Path) -> None:
    app = build(copy_root("non-html", tmp_path), "latex", freshenv=True)
    try:
        assert warnings_of(app) == ""
        tex = (Path(app.outdir) / "post.tex").read_text("utf-8")
        assert r"\sphinxincludegraphics{{photo}.png}" in tex
        assert (Path(app.outdir) / "photo.png").is_file()
        assert r"\caption{A caption}" in tex
        assert r"\section{About The Lab}" in tex and "LABBODYTEXT" in tex
    finally:
        app.cleanup()
