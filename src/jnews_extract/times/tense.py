"""Tense of the clause that governs a time expression, read from the dependency parse.

From the expression's head token, walk up the tree to the first predicate (a verb,
an adjective, a noun with a copula or auxiliary, or the root). The clause is:

- *planned* (``False``) when that predicate, or the noun it modifies (訪米する予定),
  is a plan word (予定, 見通し, 方針, 目指す ...) and the predicate is not itself in
  the past (予定されていた is a past fact about a plan: no preference);
- *past* (``True``) when the predicate carries the past auxiliary た (行われた,
  述べた, 会談した, 話していた);
- *planned* (``False``) when the predicate is a plain non-past main verb closing
  its sentence (訪問する。);
- unknown (``None``) otherwise (headlines, 8月撮影, progressive している).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from jnews_extract.times.lexicon import TimeLexicon

_PREDICATE_POS = ("VERB", "ADJ")
_AUXILIARY_DEPS = ("aux", "cop")


def _is_predicate(token: Token) -> bool:
    if token.pos_ in _PREDICATE_POS or token.dep_ == "ROOT":
        return True
    return any(child.dep_ in _AUXILIARY_DEPS for child in token.children)


def _governing_predicate(span: Span) -> Token:
    token = span.root
    # the expression's own tokens are not its predicate (8月 inside 8月撮影 is)
    steps = 0
    while steps < 50:
        head = token.head
        if head is token or not span.start <= head.i < span.end:
            token = head
            break
        token = head
        steps += 1
    steps = 0
    while not _is_predicate(token) and token.head is not token and steps < 50:
        token = token.head
        steps += 1
    return token


def _ending(predicate: Token) -> list[Token]:
    """The predicate's auxiliaries and fixed parts (て い た), in text order."""
    tail = [
        child
        for child in predicate.children
        if child.i > predicate.i and child.dep_ in ("aux", "cop", "mark", "fixed")
    ]
    for child in list(tail):
        tail.extend(c for c in child.children if c.dep_ == "fixed")
    return sorted(tail, key=lambda t: t.i)


def _crosses_line(text: str, span: Span, predicate: Token) -> bool:
    """A predicate on another line (scraped lists, headlines) does not govern the expression."""
    start = min(span.start_char, predicate.idx)
    end = max(span.end_char, predicate.idx + len(predicate.text))
    return "\n" in text[start:end]


def _ends_sentence(predicate: Token, ending: list[Token]) -> bool:
    """A plain non-past main verb closing its sentence (訪問する。): a statement about the future.

    Non-past verbs inside clauses (…すると発表した, …実現する事となった) say nothing
    about when, so only the sentence-final main verb counts.
    """
    if predicate.dep_ != "ROOT":
        return False
    last = ending[-1] if ending else predicate
    if "終止形" not in "".join(last.morph.get("Inflection", [])):
        return False
    following = last.nbor(1) if last.i + 1 < len(last.doc) else None
    return following is None or following.text in ("。", "!", "?", "！", "？")


def _continues(predicate: Token, ending: list[Token]) -> bool:
    """Whether the predicate is a continuative form (発表し、 / 向けて) taking a later tense."""
    last = ending[-1] if ending else predicate
    inflection = "".join(last.morph.get("Inflection", []))
    continuative = "連用形" in inflection or (last.lemma_ == "て" and last.pos_ == "SCONJ")
    following = last.nbor(1) if last.i + 1 < len(last.doc) else None
    joined = following is not None and following.text in ("、", ",")
    return continuative and (joined or last.lemma_ == "て") and predicate.dep_ in ("advcl", "conj")


def clause_tense(
    doc: Doc, start: int, end: int, lexicon: TimeLexicon, text: str | None = None
) -> bool | None:
    """Tense of the clause governing ``doc.text[start:end]``.

    True: past; False: planned or future; None: unknown. Pass ``text`` (``doc.text``)
    when calling for many expressions of one doc: spaCy rebuilds ``doc.text`` on
    every access.
    """
    text = doc.text if text is None else text
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    cues = lexicon.tense_cues
    predicate = _governing_predicate(span)
    if predicate.i in range(span.start, span.end):
        return None
    if _crosses_line(text, span, predicate):
        return None
    ending = _ending(predicate)
    for _ in range(3):
        if not _continues(predicate, ending) or predicate.head is predicate:
            break
        predicate = predicate.head
        while not _is_predicate(predicate) and predicate.head is not predicate:
            predicate = predicate.head
        ending = _ending(predicate)
    if _crosses_line(text, span, predicate):
        return None
    past = any(t.lemma_ in cues["past"] and t.pos_ == "AUX" for t in ending)
    planned = predicate.lemma_ in cues["planned"] or any(
        t.lemma_ in cues["planned"] for t in ending
    )
    if not planned and predicate.dep_ in ("acl", "ccomp", "advcl") and not past:
        planned = predicate.head.lemma_ in cues["planned"]
    if planned:
        return None if past else False
    if past:
        return True
    progressive = any(t.lemma_ in cues["progressive"] for t in ending)
    if predicate.pos_ == "VERB" and not progressive and _ends_sentence(predicate, ending):
        return False
    return None
