"""Named warnings, so users can silence exactly the ones they accept.

Every warning is logged with ``type="labnews"`` and one of the subtypes below, so
``suppress_warnings = ["labnews.frontmatter"]`` in ``conf.py`` silences one kind and
``-W`` turns the rest into a failed build. ``labnews check`` prints the same names.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

LOGGER = logging.getLogger("sphinx_labnews")


class LabnewsWarnings(Enum):
    """The warning subtypes the extension emits, each with what it means."""

    description: str

    def __new__(cls, subtype: str, description: str = "") -> LabnewsWarnings:
        member = object.__new__(cls)
        member._value_ = subtype
        member.description = description
        return member

    FRONTMATTER = (
        "frontmatter",
        "Front matter that is not YAML, not a mapping, or has duplicate keys.",
    )
    TITLE = ("title", "A post without a usable ``title``.")
    DATE = ("date", "A post date that does not exist or cannot be read.")
    FIELD_TYPE = ("field_type", "A front-matter field whose value has the wrong type.")
    ENCODING = (
        "encoding",
        "A post that is not UTF-8 text, or a link to a file outside the documentation "
        "source; it is left out of the build.",
    )
    PUBLISHED = ("published", "A ``published`` value that is neither true nor false.")
    IMAGE = (
        "image",
        "An image (cover or ``centered-image``) with a missing file, no alt text, or a "
        "path outside the documentation source.",
    )
    RAW_HTML = ("raw_html", "Raw ``<img>`` HTML left in a post.")
    ABOUT = (
        "about",
        "An unknown About block key, a block used twice in a post, or an unreadable block file.",
    )
    CONFIG = ("config", "An invalid ``labnews_*`` configuration value.")
    SECURITY = (
        "security",
        "Something a post may not do, refused: MyST configuration in its front matter, "
        "a file read or an image or download from outside the documentation source, a "
        "``javascript:``/``vbscript:``/``data:`` link, an unsafe ``og:`` key, raw HTML "
        "outside the allow-list (removed, naming what). See "
        "*What a post can and cannot do* in the guide.",
    )
    LIMIT = (
        "limit",
        "A post over a size limit: larger than ``labnews_max_post_bytes``, directives "
        "nested too deeply, or a table (of any kind) with too many cells; the excess is left out.",
    )
    RESERVED_NAME = (
        "reserved_name",
        "A post whose file name is the name of a page the site generates (a year, "
        "``tag``, ``archive``, ``drafts``…); it is left out of the build until renamed.",
    )
    REDIRECT = (
        "redirect",
        "A redirect that would be written outside the output folder, is not a plain page "
        "name, loops, or points at a page that is not built; it is not written.",
    )
    OUTPUT_PATH = (
        "output_path",
        "A generated file whose path would leave the output folder; it is not written.",
    )
    POST_CLAIM = (
        "post_claim",
        "A document that both ablog (``blogpost`` front matter, ``blog_post_pattern``) and "
        "sphinx-labnews (lab front matter, ``labnews_post_pattern``) would make a post; it "
        "stays an ablog post.",
    )

    @property
    def code(self) -> str:
        """What ``suppress_warnings`` takes: ``labnews.<subtype>``."""
        return f"labnews.{self.value}"


def warn(
    message: str,
    subtype: LabnewsWarnings,
    *,
    location: Any = None,
) -> None:
    """Log a Sphinx warning that ``-W`` and ``suppress_warnings`` both see.

    The ``[labnews.<subtype>]`` suffix is what Sphinx itself prints for typed
    warnings from Sphinx 8 on; we pass the type and let Sphinx format it.
    """
    LOGGER.warning(message, type="labnews", subtype=subtype.value, location=location)
