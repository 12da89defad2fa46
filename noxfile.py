"""Development sessions.

``nox`` runs ``lint``, ``mypy``, ``tests`` and ``docs``. Others, by name:
``nox -s preview`` (live preview), ``nox -s matrix`` (Python 3.11-3.13 x Sphinx 8.1 and
9.x), ``nox -s docs_rtd`` (the docs as Read the Docs builds them), ``nox -s bench``.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

nox.options.sessions = ["lint", "mypy", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True

PYTHONS = ["3.11", "3.12", "3.13"]

#: The oldest versions of our dependencies, installed in the Sphinx 8.1 cells of the
#: matrix so that the lower bounds in pyproject.toml are tested, not just declared.
LOWEST = [
    "sphinx==8.1.*",
    "docutils==0.21.2",
    "myst-parser==4.0.0",
    "ablog==0.11.13",
    "sphinx-design==0.8.0",
    "feedgen==1.0.0",
    "PyYAML==6.0.2",
    "python-dateutil==2.9.0.post0",
    "sphinxext-rediraffe==0.2.7",
    "pydata-sphinx-theme==0.16.0",
    "sphinx-sitemap==2.9.0",
    "sphinxext-opengraph==0.13.0",
    "sphinx-notfound-page==1.1.0",
]

#: Read the Docs' variables for the ``docs_rtd`` session.
RTD_ENV = {
    "READTHEDOCS": "True",
    "READTHEDOCS_VERSION": "latest",
    "READTHEDOCS_CANONICAL_URL": "https://sphinx-labnews.readthedocs.io/en/latest/",
}


def _find_pyenv_pythons() -> None:
    """Let nox find interpreters installed with pyenv but not on ``PATH``."""
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if not root.is_dir():
        return
    extra = [str(path / "bin") for path in sorted(root.iterdir()) if (path / "bin").is_dir()]
    os.environ["PATH"] = os.pathsep.join([os.environ.get("PATH", ""), *extra])


_find_pyenv_pythons()


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (``-- -m "not slow"`` skips the property and reproducibility tests)."""
    session.install("-e", ".[site,test]")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHONS, default=False)
@nox.parametrize("sphinx", ["8.1", "9"])
def matrix(session: nox.Session, sphinx: str) -> None:
    """The tests on each supported Python and Sphinx; Sphinx 8.1 with the lowest dependencies.

    ``nox -s matrix`` runs every cell, ``nox -s "matrix-3.12(sphinx='9')"`` one.
    """
    args = list(session.posargs or ["-q"])
    if sphinx == "8.1":
        session.install("-e", ".[site,test]", *LOWEST)
        # the lab's own site (docs/) uses pydata-sphinx-theme >= 0.22 (its
        # templates_skip_empty_check), which needs Sphinx >= 8.2: the tests that build
        # docs/ run in the Sphinx 9 cells
        args += ["--ignore=tests/test_docs_site.py", "--ignore=tests/test_browser.py"]
    else:
        session.install("-e", ".[site,test]", "sphinx>=9,<10")
    session.run(
        "python",
        "-c",
        "import sphinx, myst_parser, ablog; print(sphinx.__version__, "
        "myst_parser.__version__, ablog.__version__)",
    )
    session.run("pytest", "-p", "no:cacheprovider", *args)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the news site into ``_build/``, failing on any warning."""
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "_build", *session.posargs
    )


@nox.session(default=False)
def docs_rtd(session: nox.Session) -> None:
    """The docs as Read the Docs builds them: newest Sphinx first, then the package, its env."""
    session.install("--upgrade", "sphinx")
    session.install(".[docs]")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-b",
        "html",
        "docs",
        "_build/rtd",
        *session.posargs,
        env=RTD_ENV,
    )


@nox.session(default=False)
def preview(session: nox.Session) -> None:
    """Live preview: rebuild on save and reload the browser (http://127.0.0.1:8000)."""
    session.install("-e", ".[docs]", "sphinx-autobuild>=2024.10")
    session.run(
        "sphinx-autobuild",
        "docs",
        "_build/preview",
        "--watch",
        "sphinx_labnews",
        *session.posargs,
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, for lint and format."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def mypy(session: nox.Session) -> None:
    """Type-check the package (configuration in pyproject.toml)."""
    session.install("-e", ".[site]", "mypy>=1.11", "types-PyYAML", "types-python-dateutil")
    session.run("mypy", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Time full builds and the edits contributors make against plain ablog and Jekyll.

    ``nox -s bench -- 1000 3000`` (default 100 1000); results also go to
    ``benchmarks/results/latest.md``.
    """
    session.install("-e", ".[site]")
    args = session.posargs or ["100", "1000"]
    session.run("python", "benchmarks/run.py", *args, "--out", "benchmarks/results/latest.md")


@nox.session
def mutation(session: nox.Session) -> None:
    """Mutation testing (mutmut) of the pure modules, against their fast unit tests.

    ``nox -s mutation`` runs frontmatter, incremental, feeds and jekyll, and the compat
    modules that came out of them, in one mutmut run (5500 mutants, jekyll 3300 of
    them: about 20 min on 2 cores);
    ``nox -s mutation -- feeds compat.ablog`` (any module names, dotted below the
    package) runs those only.
    ``[tool.mutmut]`` in pyproject.toml names the modules and the tests; mutmut runs
    each mutant only against the tests that call the mutated function. Survivors:
    ``mutmut results``, ``mutmut show <name>``. The target is under 10% not killed
    (survived or no tests) per module.
    """
    session.install("-e", ".[test]", "mutmut>=3.3")
    modules = session.posargs or [
        "frontmatter",
        "incremental",
        "feeds",
        "jekyll",
        "compat.ablog",
        "compat.output_cleanup",
        "compat.templates",
    ]
    patterns = [f"sphinx_labnews.{module}.*" for module in modules]
    session.run("mutmut", "run", "--max-children", "2", *patterns)
    session.run("mutmut", "results")
    session.run("python", "-c", _MUTATION_SUMMARY, *modules)


#: Per module: mutants by mutmut's status, and the share not killed (survived or no tests).
_MUTATION_SUMMARY = """
import collections, json, sys
from mutmut.stats import status_by_exit_code
for module in sys.argv[1:]:
    path = module.replace(".", "/")
    with open(f"mutants/sphinx_labnews/{path}.py.meta", encoding="utf-8") as meta:
        codes = json.load(meta)["exit_code_by_key"].values()
    count = collections.Counter(status_by_exit_code[code] for code in codes)
    checked = sum(count.values()) - count["not checked"]
    alive = count["survived"] + count["no tests"]
    share = 100 * alive / checked if checked else 0
    print(f"{module}: {dict(sorted(count.items()))}; not killed {alive}/{checked} = {share:.1f}%")
"""


@nox.session(default=False)
def bench10k(session: nox.Session) -> None:
    """The benchmark at 10 000 posts, labnews against Jekyll (long: the better part of an
    hour on 2 cores); results go to ``benchmarks/results/10k.md``."""
    session.install("-e", ".[site]")
    session.run(
        "python",
        "benchmarks/run.py",
        "10000",
        "--only",
        "labnews,jekyll",
        "--out",
        "benchmarks/results/10k.md",
    )
