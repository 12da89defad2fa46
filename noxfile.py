"""Development sessions: ``nox -s tests``, ``nox -s docs``, ``nox -s lint``."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests", "docs"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the news site into ``_build/``, failing on any warning."""
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "docs", "_build", *session.posargs
    )


@nox.session
def lint(session: nox.Session) -> None:
    """ruff, for lint and format."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def bench(session: nox.Session) -> None:
    """Time full, no-change and one-edit builds at several sizes against plain ablog.

    ``nox -s bench -- 100 1000 3000`` (default 100 1000); results also go to
    ``benchmarks/results/latest.md``.
    """
    session.install("-e", ".")
    args = session.posargs or ["100", "1000"]
    session.run("python", "benchmarks/run.py", *args, "--out", "benchmarks/results/latest.md")


@nox.session
def mutation(session: nox.Session) -> None:
    """Mutation testing (mutmut) of the pure modules, against their fast unit tests.

    ``nox -s mutation`` runs frontmatter, jekyll and feeds, one module after the other;
    ``nox -s mutation -- incremental`` (or any module names) runs those instead.
    ``[tool.mutmut]`` in pyproject.toml names the modules and the tests; mutmut runs
    each mutant only against the tests that call the mutated function. Survivors:
    ``mutmut results``, ``mutmut show <name>``.
    """
    session.install("-e", ".[test]", "mutmut>=3.3")
    modules = session.posargs or ["frontmatter", "jekyll", "feeds"]
    for module in modules:
        session.run("mutmut", "run", "--max-children", "2", f"sphinx_labnews.{module}.*")
    session.run("mutmut", "results")
