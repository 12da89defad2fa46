"""``labnews``: the contributors' command. Each subcommand is a module of its own.

The parser is built inside :func:`main` (nothing happens at import), and
:func:`main` returns the exit code instead of exiting, so tests call it like any
function: 0 success, 1 failure (a :class:`~.site.CommandError` is printed, not
raised), 130 on Ctrl-C. ``--help`` (0) and usage errors (2) exit through
argparse's ``SystemExit``, as in pre-commit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__
from .site import CommandError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="labnews",
        description="Write, import and check the news posts of a sphinx-labnews site.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="start a new post",
        description="Write DEST/YYYY-MM-DD-slug.md with the lab's front matter filled in. "
        "Never overwrites an existing post.",
    )
    new.add_argument("title", metavar="TITLE", help="the post's title")
    new.add_argument("--author", help="author name")
    new.add_argument("--tags", help="comma-separated tags, e.g. 'award,students'")
    new.add_argument("--group", default="news", help="the post's group (default: news)")
    new.add_argument("--cover", help="cover image, e.g. /static/img/news/x.png")
    new.add_argument("--date", help="YYYY-MM-DD (default: today)")
    new.add_argument("--dest", type=Path, default=Path("docs/news"), help="default: docs/news")

    init = commands.add_parser(
        "init",
        help="start a new news site",
        description="Write a complete, working sphinx-labnews site into DIR: conf.py, the "
        "landing page with the latest news, the archive page, news/ and static/. "
        "Never overwrites an existing file.",
    )
    init.add_argument("folder", metavar="DIR", type=Path, help="the site's source folder")

    importer = commands.add_parser(
        "import-jekyll",
        help="convert a Jekyll site's posts",
        description="Convert the posts of a Jekyll site (_posts/ and its subfolders, the "
        "collections it writes such as _news/; .md, .markdown, .mkd, .mkdn, .mkdown and "
        ".html) into MyST posts in DEST, copy their images and linked files, and record "
        "redirects from the old URLs. Names every file it did not import, and ends with "
        "what sphinx-build -W will still warn about. Exits 1 if any post could not be "
        "converted (the others are still converted).",
    )
    importer.add_argument("site_root", metavar="SITE_ROOT", type=Path, help="the Jekyll site")
    importer.add_argument(
        "--dest", type=Path, help="default: docs/news (DIR/news with --new-site DIR)"
    )
    importer.add_argument(
        "--conf-dir",
        type=Path,
        help="folder of conf.py (default: docs; DIR with --new-site DIR)",
    )
    importer.add_argument("--dry-run", action="store_true", help="report, write nothing")
    importer.add_argument(
        "--force", action="store_true", help="overwrite posts edited since the last import"
    )
    importer.add_argument(
        "--posts-dir",
        type=Path,
        action="append",
        metavar="FOLDER",
        help="read posts from this folder of the site instead of Jekyll's own (repeatable)",
    )
    importer.add_argument("--drafts", action="store_true", help="import _drafts/ too")
    importer.add_argument(
        "--new-site",
        type=Path,
        metavar="DIR",
        help="first write a new site into DIR (as labnews init), then import into DIR/news",
    )
    importer.add_argument(
        "--about-from-site",
        action="store_true",
        help="find boilerplate sections repeated across posts, write them as About blocks "
        "(_about/KEY.md) and convert the posts with them",
    )
    importer.add_argument(
        "--no-build-check",
        action="store_true",
        help="skip the build that lists what sphinx-build -W will still warn about",
    )

    check = commands.add_parser(
        "check",
        help="report what sphinx-build -W would fail on",
        description="Build the site quietly into a private folder (CONF_DIR/_build/"
        ".labnews-check) and print every warning located in the given posts (every "
        "warning of the site when no PATH is given). Exits 1 if there is any, as "
        "sphinx-build -W would.",
    )
    check.add_argument(
        "paths", metavar="PATH", nargs="*", type=Path, help="posts or folders (default: all)"
    )
    check.add_argument(
        "--conf-dir", type=Path, default=Path("docs"), help="folder of conf.py (default: docs)"
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="accepted for old hook configurations; every warning fails now",
    )
    return parser


def _run(args: argparse.Namespace) -> int:
    if args.command == "new":
        from .new import new_post

        return new_post(
            args.title,
            dest=args.dest,
            author=args.author,
            tags=args.tags,
            group=args.group,
            cover=args.cover,
            date=args.date,
        )
    if args.command == "init":
        from .init import init_site

        return init_site(args.folder)
    if args.command == "import-jekyll":
        from .import_jekyll import import_jekyll

        site = args.new_site or Path("docs")
        return import_jekyll(
            args.site_root,
            dest=args.dest or site / "news",
            conf_dir=args.conf_dir or site,
            dry_run=args.dry_run,
            force=args.force,
            posts_dirs=args.posts_dir,
            drafts=args.drafts,
            new_site=args.new_site,
            about_from_site=args.about_from_site,
            build_check=not args.no_build_check,
        )
    from .check import check_posts

    return check_posts(args.paths, conf_dir=args.conf_dir)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``labnews``; returns the exit code (0 success, 1 failure, 2 usage, 130 Ctrl-C)."""
    parser = build_parser()
    # --help and --version exit 0 and usage errors exit 2, through argparse's SystemExit
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return _run(args)
    except CommandError as error:
        print(f"labnews {args.command}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
