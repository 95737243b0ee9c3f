"""The HTML view of a record."""

from __future__ import annotations

from spacy.language import Language

from jnews_extract import extract


def test_repr_html_highlights_entities_and_lists_events(nlp: Language) -> None:
    record = extract("トランプ大統領は21日、ブダペストでプーチン大統領と会談した。", nlp=nlp)
    html = record._repr_html_()
    assert "<mark" in html and "トランプ" in html and "PERSON" in html
    assert "<table" in html
    assert html.count("<tr>") == len(record.events) + 1


def test_repr_html_escapes_markup() -> None:
    from jnews_extract.schema import Article, Extraction, Span

    text = "<script>alert(1)</script>"
    record = Extraction(text=text, article=Article(body=Span(start=0, end=len(text), text=text)))
    assert "<script>" not in record._repr_html_()
