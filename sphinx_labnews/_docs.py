"""Directives for this project's own documentation.

The configuration reference is generated from :class:`~sphinx_labnews.config.LabnewsConfig`,
so the table in the user guide lists exactly the options the code declares.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from .config import FIELDS, LabnewsConfig
from .warnings_ import LabnewsWarnings


class LabnewsConfigDirective(SphinxDirective):
    """Render every ``labnews_*`` option as a Sphinx ``confval`` (so ``{confval}`` links work).

    The page using it must be MyST: the entries are written as MyST directives.
    """

    def run(self) -> list[nodes.Node]:
        defaults = LabnewsConfig()
        lines: list[str] = []
        for config_field in FIELDS:
            types = " or ".join(t.__name__ for t in config_field.metadata["types"])
            lines += [
                f"```{{confval}} labnews_{config_field.name}",
                f":type: {types}",
                f":default: ``{getattr(defaults, config_field.name)!r}``",
                "",
                config_field.metadata["help"],
                "```",
                "",
            ]
        container = nodes.container(classes=["labnews-config"])
        self.state.nested_parse(StringList(lines, source="sphinx_labnews.config"), 0, container)
        return container.children


class LabnewsWarningsDirective(SphinxDirective):
    """List the warning names users can put in ``suppress_warnings``."""

    def run(self) -> list[nodes.Node]:
        items = nodes.bullet_list()
        for warning in LabnewsWarnings:
            paragraph = nodes.paragraph()
            paragraph += nodes.literal(warning.code, warning.code)
            paragraph += nodes.Text(": " + warning.description)
            items += nodes.list_item("", paragraph)
        return [items]
