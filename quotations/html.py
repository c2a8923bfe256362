"""HTML reduced to the text the extractor reads: one paragraph per block, blank lines between."""

from __future__ import annotations

from html.parser import HTMLParser

# Elements whose content is never article text.
SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"}
)
# Elements that end a paragraph where they open and where they close.
BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "h1", "h2",
        "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "figure",
        "figcaption", "table", "tr", "td", "th", "pre", "hr", "br", "address", "form",
    }
)  # fmt: skip


class _TextCollector(HTMLParser):
    """Collects text, cutting paragraphs at block elements and skipping scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)

    def flush(self) -> None:
        paragraph = " ".join("".join(self.current).split())
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []


def html_to_text(html: str) -> str:
    """The readable text of ``html``: paragraphs separated by blank lines, entities decoded."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector.flush()
    return "\n\n".join(collector.paragraphs)
