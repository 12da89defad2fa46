"""Small sites on disk for the command tests."""

from __future__ import annotations

from pathlib import Path

SMART_LAB_TEXT = (
    "Smart Lab, led by Prof. Hao Chen, is committed to pushing the boundaries of trustworthy "
    "AI technologies for healthcare and science."
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def make_docs(root: Path, *, about: bool = True) -> Path:
    """A docs tree with conf.py registering About blocks (``smart-lab`` is a default)."""
    docs = root / "docs"
    conf = "extensions = ['sphinx_labnews']\n"
    if about:
        conf += (
            "labnews_about_blocks = {'smart-lab': '_about/smart-lab.md',\n"
            "                        'hkust': '_about/hkust.md'}\n"
            "labnews_default_about = ['smart-lab']\n"
        )
        write(docs / "_about/smart-lab.md", f"# About Smart Lab\n\n{SMART_LAB_TEXT}\n")
        write(docs / "_about/hkust.md", "# About HKUST\n\nHKUST is a university.\n")
    write(docs / "conf.py", conf)
    (docs / "news").mkdir(parents=True, exist_ok=True)
    return docs
