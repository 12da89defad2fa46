"""Raw HTML in a news post, sanitised with nh3 (the Python bindings of Rust's ammonia).

Raw HTML reaches the page as written: MyST's ``html_block``/``html_inline``, the
``{raw} html`` directive and ``.. raw:: html`` in ``{eval-rst}`` all become
``nodes.raw`` that the HTML writer copies byte for byte. Posts imported from Jekyll
use it legitimately (centred ``<div>``, sized ``<img>``, tables, ``<details>``,
embedded video), so it is not refused; in an untrusted post each raw HTML node is
cleaned against an allow-list (:data:`TAGS`, :data:`ATTRIBUTES`, http/https/mailto
and relative URLs, iframes only from ``labnews_iframe_hosts``) and what was removed
is reported, one ``labnews.security`` warning per line.

MyST splits HTML that wraps Markdown into several raw nodes with ordinary nodes
between them (``<span>`` *text* ``</span>``; ``<div>`` a paragraph ``</div>``).
Cleaning each fragment alone would close the ``<span>`` at once and drop the lone
``</span>``. So the raw nodes of one parent are cleaned together, as one fragment in
which each other node stands as a marker (:func:`sanitise_siblings`); the output is
cut at the markers again. A marker is plain text, and nh3 writes its quote marks
as ``&quot;`` inside an attribute, so only markers in text position match, and the
cuts never fall inside a tag. A node whose marker does not come back (it sat inside
a removed ``<script>``, or inside an ``<iframe>`` or a comment, where a browser would
not show it either) is left out with it.

Nothing changes when the cleaned fragment equals the original; clean HTML written
as nh3 writes it (double-quoted attributes, ``<br>`` rather than ``<br/>``) passes
byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from docutils import nodes
from sphinx.application import Sphinx

from .frontmatter import echo
from .post_security import _IGNORED_IN_SCHEME, inside, is_url, untrusted_post
from .warnings_ import LabnewsWarnings, warn

#: ammonia's default tags (text, lists, tables, ``<details>``, ``<div>``, ``<img>``,
#: ``<center>``, …) and the media a news post embeds. Never: ``script``, ``style``,
#: ``form``/``input``/``button``, ``object``/``embed``, ``meta``, ``base``, ``link``,
#: ``svg``, ``math``, ``textarea``.
TAGS = frozenset(
    nh3.ALLOWED_TAGS | {"iframe", "video", "audio", "source", "track", "picture", "font"}
)

#: Attributes on every allowed tag. ``style`` is kept, but only the properties in
#: :data:`STYLE_PROPERTIES`. No event handlers (``on*``), no ``name``/``srcset``/
#: ``srcdoc``, no ``data-*`` (theme scripts act on some).
GENERIC_ATTRIBUTES = frozenset(
    {"align", "class", "dir", "height", "id", "lang", "style", "title", "valign", "width"}
)
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GENERIC_ATTRIBUTES),
    "a": {"href", "hreflang", "rel", "target"},
    "abbr": {"title"},
    "audio": {"autoplay", "controls", "loop", "muted", "preload", "src"},
    "blockquote": {"cite"},
    "col": {"span"},
    "colgroup": {"span"},
    "del": {"cite", "datetime"},
    "details": {"open"},
    "font": {"color", "face", "size"},
    "iframe": {
        "allow",
        "allowfullscreen",
        "frameborder",
        "loading",
        "referrerpolicy",
        "sandbox",
        "scrolling",
        "src",
    },
    "img": {"alt", "border", "hspace", "loading", "src", "vspace"},
    "ins": {"cite", "datetime"},
    "li": {"value"},
    "ol": {"reversed", "start", "type"},
    "q": {"cite"},
    "source": {"media", "sizes", "src", "type"},
    "table": {"border", "cellpadding", "cellspacing", "summary"},
    "td": {"colspan", "headers", "rowspan", "scope"},
    "th": {"abbr", "colspan", "headers", "rowspan", "scope"},
    "time": {"datetime"},
    "track": {"default", "kind", "label", "src", "srclang"},
    "ul": {"type"},
    "video": {
        "autoplay",
        "controls",
        "loop",
        "muted",
        "playsinline",
        "poster",
        "preload",
        "src",
    },
}

#: CSS a ``style`` attribute may keep: layout and typography within the post. Not
#: ``position``/``z-index`` (an overlay on the whole page), nor anything that takes a
#: ``url()`` (``background``, ``background-image``, ``content``), which would load
#: from another site.
STYLE_PROPERTIES = frozenset(
    {
        "background-color",
        "border",
        "border-bottom",
        "border-collapse",
        "border-color",
        "border-left",
        "border-radius",
        "border-right",
        "border-spacing",
        "border-style",
        "border-top",
        "border-width",
        "clear",
        "color",
        "display",
        "float",
        "font-family",
        "font-size",
        "font-style",
        "font-weight",
        "height",
        "line-height",
        "list-style-type",
        "margin",
        "margin-bottom",
        "margin-left",
        "margin-right",
        "margin-top",
        "max-height",
        "max-width",
        "min-height",
        "min-width",
        "object-fit",
        "padding",
        "padding-bottom",
        "padding-left",
        "padding-right",
        "padding-top",
        "text-align",
        "text-decoration",
        "text-indent",
        "vertical-align",
        "white-space",
        "width",
    }
)

#: Schemes a raw HTML URL may have; relative URLs are kept too.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: Attributes whose value is a URL the browser loads or follows.
URL_ATTRIBUTES = frozenset({"cite", "href", "poster", "src"})
#: Attributes that load a file into the page: a relative path must name a file
#: inside the documentation source.
LOADING_ATTRIBUTES = frozenset({"poster", "src"})

#: Where a post's ``<iframe>`` may load from (a host and its subdomains, https only).
DEFAULT_IFRAME_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "player.vimeo.com",
    "player.bilibili.com",
)

# Markers for the nodes between raw fragments; the author's text cannot contain the
# private-use delimiters (they are replaced), so a marker is always ours.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f'{_OPEN}"([0-9]+)"{_CLOSE}')
_ANY_MARKER = re.compile(f'{_OPEN}(?:"|&quot;)[0-9]+(?:"|&quot;){_CLOSE}')


#: How often the raw HTML of one parent is cleaned again with one more fragment on its
#: own before every fragment is cleaned on its own (each round cleans them all).
MAX_REGROUPING = 8


def _marker(index: int) -> str:
    return f'{_OPEN}"{index}"{_CLOSE}'


def allowed_host(url: str, hosts: Sequence[str]) -> bool:
    """Whether ``url`` is ``https://`` on one of ``hosts`` or a subdomain of one."""
    try:
        parts = urlsplit(_IGNORED_IN_SCHEME.sub("", url))
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    if parts.scheme.lower() != "https" or not host:
        return False
    return any(host == h or host.endswith("." + h) for h in (x.lower().strip(".") for x in hosts))


@dataclass
class HtmlPolicy:
    """What raw HTML in one post may hold beyond the fixed allow-list.

    ``local_file_inside(path)`` says whether a relative ``src`` names a file inside
    the documentation source.
    """

    iframe_hosts: Sequence[str] = DEFAULT_IFRAME_HOSTS
    local_file_inside: Callable[[str], bool] = field(default=lambda path: True)

    def keep_attribute(self, tag: str, name: str, value: str) -> str | None:
        """nh3's ``attribute_filter``: ``None`` drops the attribute."""
        if name not in URL_ATTRIBUTES:
            return value
        if tag == "iframe" and name == "src":
            return value if allowed_host(value, self.iframe_hosts) else None
        if is_url(value):
            scheme = _IGNORED_IN_SCHEME.sub("", value).split(":", 1)[0].lower()
            return value if value.lstrip().startswith("//") or scheme in URL_SCHEMES else None
        if name in LOADING_ATTRIBUTES and value.strip() and not value.startswith("#"):
            return value if self.local_file_inside(value) else None
        return value

    def clean(self, html: str) -> str:
        return nh3.clean(
            html,
            tags=set(TAGS),
            attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
            attribute_filter=self.keep_attribute,
            strip_comments=False,
            link_rel=None,
            url_schemes=set(URL_SCHEMES),
            filter_style_properties=set(STYLE_PROPERTIES),
        )


# -- what was removed, for the warning --------------------------------------------


class _StartTags(HTMLParser):
    """The start tags of a fragment, as ``(tag, [(attribute, value), …])``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, [(name, value or "") for name, value in attrs]))

    handle_startendtag = handle_starttag


def start_tags(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return parser.tags


def _style_properties(value: str) -> list[str]:
    return [p.split(":", 1)[0].strip().lower() for p in value.split(";") if ":" in p]


class Removals:
    """What the cleaned output lacks of the original, told per original fragment.

    Only the report uses Python's HTML parser; the cleaning is nh3's alone.
    """

    def __init__(self, cleaned: str) -> None:
        self.tags: Counter[str] = Counter()
        self.attributes: Counter[tuple[str, str]] = Counter()
        self.styles: Counter[tuple[str, str]] = Counter()
        for tag, attrs in start_tags(cleaned):
            self.tags[tag] += 1
            for name, value in attrs:
                self.attributes[tag, name] += 1
                if name == "style":
                    self.styles.update((tag, p) for p in _style_properties(value))

    def of(self, original: str) -> list[str]:
        """What of ``original``'s start tags and attributes the output no longer has."""
        removed: list[str] = []
        for tag, attrs in start_tags(original):
            if self.tags[tag] <= 0:
                removed.append(f"<{tag}> element")
                continue
            self.tags[tag] -= 1
            for name, value in attrs:
                if self.attributes[tag, name] <= 0:
                    shown = f" {echo(value)}" if name in URL_ATTRIBUTES else ""
                    removed.append(f"{name}{shown} attribute of <{tag}>")
                    continue
                self.attributes[tag, name] -= 1
                if name == "style":
                    for prop in _style_properties(value):
                        if self.styles[tag, prop] <= 0:
                            removed.append(f"style property {prop!r} of <{tag}>")
                        else:
                            self.styles[tag, prop] -= 1
        return list(dict.fromkeys(removed))


# -- the doctree -------------------------------------------------------------------


#: Raw HTML that MyST itself writes for Markdown syntax (a hard line break, a
#: task-list checkbox): kept byte for byte, as it is fixed markup, not the author's.
_MYST_GENERATED = re.compile(
    r'<br />\n|<input class="task-list-item-checkbox" (?:checked="checked" )?'
    r'(?:disabled="disabled" )?type="checkbox">'
)


def is_raw_html(node: nodes.Node) -> bool:
    """A raw node the HTML writer copies as is, other than MyST's fixed markup."""
    return (
        isinstance(node, nodes.raw)
        and "html" in node.get("format", "").split()
        and not _MYST_GENERATED.fullmatch(node.astext())
    )


def _joined(
    originals: dict[int, str],
    first: int,
    last: int,
    alone: set[int] = frozenset(),  # type: ignore[assignment]
    policy: HtmlPolicy | None = None,
) -> str:
    """The fragments from ``first`` to ``last``, a marker for each node between them
    and before each fragment but the first (where its output starts); those in
    ``alone`` already cleaned on their own."""
    return "".join(
        (_marker(i) if i != first else "")
        + (policy.clean(originals[i]) if i in alone and policy else originals[i])
        if i in originals
        else _marker(i)
        for i in range(first, last + 1)
    )


def _missing(cleaned: str, first: int, last: int) -> set[int]:
    """The markers that did not come back in text position, outside any ``<iframe>``
    or comment (where the node would be inert text, hidden)."""
    found = set()
    iframes = 0
    in_comment = False
    position = 0
    for match in _MARKER.finditer(cleaned):
        between = cleaned[position : match.start()]
        position = match.end()
        iframes += between.count("<iframe") - between.count("</iframe>")
        opened, closed = between.rfind("<!--"), between.rfind("-->")
        in_comment = opened > closed or (in_comment and closed < 0)
        if iframes == 0 and not in_comment:
            found.add(int(match.group(1)))
    return set(range(first + 1, last + 1)) - found


def sanitise_siblings(
    parent: nodes.Element, policy: HtmlPolicy
) -> list[tuple[nodes.raw, list[str]]]:
    """Clean the raw HTML children of ``parent`` together; what each one lost.

    Returns ``(raw node as written, removed items)`` for the fragments that lost
    something; ``parent``'s children are replaced only if the output differs. If a
    marker does not come back (the nodes after an unclosed attribute or comment, or
    inside a removed ``<script>``), each fragment is cleaned on its own instead, so
    no Markdown of the post is lost; a wrapper then no longer wraps.
    """
    children = list(parent.children)
    raw_indices = [i for i, child in enumerate(children) if is_raw_html(child)]
    first, last = raw_indices[0], raw_indices[-1]
    originals = {
        i: children[i].astext().replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")
        for i in raw_indices
    }
    cleaned = policy.clean(_joined(originals, first, last))
    if cleaned == _joined(originals, first, last):
        return []
    output = _regrouped(originals, raw_indices, cleaned, policy)
    rebuilt, owned = _rebuilt(children, originals, output, first)
    parent.children[first : last + 1] = []
    for offset, node in enumerate(rebuilt):
        parent.insert(first + offset, node)
    return _removals(children, originals, owned)


def _regrouped(
    originals: dict[int, str], raw_indices: list[int], cleaned: str, policy: HtmlPolicy
) -> str:
    """The cleaned fragments with every marker back in text position.

    A fragment that swallows the markers after it (an unclosed attribute, comment or
    ``<iframe>``, a removed ``<script>``) is cleaned on its own, and the rest together
    again; when that never brings every marker back, each fragment is cleaned on its
    own, between its neighbours' markers.
    """
    first, last = raw_indices[0], raw_indices[-1]
    alone: set[int] = set()
    for _ in range(MAX_REGROUPING):
        missing = _missing(cleaned, first, last)
        if not missing:
            return cleaned
        first_missing = min(missing)
        offenders = [i for i in raw_indices if i < first_missing and i not in alone]
        if not offenders:
            break
        alone.add(offenders[-1])
        cleaned = policy.clean(_joined(originals, first, last, alone, policy))
    return "".join(
        (_marker(i) if i != first else "") + policy.clean(originals[i])
        if i in originals
        else _marker(i)
        for i in range(first, last + 1)
    )


def _rebuilt(
    children: list[nodes.Node], originals: dict[int, str], output: str, first: int
) -> tuple[list[nodes.Node], dict[int, list[str]]]:
    """The nodes that replace ``children[first:]`` up to the last raw fragment: the
    cleaned output cut at the markers into raw nodes, each owned by the fragment whose
    marker precedes it, and the other nodes back where their markers are; and what
    each fragment's output became."""
    rebuilt: list[nodes.Node] = []
    owned: dict[int, list[str]] = {i: [] for i in originals}
    owner = first

    def add_chunk(text: str) -> None:
        text = _ANY_MARKER.sub("", text)
        owned[owner].append(text)
        if text:
            node = children[owner]
            chunk = nodes.raw("", text, format=node["format"])
            chunk.source, chunk.line = node.source, node.line
            chunk["xml:space"] = "preserve"
            rebuilt.append(chunk)

    position = 0
    for match in _MARKER.finditer(output):
        add_chunk(output[position : match.start()])
        position = match.end()
        index = int(match.group(1))
        if index in originals:
            owner = index
        else:
            rebuilt.append(children[index])
    add_chunk(output[position:])
    return rebuilt, owned


def _removals(
    children: list[nodes.Node], originals: dict[int, str], owned: dict[int, list[str]]
) -> list[tuple[nodes.raw, list[str]]]:
    """``(raw node as written, removed items)`` for each fragment that lost something."""
    report = []
    for i, original in originals.items():
        output = "".join(owned[i])
        removed = Removals(output).of(original)
        if (
            not removed
            and not output.strip()
            and original.strip()
            and not _END_TAG.fullmatch(original)  # the end of a removed element
        ):
            removed = [f"{echo(_snippet(original))} (not complete HTML)"]
        if removed:
            report.append((children[i], removed))
    return report


#: sphinx-design's ``{octicon}`` SVG as it writes it for a known icon and plain classes.
#: The role puts the classes after ``;`` into the ``class`` attribute unescaped
#: (sphinx-design 0.6-0.8), so ``{octicon}`book;1em;x"onmouseover="…``` would add an
#: event handler; an icon whose markup is not of this form is left out. Since 0.8 (our
#: lowest) the SVG is a node's ``svg`` attribute; 0.6 and 0.7 wrote a raw HTML node,
#: which the post sanitiser removed, icon and all.
_OCTICON = re.compile(
    r'<svg version="1\.1" width="[0-9.]+(?:px|em|rem)" height="[0-9.]+(?:px|em|rem)" '
    r'class="[A-Za-z0-9_ -]+" viewBox="0 0 [0-9]+ [0-9]+" aria-hidden="true">'
    r'(?:<path(?: (?:fill-rule|d|fill)="[A-Za-z0-9 .,-]*")*></path>)+</svg>'
)


def check_icons(doctree: nodes.document, docname: str) -> None:
    """Drop sphinx-design icons whose SVG is not the plain form it writes."""
    for node in list(doctree.findall(nodes.Element)):
        svg = node.get("svg")
        if isinstance(svg, str) and not _OCTICON.fullmatch(svg) and node.parent is not None:
            warn(
                "icon with unsafe classes left out: an icon's classes are letters, "
                "digits, '_' and '-'",
                LabnewsWarnings.SECURITY,
                location=(docname, node.line or node.parent.line),
            )
            node.parent.remove(node)


_END_TAG = re.compile(r"\s*</[A-Za-z][^<>]*>\s*")


def _snippet(html: str, limit: int = 40) -> str:
    html = " ".join(html.split())
    return html if len(html) <= limit else html[: limit - 1] + "…"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


#: What MyST's ``html_image`` keeps of an ``<img>`` it turns into an image node: ``src``
#: and the image directive's options (``OPTION_KEYS_IMAGE`` in MyST's
#: ``mdit_to_docutils/html_to_nodes.py``). It drops the rest without a word.
MYST_IMAGE_ATTRIBUTES = frozenset({"src", "alt", "class", "height", "width", "align", "name"})


def html_image_removals(html: str) -> list[str]:
    """What MyST's ``html_image`` drops from the ``<img>`` tags of ``html`` that raw HTML
    may not hold either (an ``onerror`` handler, ``srcset``…), in the words of the raw-HTML
    warning; attributes raw HTML may hold (``loading``) are not reported."""
    allowed = ATTRIBUTES["*"] | ATTRIBUTES["img"]
    removed = [
        f"{name} attribute of <img>"
        for tag, attrs in start_tags(html)
        if tag == "img"
        for name, _value in attrs
        if name not in MYST_IMAGE_ATTRIBUTES and name not in allowed
    ]
    return list(dict.fromkeys(removed))


def warn_removed_html(removed: list[str], location: tuple[str, int | None]) -> None:
    """The one warning for what a post's HTML lost at one line."""
    warn(
        f"raw HTML: removed {_join(list(dict.fromkeys(removed)))}; posts may contain "
        "only the HTML listed in the guide",
        LabnewsWarnings.SECURITY,
        location=location,
    )


def sanitise_post_html(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: clean every raw HTML node of an untrusted post."""
    env = app.env
    docname = env.docname
    if not untrusted_post(env):
        return
    check_icons(doctree, docname)
    parents = list(dict.fromkeys(n.parent for n in doctree.findall(is_raw_html) if n.parent))
    if not parents:
        return

    def local_file_inside(path: str) -> bool:
        return inside(env.relfn2path(path.split("?")[0].split("#")[0], docname)[1], env.srcdir)

    policy = HtmlPolicy(env.config.labnews_iframe_hosts, local_file_inside)
    by_line: dict[int | None, list[str]] = {}
    for parent in parents:
        for raw, removed in sanitise_siblings(parent, policy):
            line = raw.line or parent.line
            by_line.setdefault(line, []).extend(removed)
    for line, removed in sorted(by_line.items(), key=lambda item: item[0] or 0):
        warn_removed_html(removed, (docname, line))


def setup_post_html(app: Sphinx) -> None:
    # before confine_post_doctree (100), Sphinx's collectors and ablog (500)
    app.connect("doctree-read", sanitise_post_html, priority=90)
