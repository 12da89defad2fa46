"""CSS values written from user input, shared by the ``centered-image`` directive and
the Jekyll importer (which turns ``<img width="800">`` into that directive's options)."""

from __future__ import annotations

import re


def css_length(value: str) -> str:
    """A docutils or HTML length as CSS: a unitless number means pixels, as for ``:width:``."""
    value = value.strip()
    return f"{value}px" if re.fullmatch(r"\d+(?:\.\d+)?", value) else value
