"""The modules the docs call pure import no Sphinx, docutils or ablog.

The importer and the About-file format are shared by the build and the CLI; a
Sphinx import creeping in would make them slow to start and tie them to a build.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PURE = ["frontmatter", "jekyll", "about_source", "css", "site_paths"]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_sphinx(module: str) -> None:
    code = (
        f"import sys, sphinx_labnews.{module}\n"
        "print(sorted({name.split('.')[0] for name in sys.modules}"
        " & {'sphinx', 'docutils', 'ablog', 'myst_parser'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
