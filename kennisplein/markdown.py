"""Markdown to HTML that is safe to show: rendered, then sanitised with nh3 (ammonia).

One converter per thread, reset before each text: building a new one (what
`markdown.markdown()` does) costs about a third of a render. Instances are not thread-safe."""

import threading

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p",
    "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


_local = threading.local()


def _converter() -> markdown_lib.Markdown:
    if not hasattr(_local, "converter"):
        _local.converter = markdown_lib.Markdown(extensions=["tables", "sane_lists"])
    return _local.converter.reset()


def render_markdown(text: str) -> str:
    html = _converter().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
