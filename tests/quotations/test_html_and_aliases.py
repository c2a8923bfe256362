"""HTML reduced to text, and the aliases the importer remembers."""

from __future__ import annotations

from quotations import extract_quotations, html_to_text, known_aliases


def test_html_paragraphs_become_blank_line_separated_text():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<h1>Title</h1><p>First &amp; <b>bold</b>\n text.</p>"
        "<script>var x = '<p>no</p>';</script><p>&ldquo;Quoted,&rdquo; he said.</p>"
        "</body></html>"
    )
    assert html_to_text(html) == "Title\n\nFirst & bold text.\n\n“Quoted,” he said."


def test_html_line_breaks_split_paragraphs():
    assert html_to_text("<div>one<br>two<br/>three</div>") == "one\n\ntwo\n\nthree"


def test_known_aliases_keep_names_and_descriptions_not_pronouns():
    text = (
        "Ren Zhengfei spoke.\n\n"
        "“One,” said Mr Ren.\n\n"
        "But the 74-year-old told them: “Two.”\n\n"
        "“Three,” he said.\n\n"
        "“Four,” a Huawei spokesperson said."
    )
    assert known_aliases(extract_quotations(text)) == {
        "Ren Zhengfei": {"Mr Ren", "the 74-year-old"}
    }
