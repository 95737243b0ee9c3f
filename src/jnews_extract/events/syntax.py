"""Small, pure helpers over GiNZA's dependency parse (UD labels, Sudachi lemmas).

Japanese is head-final: a noun's case particle follows it as a ``case`` child
(プーチン大統領 *と*), a predicate's tense and negation follow it as ``aux`` children
(会談 し *た*, 行わ *なかっ* た). These helpers read those pieces; the event stage
builds its rules on them.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

FUNCTION_DEPS = frozenset({"aux", "cop", "mark", "fixed", "case"})
"""Dependents that are function words of their head's bunsetu."""
CLAUSE_DEPS = frozenset({"acl", "advcl", "ccomp", "csubj", "conj"})
CONTINUATIVE_MARKS = frozenset({"て", "で", "、", "し"})


def case_marker(token: Token) -> str:
    """The case particles after a nominal, joined: と, との, による, では, ''.

    >>> # プーチン大統領との首脳会談: case_marker(大統領) == "との"
    """
    parts = []
    for child in token.rights:
        if child.dep_ in ("case", "fixed"):
            parts.append(child.text)
            parts.extend(grand.text for grand in child.rights if grand.dep_ == "fixed")
        elif child.dep_ not in ("punct",):
            break
    return "".join(parts)


def function_tail(token: Token) -> list[Token]:
    """The function words that follow ``token`` in its bunsetu (し, た, て, いる, ない …)."""
    tail = []
    for child in token.rights:
        if child.dep_ in ("aux", "cop", "mark", "fixed"):
            tail.append(child)
            tail.extend(g for g in child.rights if g.dep_ in ("fixed", "aux"))
    return sorted(tail, key=lambda t: t.i)


def is_nominal(token: Token) -> bool:
    """A noun-like token (Sudachi tag 名詞/代名詞/接尾辞-名詞的), whatever UD POS GiNZA gave it."""
    return token.tag_.startswith(("名詞", "代名詞", "接尾辞-名詞的")) or token.pos_ in (
        "NOUN",
        "PROPN",
        "PRON",
        "NUM",
    )


def is_predicate(token: Token) -> bool:
    """A verb, adjective, or a noun carrying a copula or auxiliary (会談 し た, 生産的 だっ た)."""
    if token.pos_ in ("VERB", "ADJ") and not token.tag_.startswith("名詞-普通名詞-一般"):
        return True
    return any(child.dep_ in ("aux", "cop") for child in token.children)


def is_clause(token: Token) -> bool:
    """A dependent clause: a clause relation on a real predicate (not GiNZA's 米ロ/acl)."""
    return token.dep_ in CLAUSE_DEPS and is_predicate(token)


def bunsetu_end(token: Token) -> int:
    """Index one past the last function word of ``token``'s bunsetu."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in FUNCTION_DEPS or (child.dep_ == "punct" and child.i == end):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    return end


def is_continuative(token: Token) -> bool:
    """A predicate that chains to the next clause (会談し、 / 発表して / 延期され、)."""
    doc = token.doc
    end = bunsetu_end(token)
    last = doc[end - 1]
    if last.text == "、":
        return True
    if last.dep_ == "mark" and last.text in ("て", "で"):
        return True
    return end < len(doc) and doc[end].text == "、" and last.i == token.i


def phrase_tokens(head: Token) -> Iterator[Token]:
    """The tokens of the noun phrase headed by ``head``, without its embedded clauses."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        for child in token.children:
            if child.i == head.i or is_clause(child):
                continue
            stack.append(child)


def ancestors_until_root(token: Token, limit: int = 40) -> Iterator[Token]:
    """Heads of ``token`` up to the sentence root (guarded against cycles)."""
    current = token
    for _ in range(limit):
        if current.head.i == current.i:
            return
        current = current.head
        yield current


def char_to_token(doc: Doc, text: str) -> list[int]:
    """For each character of ``text`` (``doc.text``) the index of its token (-1 = space)."""
    index = [-1] * len(text)
    for token in doc:
        for offset in range(token.idx, token.idx + len(token.text)):
            index[offset] = token.i
    return index


def top_token(doc: Doc, first: int, last: int) -> Token:
    """The token of ``doc[first:last + 1]`` whose head lies outside the span (its head)."""
    for i in range(last, first - 1, -1):
        head = doc[i].head.i
        if head < first or head > last or head == i:
            return doc[i]
    return doc[last]
