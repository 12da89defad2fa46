"""Build N generated posts with sphinx-labnews and with a plain ablog stack, side by side.

For each N: a full build, a rebuild with nothing changed, a rebuild after
editing one post's title, and the peak memory of each, for

* ``labnews``: the project's defaults (``docs/conf.py``, as users build it), and
* ``plain``: ablog + MyST + pydata-sphinx-theme configured by hand, the same
  posts in ablog's own front-matter keys.

Each build is a separate ``python -m sphinx SRC OUT`` process, timed from
outside, its peak RSS read with ``os.wait4``. Usage::

    python benchmarks/run.py 100 1000 3000 [--only labnews] [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_posts import write_posts  # noqa: E402

REPO = HERE.parent

PLAIN_CONF = """
project = "Plain Lab"
extensions = ["myst_parser", "ablog"]
html_theme = "pydata_sphinx_theme"
blog_post_pattern = "news/*"
blog_baseurl = "https://lab.example.org/"
html_baseurl = "https://lab.example.org/"
blog_path = "news"
post_auto_image = 1
exclude_patterns = ["_build"]
html_sidebars = {"news/**": ["ablog/postcard.html", "ablog/recentposts.html",
                             "ablog/categories.html", "ablog/archives.html"]}
"""

INDEX = "# Lab news\n\n```{postlist} 5\n:excerpts:\n```\n"


@dataclass
class Run:
    seconds: float
    peak_mb: float


def sphinx_build(src: Path, out: Path, *extra: str) -> Run:
    """One ``sphinx-build`` process; its wall time and peak resident memory."""
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryFile() as log:
        # a file, not a pipe: a pipe nobody reads blocks a build that logs a lot
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "sphinx", "-q", *extra, str(src), str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise RuntimeError(f"sphinx-build failed for {src}:\n{log.read().decode()}")
    return Run(seconds, usage.ru_maxrss / 1024)


def make_site(root: Path, count: int, variant: str) -> Path:
    src = root / f"{variant}-{count}"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    if variant == "labnews":
        shutil.copy(REPO / "docs" / "conf.py", src / "conf.py")
        for folder in ("_about", "_static"):
            shutil.copytree(REPO / "docs" / folder, src / folder)
        write_posts(src / "news", count, style="lab")
    else:
        (src / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
        write_posts(src / "news", count, style="ablog")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    return src


def edit_one_title(src: Path) -> None:
    post = sorted((src / "news").glob("*.md"))[len(list((src / "news").glob("*.md"))) // 2]
    text = post.read_text("utf-8")
    post.write_text(text.replace("Generated news item", "Edited news item", 1), "utf-8")


def measure(root: Path, count: int, variant: str) -> dict[str, Run]:
    src = make_site(root, count, variant)
    out = src / "_build"
    results = {"full": sphinx_build(src, out)}
    results["nochange"] = sphinx_build(src, out)
    edit_one_title(src)
    results["edit"] = sphinx_build(src, out)
    return results


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {os.cpu_count()} cores ({model}), Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--only", choices=["labnews", "plain"])
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    args = parser.parse_args(argv)
    variants = [args.only] if args.only else ["labnews", "plain"]
    lines = [
        f"Machine: {machine()}",
        "",
        "| posts | setup | full build (s) | no change (s) | one title edited (s) | "
        "peak memory (MB) | full build per post (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    print(lines[0], flush=True)
    with tempfile.TemporaryDirectory(prefix="labnews-bench-") as tmp:
        for count in args.counts:
            for variant in variants:
                runs = measure(Path(tmp), count, variant)
                peak = max(run.peak_mb for run in runs.values())
                row = (
                    f"| {count} | {variant} | {runs['full'].seconds:.1f} | "
                    f"{runs['nochange'].seconds:.2f} | {runs['edit'].seconds:.2f} | "
                    f"{peak:.0f} | {1000 * runs['full'].seconds / count:.1f} |"
                )
                lines.append(row)
                print(row, flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
