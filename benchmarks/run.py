"""Build N generated posts with sphinx-labnews, a plain ablog stack and Jekyll, side by side.

For each N and each setup, in one run: a full build, then rebuilds in place
after the edits contributors make, each a separate process timed from outside
(its peak RSS read with ``os.wait4``), counting the HTML pages each rewrote
(files new or with another mtime or size):

* ``nochange``: nothing edited;
* ``add``: a new post, the newest;
* ``newest``: the newest post's title fixed (the post just added);
* ``middle``: the title of a post in the middle of the archive edited, a post
  that shares its day with another, so an order by title would move it;
* ``unpublish``: a post in the middle set to ``published: False``;
* ``full -j``: a clean ``-j auto`` build (labnews only).

Setups: ``labnews`` (the project's defaults, ``docs/conf.py``), ``plain``
(ablog + MyST + pydata-sphinx-theme configured by hand, the same posts in
ablog's keys) and ``jekyll`` (Debian's ``jekyll``, a minimal site and post
layout, the same posts in the lab's Jekyll front matter; full build only: it is
the yardstick). Usage::

    python benchmarks/run.py 1000 3000 [--only labnews,jekyll] [--out FILE]
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datetime as dt  # noqa: E402
import random  # noqa: E402

from generate_posts import START, post_day, post_path, write_post, write_posts  # noqa: E402

REPO = HERE.parent
SETUPS = ("labnews", "plain", "jekyll")

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

JEKYLL_CONFIG = """title: Jekyll Lab
url: https://lab.example.org
permalink: /news/:year/:month/:day/:title.html
exclude: [_build]
"""
# the post page: title, date, content and previous/next links, as a post page shows
JEKYLL_POST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ page.title | escape }}</title></head>
<body><main>
<h1>{{ page.title | escape }}</h1>
<p>{{ page.date | date: "%d %B %Y" }} · {{ page.author | escape }}
 · {{ page.tags | join: ", " }}</p>
{{ content }}
<nav>
{% if page.previous %}<a href="{{ page.previous.url | relative_url }}">
  {{ page.previous.title | escape }}</a>{% endif %}
{% if page.next %}<a href="{{ page.next.url | relative_url }}">
  {{ page.next.title | escape }}</a>{% endif %}
</nav>
</main></body></html>
"""
JEKYLL_INDEX = """---
layout: null
---
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Lab news</title></head><body><ul>
{% for post in site.posts limit:5 %}<li><a href="{{ post.url | relative_url }}">
  {{ post.title | escape }}</a> {{ post.excerpt }}</li>
{% endfor %}</ul></body></html>
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system seconds, the process and its children
    rewritten: int = 0


def html_files(out: Path) -> dict[Path, tuple[int, int]]:
    """Each output HTML page's (mtime, size); the doctree cache is not output."""
    return {
        path: (path.stat().st_mtime_ns, path.stat().st_size)
        for path in out.rglob("*.html")
        if ".doctrees" not in path.parts
    }


def timed(command: list[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """One process; its wall time and peak resident memory."""
    with tempfile.TemporaryFile() as log:
        # a file, not a pipe: a pipe nobody reads blocks a build that logs a lot
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise RuntimeError(f"{command} failed:\n{log.read().decode()}")
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def build(variant: str, src: Path, out: Path, *extra: str) -> Run:
    """One build of ``src`` into ``out``, and how many HTML pages it (re)wrote."""
    before = html_files(out)
    if variant == "jekyll":
        command = ["jekyll", "build", "--quiet", "-s", str(src), "-d", str(out)]
        run = timed(command, dict(os.environ), cwd=src)
    else:
        path = str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")
        command = [sys.executable, "-m", "sphinx", "-q", *extra, str(src), str(out)]
        run = timed(command, dict(os.environ, PYTHONPATH=path))
    after = html_files(out)
    run.rewritten = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    return run


def sphinx_build(src: Path, out: Path, *extra: str) -> Run:
    """One ``sphinx-build`` process (kept for callers of the earlier benchmark)."""
    return build("labnews", src, out, *extra)


def make_site(root: Path, count: int, variant: str) -> Path:
    src = root / f"{variant}-{count}"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    if variant == "jekyll":
        (src / "_config.yml").write_text(JEKYLL_CONFIG, encoding="utf-8")
        (src / "_layouts").mkdir()
        (src / "_layouts" / "post.html").write_text(JEKYLL_POST, encoding="utf-8")
        (src / "index.html").write_text(JEKYLL_INDEX, encoding="utf-8")
        write_posts(src / "_posts", count, style="lab")
        return src
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


def posts_dir(src: Path, variant: str) -> Path:
    return src / ("_posts" if variant == "jekyll" else "news")


def add_post(src: Path, variant: str, count: int) -> None:
    """A new post, the day after the newest."""
    style = "ablog" if variant == "plain" else "lab"
    day = START + dt.timedelta(days=1)
    write_post(posts_dir(src, variant), count, random.Random(-count), style, day)


def fix_newest_title(src: Path, variant: str, count: int) -> None:
    """The newest post (the one just added) gets its title fixed."""
    newest = max(posts_dir(src, variant).glob("*.md"))
    text = newest.read_text("utf-8")
    newest.write_text(text.replace("Generated news item", "Fixed news item"), "utf-8")


def edit_middle_title(src: Path, variant: str, count: int) -> None:
    """A post in the middle that shares its day with the one before it; "Edited" sorts
    before "Generated", so ordering same-day posts by title would swap the two."""
    n = 10 * (count // 20) + 9
    assert post_day(n) == post_day(n - 1)
    path = post_path(posts_dir(src, variant), n)
    text = path.read_text("utf-8")
    path.write_text(text.replace("Generated news item", "Edited news item"), "utf-8")


def unpublish_middle(src: Path, variant: str, count: int) -> None:
    """The post before the one whose title was edited is unpublished (``published: False``)."""
    n = 10 * (count // 20) + 7
    path = post_path(posts_dir(src, variant), n)
    text = path.read_text("utf-8")
    assert "published: True" in text
    path.write_text(text.replace("published: True", "published: False", 1), "utf-8")


EDITS: dict[str, Callable[[Path, str, int], None] | None] = {
    "nochange": None,
    "add": add_post,
    "newest": fix_newest_title,
    "middle": edit_middle_title,
    "unpublish": unpublish_middle,
}
#: The plain stack re-reads every post in every build (its "no change" shows it),
#: so two of its edits tell all; the others would only make the run longer.
PLAIN_EDITS = ("nochange", "middle")


def measure(root: Path, count: int, variant: str, jobs: bool = True) -> dict[str, Run]:
    src = make_site(root, count, variant)
    out = src / "_build"
    results = {"full": build(variant, src, out)}
    if variant == "jekyll":
        return results
    for name, edit in EDITS.items():
        if variant == "plain" and name not in PLAIN_EDITS:
            continue
        if edit is not None:
            edit(src, variant, count)
        results[name] = build(variant, src, out)
    if jobs and variant == "labnews":
        shutil.rmtree(out)
        results["full -j"] = build(variant, src, out, "-j", "auto")
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


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} {five:.1f} {fifteen:.1f}"


COLUMNS = ["full", "nochange", "add", "newest", "middle", "unpublish", "full -j"]


def row(count: int, variant: str, runs: dict[str, Run], jekyll: Run | None) -> str:
    def cell(name: str) -> str:
        if name not in runs:
            return "-"
        run = runs[name]
        # seconds always; their multiple of Jekyll's full build when Jekyll ran too
        wall = f"{run.seconds:.1f}" + (f" ({run.seconds / jekyll.seconds:.1f}x)" if jekyll else "")
        cpu = f"cpu {run.cpu:.1f}" + (f" ({run.cpu / jekyll.cpu:.1f}x)" if jekyll else "")
        pages = f"{run.rewritten} p" if name not in ("full", "full -j") else ""
        return "<br>".join(part for part in (wall, cpu, pages) if part)

    peak = max(run.peak_mb for run in runs.values())
    full = runs["full"]
    per_post = f"{1000 * full.seconds / count:.1f} / cpu {1000 * full.cpu / count:.1f}"
    cells = " | ".join(cell(name) for name in COLUMNS)
    return f"| {count} | {variant} | {cells} | {peak:.0f} | {per_post} | {load()} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--only", help="comma-separated setups: " + ",".join(SETUPS))
    parser.add_argument("--no-jobs", action="store_true", help="skip the -j auto build")
    parser.add_argument("--out", type=Path, help="also write the Markdown table here")
    args = parser.parse_args(argv)
    variants = [v for v in SETUPS if not args.only or v in args.only.split(",")]
    lines = [
        f"Machine: {machine()}; load average at start {load()}",
        "",
        "Each cell: wall seconds and CPU seconds (user + system), each also as a multiple "
        "of Jekyll's full build of the same posts in this run, and the HTML pages "
        "rewritten (p); load average (1, 5, 15 min) when the row finished.",
        "",
        "| posts | setup | full build | no change | post added | newest title fixed | "
        "middle title edited | post unpublished | full, -j auto | peak memory (MB) | "
        "full per post, ms (wall / cpu) | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory(prefix="labnews-bench-") as tmp:
        for count in args.counts:
            jekyll = None
            # Jekyll first: the others' ratios are to its full build
            for variant in sorted(variants, key=lambda v: v != "jekyll"):
                runs = measure(Path(tmp), count, variant, jobs=not args.no_jobs)
                if variant == "jekyll":
                    jekyll = runs["full"]
                lines.append(row(count, variant, runs, jekyll))
                print(lines[-1], flush=True)
                shutil.rmtree(Path(tmp) / f"{variant}-{count}", ignore_errors=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
