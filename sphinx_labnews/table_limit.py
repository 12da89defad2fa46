"""The cell limit for every table in a post, not only Markdown ones.

The post parser cuts Markdown tables while they are still tokens
(:data:`~sphinx_labnews.post_parser.MAX_TABLE_CELLS`). Tables from directives
(``{list-table}``, ``{csv-table}`` with inline content) and reStructuredText grid and
simple tables in ``{eval-rst}`` arrive as finished doctree nodes; this transform cuts
them the same way, as the first transform to run, before Sphinx's and docutils' own
passes over the doctree (which, with the garbage collector's passes over the nodes,
make a huge table cost more than its size).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .post_parser import MAX_TABLE_CELLS
from .post_security import NEWS_POST_FLAG
from .warnings_ import LabnewsWarnings, warn


def trim_table(tgroup: nodes.tgroup, limit: int = MAX_TABLE_CELLS) -> nodes.row | None:
    """Remove the body rows of ``tgroup`` past ``limit`` cells; the first row removed."""
    cells = 0
    first_cut: nodes.row | None = None
    for part in tgroup.findall(lambda n: isinstance(n, nodes.thead | nodes.tbody)):
        for row in list(part.children):
            if not isinstance(row, nodes.row):
                continue
            if first_cut is None and cells >= limit and isinstance(part, nodes.tbody):
                first_cut = row
            if first_cut is not None and isinstance(part, nodes.tbody):
                part.remove(row)
            else:
                cells += len(row.children)
    return first_cut


class LimitTableCells(SphinxTransform):
    """Cut every table of a post to :data:`MAX_TABLE_CELLS` cells, with a warning."""

    # before every transform of docutils and Sphinx (the lowest they use is 100)
    default_priority = 1

    def apply(self, **kwargs: object) -> None:
        # limits hold for every news post, trusted or not: they are about robustness
        if not self.env.temp_data.get(NEWS_POST_FLAG):
            return
        for table in list(self.document.findall(nodes.table)):
            for tgroup in table.findall(nodes.tgroup):
                cut = trim_table(tgroup)
                if cut is None:
                    continue
                line = table.line or next((n.line for n in table.findall() if n.line), None)
                warn(
                    f"table has more than {MAX_TABLE_CELLS} cells; the rows past the "
                    "limit are left out",
                    LabnewsWarnings.LIMIT,
                    location=(self.env.docname, line),
                )


def setup_table_limit(app: Sphinx) -> None:
    app.add_transform(LimitTableCells)
