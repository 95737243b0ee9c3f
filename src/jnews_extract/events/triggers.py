"""Trigger matching: token patterns over lemmas → event trigger spans.

Patterns come from ``resources/events/triggers.jsonl`` (or a component's saved copy).
Matching on lemmas makes inflected and light-verb forms hit: 会談した, 会談し,
会談を行う, 会談へ all contain the token 会談; 求め/求めた have the lemma 求める.

After matching, overlapping hits keep the longest (首脳会談 over 会談, 電話で協議 over
協議), and three rules drop words that do not name an occurrence (docs/events.md):

- inside a name: 中央選挙管理会 is an organisation, not an election;
- a kind, not an occurrence: the trigger is a modifier of a kind noun in the same
  compound (選挙 *制度*, 会談 *一般*, 投票 *率*); 首脳会談 *の* 準備 still names the summit;
- a light verb of another trigger of the same type: 声明を *発表* is one statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from jnews_extract.annotations import EntityMention
from jnews_extract.events.lexicon import EventLexicon, TriggerPattern

NAME_LABELS_THAT_HIDE_TRIGGERS = frozenset(
    {"ORG", "EVENT", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW"}
)
"""A trigger word inside a name of these kinds is part of the name (選挙管理委員会)."""


@dataclass
class Trigger:
    """One matched trigger: character span, token span and what the pattern says."""

    start: int
    end: int
    first: int
    """Index of the first token of the trigger span."""
    last: int
    """Index of the last token of the trigger span: its head (会談 of 首脳会談)."""
    type: str
    pattern: TriggerPattern
    anaphoric: bool = False
    word: str = ""
    """For a ``whole_word`` pattern, the word it matched up to the trigger's end
    (大統領選挙 for the trigger 選挙); else empty."""


class TriggerMatcher:
    """A spaCy ``Matcher`` over the trigger patterns, keyed by pattern number."""

    def __init__(self, vocab: Vocab, patterns: Iterable[TriggerPattern] = ()) -> None:
        self.vocab = vocab
        self.patterns: list[TriggerPattern] = []
        self._matcher = Matcher(vocab)
        self.add(patterns)

    def add(self, patterns: Iterable[TriggerPattern]) -> None:
        """Add patterns (each becomes one ``Matcher`` key)."""
        for pattern in patterns:
            key = f"jnews_trigger_{len(self.patterns)}"
            self._matcher.add(key, [pattern.pattern])
            self.patterns.append(pattern)

    def __len__(self) -> int:
        return len(self.patterns)

    def matches(self, doc: Doc) -> list[tuple[int, int, TriggerPattern]]:
        """Every raw match: (first token, end token, pattern)."""
        found = []
        for match_id, first, end in self._matcher(doc):
            key = self.vocab.strings[match_id]
            found.append((first, end, self.patterns[int(key.rsplit("_", 1)[1])]))
        return found


def _trigger_span(doc: Doc, first: int, end: int, pattern: TriggerPattern) -> tuple[int, int]:
    start, stop = doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text)
    if pattern.trigger_regex:
        text = "".join(t.text_with_ws for t in doc[first:end])[: stop - start]
        hits = list(re.finditer(pattern.trigger_regex, text))
        if hits:
            return start + hits[-1].start(), start + hits[-1].end()
    return start, stop


def _longest_first(
    doc: Doc, raw: Sequence[tuple[int, int, TriggerPattern]]
) -> list[tuple[int, int, TriggerPattern]]:
    chosen: list[tuple[int, int, TriggerPattern]] = []
    taken: set[int] = set()
    for first, end, pattern in sorted(raw, key=lambda m: (-(m[1] - m[0]), m[0])):
        if taken.intersection(range(first, end)):
            continue
        taken.update(range(first, end))
        chosen.append((first, end, pattern))
    return sorted(chosen, key=lambda m: m[0])


def _inside_name(start: int, end: int, entities: Sequence[EntityMention]) -> bool:
    """A trigger inside a name is part of the name (中央選挙管理委員会), except at the end of
    the name of an event, which the trigger names (アフガニスタン侵攻, 2005年選挙)."""
    return any(
        e.start <= start
        and end <= e.end
        and e.label in NAME_LABELS_THAT_HIDE_TRIGGERS
        and not (e.label == "EVENT" and end == e.end)
        for e in entities
    )


def _names_a_kind(doc: Doc, last: int, lexicon: EventLexicon) -> bool:
    """選挙制度, 会談一般, 投票率: a kind noun follows in the same compound."""
    if last + 1 >= len(doc):
        return False
    following = doc[last + 1]
    if following.idx != doc[last].idx + len(doc[last].text):
        return False
    return following.lemma_ in lexicon.kind_heads or following.text in lexicon.kind_heads


def _is_anaphoric(doc: Doc, first: int, lexicon: EventLexicon) -> bool:
    """同会談, その会談, 今回の選挙: the trigger refers back to an event already told."""
    if first == 0:
        return False
    before = doc[first - 1]
    if before.text in lexicon.anaphor_prefixes:
        return True
    return (
        first >= 2
        and before.text == "の"
        and doc[first - 2].text in lexicon.anaphor_prefixes
        and len(doc[first - 2].text) > 1
    )


def _light_verb_of_other(
    token: Token, trigger_type: str, heads: dict[int, Trigger], lexicon: EventLexicon
) -> bool:
    """発表 in 共同声明を発表: the verb only carries another trigger of its type."""
    if token.lemma_ not in lexicon.light_verbs_for(trigger_type):
        return False
    for child in token.children:
        other = heads.get(child.i)
        if (
            other is not None
            and other.type == trigger_type
            and child.dep_ in ("obj", "nsubj", "obl", "nmod")
        ):
            return True
    return False


def find_triggers(
    doc: Doc,
    matcher: TriggerMatcher,
    entities: Sequence[EntityMention],
    lexicon: EventLexicon,
) -> list[Trigger]:
    """The event triggers of ``doc`` after the longest-match and kind/name/light-verb rules."""
    triggers = []
    for first, end, pattern in _longest_first(doc, matcher.matches(doc)):
        start, stop = _trigger_span(doc, first, end, pattern)
        if _inside_name(start, stop, entities) or _names_a_kind(doc, end - 1, lexicon):
            continue
        word = ""
        if pattern.whole_word:
            word = "".join(t.text_with_ws for t in doc[first:end])[: stop - doc[first].idx]
        # 内閣が|発足: the pattern's context words are no part of the trigger's tokens
        first = next(i for i in range(first, end) if doc[i].idx + len(doc[i].text) > start)
        triggers.append(
            Trigger(
                start=start,
                end=stop,
                first=first,
                last=end - 1,
                type=pattern.type,
                pattern=pattern,
                anaphoric=_is_anaphoric(doc, first, lexicon),
                word=word,
            )
        )
    heads = {t.last: t for t in triggers}
    return [
        t
        for t in triggers
        if not (t.first == t.last and _light_verb_of_other(doc[t.last], t.type, heads, lexicon))
    ]
