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
    """Time full builds and the edits contributors make against plain ablog and Jekyll.

    ``nox -s bench -- 1000 3000`` (default 100 1000); results also go to
    ``benchmarks/results/latest.md``.
    """
    session.install("-e", ".")
    args = session.posargs or ["100", "1000"]
    session.run("python", "benchmarks/run.py", *args, "--out", "benchmarks/results/latest.md")


@nox.session
def bench10k(session: nox.Session) -> None:
    """The benchmark at 10 000 posts, labnews against Jekyll (long: the better part of an
    hour on 2 cores); results go to ``benchmarks/results/10k.md``."""
    session.install("-e", ".")
    session.run(
        "python",
        "benchmarks/run.py",
        "10000",
        "--only",
        "labnews,jekyll",
        "--out",
        "benchmarks/results/10k.md",
    )
