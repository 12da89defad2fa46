"""The end of the import report: what ``sphinx-build -W`` will still warn about.

An import that says "failed 0" and is followed by a failing ``sphinx-build -W``
misleads the user at the worst moment, their first try. So the importer builds
the site in-process (:func:`sphinx_labnews.cli.check.collect_warnings`, the same
parser and post discovery as the build) and ends with every warning that will
fail ``-W``, grouped by name with a count and the fix, or says that ``-W`` will
pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

#: What to do about each kind of warning (``type.subtype``); others get the generic advice.
FIXES = {
    "labnews.raw_html": "rewrite each as ```{centered-image} path``` with :alt:",
    "labnews.image": "add the missing image files (or fix the paths) in the listed posts",
    "labnews.about": "register the About block in conf.py (labnews_about_blocks) or remove it",
    "labnews.date": "write the date as YYYY/MM/DD in the listed posts",
    "labnews.title": "give each listed post a title",
    "labnews.frontmatter": "fix the front matter of the listed posts",
    "labnews.published": "write published: true or published: false",
    "myst.xref_missing": "fix or remove the links to pages that do not exist",
    "myst.header": "start the post's headings at ## or ### without skipping a level",
    "image.not_readable": "add the missing image files (or fix the paths)",
}
EXAMPLES = 3


def _name(warning: Any) -> str:
    kind = getattr(warning, "type", None) or ""
    subtype = getattr(warning, "subtype", None) or ""
    return f"{kind}.{subtype}" if kind and subtype else kind or "sphinx"


def group_warnings(warnings: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Warnings grouped by name (``labnews.raw_html``), most frequent first."""
    groups: dict[str, list[Any]] = {}
    for warning in warnings:
        groups.setdefault(_name(warning), []).append(warning)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))


def format_warning_report(warnings: Sequence[Any]) -> list[str]:
    """The report's closing lines: one paragraph per warning name, with the fix."""
    if not warnings:
        return ["sphinx-build -W will pass: the imported site builds without warnings."]
    verb = "remains" if len(warnings) == 1 else "remain"
    lines = [f"sphinx-build -W will fail: {_count(len(warnings))} {verb}."]
    for name, items in group_warnings(warnings):
        fix = FIXES.get(name, "fix the listed lines")
        suppress = f"suppress_warnings = [{name!r}]" if "." in name else None
        advice = f"{fix}" + (f", or set {suppress} in conf.py" if suppress else "")
        lines.append(f"  {_count(len(items))} {name}: {advice}")
        for warning in items[:EXAMPLES]:
            text = warning.format() if hasattr(warning, "format") else str(warning)
            lines.append(f"      {text}")
        if len(items) > EXAMPLES:
            lines.append(f"      … and {len(items) - EXAMPLES} more")
    return lines


def report_build_warnings(conf_dir: Path, *, out: TextIO) -> str:
    """Build the site, print what warns; returns the summary's verdict on ``-W``."""
    from .check import collect_warnings

    try:
        warnings = collect_warnings(conf_dir)
    except Exception as error:  # the report must end even if the build cannot run
        print(f"The build could not be run to check it ({type(error).__name__}: {error})", file=out)
        return "sphinx-build -W not checked"
    for line in format_warning_report(warnings):
        print(line, file=out)
    if not warnings:
        return "sphinx-build -W will pass"
    return f"sphinx-build -W will fail with {_count(len(warnings))} (listed above)"


def _count(number: int) -> str:
    return f"{number} warning" + ("" if number == 1 else "s")
