"""The entity stage: gazetteer names, country abbreviations, titles, NER, anaphors.

One spaCy component, ``jnews_entities``, writes ``doc._.jnews_entities``
(a list of :class:`~jnews_extract.annotations.EntityMention`). It combines, in
this order of trust:

1. gazetteer names matched on characters, aligned to token boundaries
   (ブダペスト, ホワイトハウス, ロシア, トランプ);
2. single-kanji country abbreviations, one mention per country (米ロ → 米 + ロ);
3. names before a title or honorific (シーヤールトー外相, マイヤー氏) become
   PERSON, and titles become roles (ルビオ米国務長官 → 国務長官, affiliation 米);
4. the statistical NER (GiNZA's ENE mapped to our labels, or our own NER) for
   names the gazetteer lacks; rule mentions win every overlap;
5. anaphors (同氏, 両氏, 同国) for the article-level alias clustering to resolve.

Matching is on characters because Sudachi's mode C joins affixes into tokens
(米大統領 is one token) while names must still start on a token boundary.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from jnews_extract.aliases import NAME_SEPARATORS
from jnews_extract.annotations import EntityMention, RoleMention, register_extensions
from jnews_extract.knowledge import (
    Gazetteer,
    GazetteerEntry,
    TitleLexicon,
    load_entity_rules,
    load_gazetteer,
    load_titles,
)

ORIGIN_PRIORITY = {
    "title": 0,
    "compound": 0,
    "gazetteer": 1,
    "abbreviation": 2,
    "anaphor": 3,
    "ner": 4,
    "ner-title": 4,
    "cabinet": 0,
}
"""Lower wins when two mentions overlap. ``ner-title``: an NER span of another label than
PERSON that ran over a title, cut before it (:func:`reconcile_ner`)."""

PROPER_NOUN_TAG = "名詞-固有名詞"
PERSON_NAME_TAG = "名詞-固有名詞-人名"
GIVEN_NAME_TAG = "名詞-固有名詞-人名-名"
PREFIX_TAG = "接頭辞"
COMMON_NOUN_TAG = "名詞-普通名詞"
COUNTER_TAG = "助数詞"
DETERMINER_TAG = "連体詞"
"""Sudachi part-of-speech tags the rules read (``token.tag_``): prefixes of the tag, except
``COUNTER_TAG``, which may stand anywhere in it (名詞-普通名詞-助数詞可能, 接尾辞-名詞的-助数詞)."""


def char_class(char: str) -> str:
    """Coarse script class of one character: katakana, hiragana, kanji, latin, digit, other."""
    if not char:
        return "none"
    code = ord(char)
    if char in "ー・=＝":
        return "katakana"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or char in "々〆ヶ":
        return "kanji"
    if char.isdigit():
        return "digit"
    if unicodedata.category(char).startswith("L"):
        return "latin"
    return "other"


def _is_name_token_text(text: str) -> bool:
    return bool(text) and all(char_class(c) == "katakana" for c in text) and text != "ー"


class EntityRecognizer:
    """spaCy component: rule-first entity mentions with roles, on ``doc._.jnews_entities``."""

    def __init__(self, nlp: Language, name: str = "jnews_entities", *, use_ner: bool = True):
        """Create the component; knowledge is read from the bundled resources on first use."""
        self.name = name
        self.use_ner = use_ner
        self._gazetteer: Gazetteer | None = None
        self._alias_lengths: list[int] = []
        self._place_names: frozenset[str] = frozenset()
        self._nesting: NestingRules | None = None
        register_extensions()

    # -- knowledge --------------------------------------------------------------------------
    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer in use: added patterns, or the bundled files on first use."""
        if self._gazetteer is None:
            self.set_gazetteer(load_gazetteer())
        assert self._gazetteer is not None
        return self._gazetteer

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Use ``gazetteer`` for matching (replaces the bundled one)."""
        self._gazetteer = gazetteer
        self._nesting = None  # rebuilt with the new aliases on first use
        self._alias_lengths = sorted(
            {len(alias) for alias in gazetteer.by_alias if len(alias) >= 2}, reverse=True
        )
        self._place_names = frozenset(
            alias
            for alias, keys in gazetteer.by_alias.items()
            if any(gazetteer.entries[key].label in PLACE_LABELS for key in keys)
        ) | frozenset(gazetteer.by_abbreviation)

    def add_patterns(self, entries: Iterable[GazetteerEntry]) -> None:
        """Add gazetteer entries (to the bundled ones unless patterns were set before)."""
        gazetteer = self.gazetteer
        for entry in entries:
            gazetteer.add(entry)
        self.set_gazetteer(gazetteer)

    @property
    def place_names(self) -> frozenset[str]:
        """Gazetteer aliases of places (GPE, LOC) and country abbreviations."""
        _ = self.gazetteer  # loads the bundled gazetteer on first use
        return self._place_names

    @property
    def titles(self) -> TitleLexicon:
        """Titles, honorifics and modifiers recognised after a name."""
        return load_titles()

    # -- spaCy API --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        """Find entity mentions in ``doc`` and store them on ``doc._.jnews_entities``."""
        mentions = self.match(doc)
        self.set_annotations(doc, mentions)
        return doc

    def match(self, doc: Doc) -> list[EntityMention]:
        """Return the entity mentions of ``doc`` without writing them."""
        rules = load_entity_rules()
        found = find_gazetteer_mentions(
            doc, self.gazetteer, self._alias_lengths, rules["country_name_ends_before"]
        )
        found += find_abbreviation_mentions(doc, self.gazetteer, rules, found)
        found += find_supported_aliases(doc, self.gazetteer, self.titles, found)
        ner = (
            reconcile_ner(doc, rules, self.titles, self.gazetteer.by_abbreviation)
            if self.use_ner
            else []
        )
        found += attach_titles(doc, self.gazetteer, self.titles, found, ner)
        found = drop_persons_read_as_words(doc, found, self.titles, ner)
        found += find_anaphors(doc, rules)
        if self.use_ner:
            titles = [(r.start, r.end) for m in found for r in m.roles]
            ner = [
                m for m in ner if not any(m.start < end and start < m.end for start, end in titles)
            ]
            if self._nesting is None:
                self._nesting = NestingRules.from_rules(rules, self.gazetteer.by_alias)
            found = drop_places_read_as_name_parts(doc, found, ner)
            found = prefer_longer_names(found, ner, self._nesting)
        found = drop_places_naming_something_else(
            doc,
            found,
            rules["words_that_unmake_a_place"],
            rules["currency_words"],
            self.place_names,
        )
        found = name_cabinets(doc.text, found, rules)
        return resolve_overlaps(found)

    def set_annotations(self, doc: Doc, mentions: list[EntityMention]) -> None:
        """Write ``mentions`` to ``doc._.jnews_entities``."""
        doc._.jnews_entities = mentions

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the config and the gazetteer entries (as JSONL) under ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps({"use_ner": self.use_ner}), encoding="utf-8")
        with (path / "patterns.jsonl").open("w", encoding="utf-8") as out:
            for entry in self.gazetteer.entries.values():
                out.write(json.dumps(_entry_to_record(entry), ensure_ascii=False) + "\n")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityRecognizer:
        """Load what :meth:`to_disk` saved."""
        path = Path(path)
        cfg = json.loads((path / "cfg.json").read_text(encoding="utf-8"))
        self.use_ner = bool(cfg.get("use_ner", True))
        gazetteer = Gazetteer()
        with (path / "patterns.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                gazetteer.add(_entry_from_saved(json.loads(line)))
        self.set_gazetteer(gazetteer)
        return self


def _entry_to_record(entry: GazetteerEntry) -> dict[str, Any]:
    return {
        "key": entry.key,
        "label": entry.label,
        "name": entry.name,
        "name_en": entry.name_en,
        "kb_id": entry.kb_id,
        "country": entry.country,
        "aliases": list(entry.aliases),
        "abbreviations": list(entry.abbreviations),
        "supported_aliases": list(entry.supported_aliases),
        "positions": [list(p) for p in entry.positions],
        "lat": entry.lat,
        "lon": entry.lon,
    }


def _entry_from_saved(record: dict[str, Any]) -> GazetteerEntry:
    return GazetteerEntry(
        key=record["key"],
        label=record["label"],
        name=record["name"],
        name_en=record.get("name_en"),
        kb_id=record.get("kb_id"),
        country=record.get("country"),
        aliases=tuple(record.get("aliases") or ()),
        abbreviations=tuple(record.get("abbreviations") or ()),
        supported_aliases=tuple(record.get("supported_aliases") or ()),
        positions=tuple((p[0], p[1]) for p in record.get("positions") or ()),
        lat=record.get("lat"),
        lon=record.get("lon"),
    )


@Language.factory("jnews_entities", default_config={"use_ner": True})
def make_entity_recognizer(nlp: Language, name: str, use_ner: bool) -> EntityRecognizer:
    """spaCy factory of :class:`EntityRecognizer` (``nlp.add_pipe("jnews_entities")``)."""
    return EntityRecognizer(nlp, name, use_ner=use_ner)


# -- matching helpers -------------------------------------------------------------------------


def _token_bounds(doc: Doc) -> tuple[set[int], set[int]]:
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    return starts, ends


def _token_start_of_chars(doc: Doc) -> list[int]:
    """For every character of ``doc.text``, the start offset of the token it is in."""
    owner = list(range(len(doc.text)))  # read once: Doc.text is rebuilt on each access
    for token in doc:
        for position in range(token.idx, token.idx + len(token.text)):
            owner[position] = token.idx
    return owner


def _starts_word(text: str, start: int, token_starts: set[int]) -> bool:
    if start in token_starts or start == 0:
        return True
    return char_class(text[start - 1]) != char_class(text[start])


def _ends_word(
    text: str,
    start: int,
    end: int,
    token_ends: set[int],
    owner: list[int],
    label: str,
    person_tokens: Container[int] = frozenset(),
) -> bool:
    if end in token_ends or end >= len(text):
        return True
    if owner[end - 1] > start:
        # The name would end inside a later token (米国 in 米|国務|長官): not a word.
        return False
    if label == "PERSON" and owner[end - 1] not in person_tokens:
        # A person's name ends inside a token only when Sudachi reads that token as a
        # person's name (トランプ大統領); ブラウン大学 and オバマケア are other words.
        return False
    last, following = char_class(text[end - 1]), char_class(text[end])
    if last != following:
        return True
    # A kanji place or organisation may stand before a kanji suffix inside one
    # Sudachi token (韓国軍, 米国債); katakana names may not run on (ロシアン).
    return last == "kanji" and label in {"GPE", "ORG", "NORP"}


def _takes_the_next_word(
    text: str, start: int, end: int, keys: list[str], gazetteer: Gazetteer, after: tuple[str, ...]
) -> bool:
    """Whether a name ending in 国 takes that 国 from 国内/国外 (``after``: 内, 外; 日本国内
    is 日本 + 国内), which holds when the name without 国 is an alias of the same entity."""
    return (
        text.endswith("国", start, end)
        and text.startswith(after, end)
        and bool(set(gazetteer.by_alias.get(text[start : end - 1], ())) & set(keys))
    )


def choose_entry(gazetteer: Gazetteer, keys: list[str]) -> GazetteerEntry:
    """The entry an alias stands for; ambiguous aliases keep the first entry's label.

    The article-level clustering decides ambiguous keys; here we only need a label.
    """
    return gazetteer.entries[keys[0]]


def find_gazetteer_mentions(
    doc: Doc, gazetteer: Gazetteer, lengths: list[int], country_name_ends_before: Sequence[str] = ()
) -> list[EntityMention]:
    """Longest gazetteer aliases starting on a word boundary (ブダペスト, 欧州連合); a name
    ending in 国 stops before it where ``country_name_ends_before`` follows (日本|国内)."""
    after_country = tuple(country_name_ends_before)
    text = doc.text
    token_starts, token_ends = _token_bounds(doc)
    owner = _token_start_of_chars(doc)
    person_tokens = {t.idx for t in doc if t.tag_.startswith(PERSON_NAME_TAG)}
    found: list[EntityMention] = []
    position, size = 0, len(text)
    while position < size:
        matched = 0
        if char_class(text[position]) not in {"other", "hiragana"} and _starts_word(
            text, position, token_starts
        ):
            for length in lengths:
                end = position + length
                if end > size:
                    continue
                keys = gazetteer.by_alias.get(text[position:end])
                if not keys:
                    continue
                entry = choose_entry(gazetteer, keys)
                if not _ends_word(
                    text, position, end, token_ends, owner, entry.label, person_tokens
                ) or _takes_the_next_word(text, position, end, keys, gazetteer, after_country):
                    continue
                key = entry.key if len(keys) == 1 else None
                candidates = list(keys) if len(keys) > 1 else []
                found.append(
                    EntityMention(
                        position,
                        end,
                        text[position:end],
                        entry.label,
                        key,
                        "gazetteer",
                        candidates=candidates,
                    )
                )
                matched = length
                break
        position += matched or 1
    return found


def find_supported_aliases(
    doc: Doc, gazetteer: Gazetteer, titles: TitleLexicon, known: list[EntityMention]
) -> list[EntityMention]:
    """Person forms that count only before a title or honorific: 習主席, 尹大統領, 松本氏.

    One-character surnames and names that are also ordinary words would fire
    everywhere on their own; a following title (after an optional country
    abbreviation or modifier) is the evidence that a person is meant.
    """
    supported = gazetteer.by_supported_alias
    if not supported:
        return []
    text = doc.text
    longest_alias = max(len(a) for a in supported)
    vocabulary = titles.titles | titles.honorifics
    found: list[EntityMention] = []
    for token in doc:
        start = token.idx
        for length in range(min(longest_alias, len(text) - start), 0, -1):
            keys = supported.get(text[start : start + length])
            if not keys:
                continue
            end = start + length
            keys = [k for k in keys if gazetteer.entries[k].label == "PERSON"]
            position = end
            if text[position : position + 1] in gazetteer.by_abbreviation:
                position += 1
            modifier = _longest_at(text, position, titles.modifiers, 2)
            if modifier:
                position += len(modifier)
            if keys and _longest_at(text, position, vocabulary, titles.longest):
                if not _covered(start, end, known):
                    found.append(
                        EntityMention(
                            start,
                            end,
                            text[start:end],
                            "PERSON",
                            keys[0] if len(keys) == 1 else None,
                            "gazetteer",
                            candidates=keys if len(keys) > 1 else [],
                        )
                    )
                break
    return found


def _covered(start: int, end: int, mentions: Iterable[EntityMention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def find_abbreviation_mentions(
    doc: Doc, gazetteer: Gazetteer, rules: dict[str, Any], known: list[EntityMention]
) -> list[EntityMention]:
    """One GPE mention per country in abbreviation chains: 米ロ, 日米韓, 英仏独, 米大統領.

    Sudachi's analysis vetoes a chain that is part of another word: a token read
    as a prefix (中 in 中小, 一晩中) unless a title follows (中外相), a token after a
    prefix (露 in 副露), and a chain whose every token is a word of its own: several
    characters not read as their abbreviation readings (朝日 read アサヒ, not チョウ +
    ニチ). In 英仏米蘭 the token 英仏 is read エイフツ, so 米蘭 counts too.
    """
    abbreviations = gazetteer.by_abbreviation
    unambiguous = set(rules.get("unambiguous_abbreviations", ()))
    followers = set(rules.get("abbreviation_followers", ()))
    readings: dict[str, list[str]] = rules.get("abbreviation_readings", {})
    titles = load_titles().titles
    glued_words = titles | frozenset(rules.get("state_words_after_an_abbreviation", ()))
    found: list[EntityMention] = []
    text = doc.text  # Doc.text is rebuilt from the tokens on every access
    tokens = list(doc)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not token.text or not all(c in abbreviations for c in token.text):
            prefix = _abbreviation_prefix(token.text, abbreviations, glued_words)
            if prefix and not _covered(token.idx, token.idx + prefix, known):
                found += _chain_mentions(text, token.idx, token.idx + prefix, abbreviations)
            index += 1
            continue
        last = index
        while (
            last + 1 < len(tokens)
            and tokens[last + 1].text
            and all(c in abbreviations for c in tokens[last + 1].text)
        ):
            last += 1
        start, end = token.idx, tokens[last].idx + len(tokens[last].text)
        chain = text[start:end]
        after = tokens[last + 1] if last + 1 < len(tokens) else None
        before = tokens[index - 1] if index > 0 else None
        after_noun = after is not None and (
            after.pos_ in {"NOUN", "PROPN"} and char_class(after.text[:1]) != "digit"
        )
        after_ok = after_noun or (after is not None and after.text in followers)
        after_a_number_or_determiner = before is not None and (
            _is_number(before)
            or (COUNTER_TAG in before.tag_ and index >= 2 and _is_number(tokens[index - 2]))
            or before.tag_.startswith(DETERMINER_TAG)
        )  # 3日, 80円台, 50歳台: a counter; この日: a determiner never modifies a country
        if len(chain) == 1 and chain not in unambiguous:
            accept = after_noun
        elif len(chain) == 1:
            accept = True
        else:
            accept = after_ok
        inside_a_word = (
            (before is not None and before.tag_.startswith(PREFIX_TAG))
            or (
                any(t.tag_.startswith(PREFIX_TAG) for t in tokens[index : last + 1])
                and not (after is not None and after.text in titles)
            )
            or all(
                len(t.text) > 1 and not _read_as_abbreviations(t, readings)
                for t in tokens[index : last + 1]
            )
        )
        if (
            accept
            and not after_a_number_or_determiner
            and not inside_a_word
            and not _covered(start, end, known)
        ):
            found += _chain_mentions(text, start, end, abbreviations)
        index = last + 1
    return found


def name_cabinets(
    text: str, mentions: list[EntityMention], rules: dict[str, Any]
) -> list[EntityMention]:
    """``cabinet_name``: a person followed by 内閣 (改造内閣), after an optional 第N次, is
    the cabinet, one ORG that replaces the person: 第3次小泉内閣, 安倍内閣."""
    pattern = rules.get("cabinet_name")
    if not pattern:
        return mentions
    after = re.compile(pattern["after"])
    before = re.compile(f"(?:{pattern['before']})$")
    result = []
    for mention in mentions:
        name_end = after.match(text, mention.end) if mention.label == "PERSON" else None
        if name_end is None or mention.anaphor:
            result.append(mention)
            continue
        ordinal = before.search(text, 0, mention.start)
        start = ordinal.start() if ordinal is not None else mention.start
        end = name_end.end()
        result.append(EntityMention(start, end, text[start:end], "ORG", None, "cabinet"))
    return result


def find_paired_abbreviations(
    doc: Doc, rules: dict[str, Any], article_keys: Container[str]
) -> list[EntityMention]:
    """``paired_abbreviations``: 南北 in an article that names both Koreas is two GPE
    mentions, 南 and 北 (南北協議, 南北間の鉄道), when it modifies a noun of its compound.

    ``article_keys`` are the gazetteer keys the whole article names; spans an entity of
    ``doc`` already covers are left alone.
    """
    known = doc._.jnews_entities or []
    found: list[EntityMention] = []
    tokens = list(doc)
    text = doc.text  # Doc.text is rebuilt from the tokens on every access
    for pair in rules.get("paired_abbreviations", ()):
        word, keys = pair["word"], pair["keys"]
        if len(word) != len(keys) or not all(key in article_keys for key in keys):
            continue
        key_of = dict(zip(word, keys, strict=True))
        for index, token in enumerate(tokens[:-1]):
            following = tokens[index + 1]
            if (
                token.text != word
                or not following.tag_.startswith(("名詞", "接尾辞"))
                or following.text.startswith(tuple(pair.get("not_before", ())))
                or _covered(token.idx, token.idx + len(word), known)
            ):
                continue
            found += _chain_mentions(text, token.idx, token.idx + len(word), key_of)
    return found


def _is_number(token: Any) -> bool:
    return bool(token.pos_ == "NUM" or char_class(token.text[-1:]) == "digit")


def _read_as_abbreviations(token: Any, readings: dict[str, list[str]]) -> bool:
    """Whether Sudachi reads ``token`` as its characters' abbreviation readings in a row
    (日米 ニチベイ, 日中 ニッチュウ), not as a word of its own (朝日 アサヒ). A token
    without a reading, or with a character whose readings are not listed, passes."""
    reading = (token.morph.get("Reading") or [""])[0]
    if not reading or any(c not in readings for c in token.text):
        return True
    return _reads(reading, token.text, readings)


def _reads(reading: str, chars: str, readings: dict[str, list[str]]) -> bool:
    if not chars:
        return not reading
    for option in readings[chars[0]]:
        forms = {option}
        if len(chars) > 1 and option[-1] in "チキクツ":
            forms.add(option[:-1] + "ッ")  # 日中 ニッチュウ: the first reading geminates
        for form in forms:
            if reading.startswith(form) and _reads(reading[len(form) :], chars[1:], readings):
                return True
    return False


def _abbreviation_prefix(text: str, abbreviations: dict[str, str], words: frozenset[str]) -> int:
    """Length of a country-abbreviation prefix glued to a title or a word for the state's
    forces or executive in one token (米大統領 → 1, 米軍 → 1: 軍 after a country is no
    name, guidelines §2.1)."""
    for cut in range(1, min(len(text), 4)):
        head, rest = text[:cut], text[cut:]
        if not all(c in abbreviations for c in head):
            return 0
        if rest in words:
            return cut
    return 0


def _chain_mentions(
    text: str, start: int, end: int, abbreviations: dict[str, str]
) -> list[EntityMention]:
    return [
        EntityMention(i, i + 1, text[i], "GPE", abbreviations[text[i]], "abbreviation")
        for i in range(start, end)
    ]


def _person_candidates(doc: Doc, known: list[EntityMention]) -> list[tuple[int, int, bool]]:
    """Spans that may be a person's name: gazetteer persons and unknown name-like runs.

    Returns (start, end, is_known_person).
    """
    spans: list[tuple[int, int, bool]] = [
        (m.start, m.end, True) for m in known if m.label == "PERSON"
    ]
    run_start: int | None = None
    run_end = 0
    for token in doc:
        namelike = token.tag_.startswith(PERSON_NAME_TAG) or (
            token.pos_ in {"PROPN", "NOUN"} and _is_name_token_text(token.text)
        )
        if namelike and not _covered(token.idx, token.idx + len(token.text), known):
            if run_start is None:
                run_start = token.idx
            run_end = token.idx + len(token.text)
            continue
        if run_start is not None:
            spans.append((run_start, run_end, False))
            run_start = None
    if run_start is not None:
        spans.append((run_start, run_end, False))
    return spans


def _longest_at(text: str, position: int, words: frozenset[str], longest: int) -> str | None:
    for length in range(min(longest, len(text) - position), 0, -1):
        if text[position : position + length] in words:
            return text[position : position + length]
    return None


def attach_titles(
    doc: Doc,
    gazetteer: Gazetteer,
    titles: TitleLexicon,
    known: list[EntityMention],
    ner: Sequence[EntityMention] = (),
) -> list[EntityMention]:
    """Roles for known persons and new PERSON mentions for names before a title.

    ルビオ米国務長官 → role 国務長官 affiliated to 米; シーヤールトー外相 → PERSON
    (unknown name before a title); マイヤー氏 → PERSON. A title with no name
    before it (上級外交官) makes no person. An unknown name needs evidence that it
    is one (:func:`_unknown_name_start`): スタッフさん makes no person, and
    ルネ・ガルシア・プレヴァル大統領 keeps the full name the NER found. Returns
    only the new mentions; known persons get their roles in place.
    """
    text = doc.text
    by_span = {(m.start, m.end): m for m in known}
    places_by_start = {m.start: m for m in known if m.label in {"GPE", "ORG"}}
    places_by_end = {m.end: m for m in known if m.label in {"GPE", "ORG"}}
    new: list[EntityMention] = []
    longest_title = titles.longest
    for start, end, is_known in _person_candidates(doc, known):
        position = end
        modifier = _longest_at(text, position, titles.modifiers, 2)
        if modifier:
            position += len(modifier)
        affiliation = places_by_start.get(position)
        if affiliation is not None:
            position = affiliation.end
        else:
            abbreviation = text[position : position + 1]
            rest_title = _longest_at(text, position + 1, titles.titles, longest_title)
            if abbreviation in gazetteer.by_abbreviation and rest_title:
                affiliation = EntityMention(
                    position,
                    position + 1,
                    abbreviation,
                    "GPE",
                    gazetteer.by_abbreviation[abbreviation],
                    "abbreviation",
                )
                if not _covered(position, position + 1, known):
                    new.append(affiliation)
                position += 1
        title = _longest_at(text, position, titles.titles, longest_title)
        honorific = None if title else _longest_at(text, position, titles.honorifics, 4)
        if not title and not honorific:
            continue
        if is_known:
            person = by_span[(start, end)]
        else:
            name_start = _unknown_name_start(doc, start, end, ner)
            if name_start is None or end - name_start < 2:
                continue
            if name_start < start and _covered(name_start, start, known):
                continue  # the NER's longer name runs over a mention the rules found
            start = name_start
            person = EntityMention(start, end, text[start:end], "PERSON", None, "title")
            new.append(person)
        if title:
            if affiliation is None and start >= 2 and text[start - 1] == "の":
                affiliation = places_by_end.get(start - 1)
            person.roles.append(
                RoleMention(
                    title=title,
                    start=position,
                    end=position + len(title),
                    affiliation_key=affiliation.key if affiliation else None,
                    affiliation_start=affiliation.start if affiliation else None,
                    affiliation_end=affiliation.end if affiliation else None,
                )
            )
    return new


def drop_persons_read_as_words(
    doc: Doc,
    mentions: list[EntityMention],
    titles: TitleLexicon,
    ner: Sequence[EntityMention] = (),
) -> list[EntityMention]:
    """``mentions`` without the gazetteer persons whose name Sudachi's dictionary reads as
    common nouns only (マスク "mask", 町村 "towns and villages", read 町 + 村) and that
    nothing marks as a person: no title (attached as a role), no honorific after it
    (マスク氏), no PERSON of the NER on the same span."""
    text = doc.text
    token_starts, token_ends = _token_bounds(doc)
    not_common = [t.idx for t in doc if not t.tag_.startswith(COMMON_NOUN_TAG)]
    persons_of_ner = {(m.start, m.end) for m in ner if m.label == "PERSON"}

    def read_as_common_nouns(start: int, end: int) -> bool:
        if start not in token_starts or end not in token_ends:
            return False
        return not any(start <= idx < end for idx in not_common)

    def unsupported_word(m: EntityMention) -> bool:
        span = (m.start, m.end)
        return (
            m.label == "PERSON"
            and m.origin == "gazetteer"
            and read_as_common_nouns(m.start, m.end)
            and not m.roles
            and span not in persons_of_ner
            and not _longest_at(text, m.end, titles.honorifics, 4)
        )

    return [m for m in mentions if not unsupported_word(m)]


def drop_places_read_as_name_parts(
    doc: Doc, mentions: list[EntityMention], ner: Sequence[EntityMention]
) -> list[EntityMention]:
    """``mentions`` without the gazetteer places that start a person's full name.

    - The NER reads a PERSON from the place to the end of a given name Sudachi's
      dictionary knows (兵庫|慎司, 韓国|瑜: the place is the surname). Without the given
      name the place stays (ムセヴェニ・ウガンダ, ウガンダ大統領).
    - A place written in katakana, no country, starts a PERSON written in katakana
      whose later part Sudachi reads as a person's name (ダグラス・フェアバンクス,
      ウラジーミル・レーニン, ナポリ|ターノ: the place is a first name). Without such a
      part the place stays (ジャカルタ・ポスト, a newspaper the NER took for a person).
    """
    given_names = {t.idx: t.idx + len(t.text) for t in doc if t.tag_.startswith(GIVEN_NAME_TAG)}
    name_parts = [t.idx for t in doc if t.tag_.startswith(PERSON_NAME_TAG)]
    persons = [m for m in ner if m.label == "PERSON"]
    full_names = {(m.start, m.end) for m in persons}

    def is_surname(m: EntityMention) -> bool:
        end = m.end
        while end in given_names:
            end = given_names[end]
            if (m.start, end) in full_names:
                return True
        return False

    def is_first_name(m: EntityMention) -> bool:
        if (m.key or "").startswith("country:") or not _is_name_token_text(m.text):
            return False
        return any(
            p.start == m.start
            and p.end > m.end
            and _is_name_token_text(p.text)
            and any(m.end <= i < p.end for i in name_parts)
            for p in persons
        )

    return [
        m
        for m in mentions
        if not (
            m.label in PLACE_LABELS
            and m.origin == "gazetteer"
            and (is_surname(m) or is_first_name(m))
        )
    ]


def _unknown_name_start(doc: Doc, start: int, end: int, ner: Sequence[EntityMention]) -> int | None:
    """Where the unknown name ending at ``end`` before a title starts, or None when the
    run ``start:end`` is not taken for a name.

    The NER decides first: an entity of another label over the run vetoes it (ワオ・
    コーポレーション社長: the company's president) unless its span also held the title
    (the ORG シニスカルロ経済相 is no reading of the name), and a PERSON ending at ``end``
    gives the full name (鳩山一郎元首相, where the run is only 一郎). Without the NER,
    Sudachi must read a token of the run as a personal name, or know no vector for it
    (an unseen foreign name, シーヤールトー); a common word (スタッフさん, ママさん) is
    no name.
    """
    overlapping = [m for m in ner if m.start < end and start < m.end]
    if any(
        m.label != "PERSON" and m.origin == "ner" and m.start <= start and end <= m.end
        for m in overlapping
    ):
        return None
    persons = [m for m in overlapping if m.label == "PERSON"]
    full = [m.start for m in persons if m.end == end and m.start < start]
    if full:
        return min(full)
    run = doc.char_span(start, end, alignment_mode="expand")
    tokens = list(run) if run is not None else []
    if persons or any(t.tag_.startswith(PERSON_NAME_TAG) or t.is_oov for t in tokens):
        return start
    return None


def find_anaphors(doc: Doc, rules: dict[str, Any]) -> list[EntityMention]:
    """同氏 / 両氏 / 同国 tokens, to be resolved by the article-level clustering."""
    anaphors: dict[str, dict[str, Any]] = rules.get("anaphors", {})
    return [
        EntityMention(
            t.idx,
            t.idx + len(t.text),
            t.text,
            str(anaphors[t.text]["label"]),
            None,
            "anaphor",
            anaphor=True,
        )
        for t in doc
        if t.text in anaphors
    ]


def map_ner_label(label: str, rules: dict[str, Any]) -> str | None:
    """Our label for an NER label: ours pass through, GiNZA ENE labels are mapped."""
    kept = set(rules.get("ner_labels", ()))
    if label in kept:
        return label
    overrides: dict[str, str] = rules.get("ene_overrides", {})
    if label in overrides:
        return overrides[label]
    from ginza import ENE_ONTONOTES_MAPPING  # GiNZA's own ENE → OntoNotes mapping

    mapped = ENE_ONTONOTES_MAPPING.get(label)
    return mapped if mapped in kept else None


def reconcile_ner(
    doc: Doc,
    rules: dict[str, Any],
    titles: TitleLexicon,
    abbreviations: Container[str] = frozenset(),
) -> list[EntityMention]:
    """NER entities mapped to our labels, titles and honorifics trimmed off the end;
    a generic word for a state's executive or forces or for the parties in or out of
    power (``generic_group_words``: 政府, 陸軍, 野党) is no name and is dropped.

    A one-character entity that is a country abbreviation (米, 中) is left to the
    abbreviation rule, which decides it with its context; other one-character names
    are kept when Sudachi also reads the token as a proper noun (a dynasty 宋, a given
    name 彩), not a prefix or a common word (現 in 現大統領).
    """
    found: list[EntityMention] = []
    text = doc.text  # Doc.text is rebuilt from the tokens on every access
    suffixes = sorted(titles.titles | titles.honorifics, key=len, reverse=True)
    person_titles = titles.titles - set(rules["titles_that_name_a_group"])
    generic = frozenset(rules["generic_group_words"])
    for ent in doc.ents:
        label = map_ner_label(ent.label_, rules)
        if label is None:
            continue
        start, end = ent.start_char, ent.end_char
        if label == "PERSON":
            for suffix in suffixes:
                if text[start:end].endswith(suffix) and end - len(suffix) > start:
                    end -= len(suffix)
                    break
        else:
            end = _before_a_title_token(ent, person_titles)
        origin = "ner" if end == ent.end_char else "ner-title"
        end = start + _before_an_unclosed_bracket(text[start:end])
        surface = text[start:end]
        if "\n" in surface or "%" in surface or "％" in surface:
            continue  # a name never runs across a line break, nor holds a percentage
        if surface in titles.titles or surface in titles.honorifics or len(surface.strip()) < 1:
            continue
        if surface in generic:
            continue  # 政府, 陸軍, 野党: no name (guidelines §2.1)
        if len(surface) == 1 and (
            surface in abbreviations or len(ent) != 1 or not ent[0].tag_.startswith(PROPER_NOUN_TAG)
        ):
            continue  # the NER alone tags 米 in 米の価格, 現 in 現大統領
        found.append(EntityMention(start, end, surface, label, None, origin))
    return found


def _before_a_title_token(ent: Span, titles: Container[str]) -> int:
    """Where ``ent`` ends once the title tokens at its end are left out: an organisation's
    or a place's NER span that took in its holder's title (東京|都知事, 自民党|総裁 →
    東京, 自民党; guidelines §2.2: a title is no part of a name). Only whole tokens go,
    so a name that merely ends like a title (八王子, one token) stays whole. ``titles``
    leaves out those that also name a group (日本|代表, the team: ``rules.json``)."""
    doc = ent.doc
    end = ent.end
    trimmed = True
    while trimmed:
        trimmed = False
        for first in range(max(ent.start + 1, end - 3), end):  # a title of up to 3 tokens
            if doc[first:end].text in titles:
                end, trimmed = first, True
                break
    return doc[end - 1].idx + len(doc[end - 1].text)


BRACKET_PAIRS = {"(": ")", "（": "）", "「": "」", "『": "』", "[": "]", "【": "】"}
OPENING_OF = {closing: opening for opening, closing in BRACKET_PAIRS.items()}


def _before_an_unclosed_bracket(surface: str) -> int:
    """Length of ``surface`` up to an opening bracket it does not close
    (アメリカ地質調査所(USGS → アメリカ地質調査所), or without a closing bracket at its
    end that it does not open (CSU) → CSU); its whole length otherwise."""
    for position, char in enumerate(surface):
        closing = BRACKET_PAIRS.get(char)
        if closing is not None and closing not in surface[position + 1 :]:
            return position
    if surface and surface[-1] in OPENING_OF and OPENING_OF[surface[-1]] not in surface:
        return len(surface) - 1
    return len(surface)


NAME_PART_JOINERS = (*NAME_SEPARATORS, " ", "　")
"""What may stand between the parts of a person's full name in running text."""


@dataclass(frozen=True)
class NestingRules:
    """What decides whether a longer NER name replaces the rule mentions inside it
    (:func:`prefer_longer_names`); the word lists come from ``rules.json``."""

    generic: frozenset[str] = frozenset()
    """``words_after_a_place``: a name and one of these is no new name (ロシア軍)."""
    polities: frozenset[str] = frozenset()
    """``polity_suffixes``: a place and one of these is a new place (モンゴル帝国)."""
    event_suffixes: frozenset[str] = frozenset()
    """``named_event_suffixes``: an abbreviation chain and one of these names an event."""
    municipalities: tuple[str, ...] = ()
    """``municipality_suffixes``: how the name of a city, ward, town or village ends."""
    aliases: Mapping[str, list[str]] = field(default_factory=dict)
    """Gazetteer alias → keys, to link the municipality of an address."""

    @classmethod
    def from_rules(
        cls, rules: Mapping[str, Any], aliases: Mapping[str, list[str]] | None = None
    ) -> NestingRules:
        """The lists of ``rules.json`` (:func:`load_entity_rules`) and gazetteer aliases."""
        return cls(
            generic=frozenset(rules["words_after_a_place"]),
            polities=frozenset(rules["polity_suffixes"]),
            event_suffixes=frozenset(rules["named_event_suffixes"]),
            municipalities=tuple(rules["municipality_suffixes"]),
            aliases=aliases or {},
        )


def prefer_longer_names(
    rules: list[EntityMention],
    ner: list[EntityMention],
    nesting: NestingRules = NestingRules(),
) -> list[EntityMention]:
    """Rule mentions plus NER mentions, where a longer name the NER found replaces the
    rule mentions nested inside it (guidelines §2.2: a name nested inside a longer name
    is not a separate mention).

    The NER span must strictly contain the rule mentions and add letters or digits of
    its own (not only a middle dot or a bracket). What it adds must not be, or end
    with, a generic word of ``nesting`` (ロシア軍, 韓国政府, ウクライナ東部, パリ市中央部,
    国連軍: a name and a generic word). Then, by what is inside and the NER label:

    - an address: a GPE of gazetteer countries, states or prefectures and then a
      municipality in them (宮城県石巻市, 東京都千代田区, フロリダ州オーランド) is one
      mention of the municipality, linked to it when the gazetteer knows it;
    - gazetteer places (GPE/LOC) inside:
      - ORG, FAC, EVENT, NORP: the span wins (東京株式市場, 広島県議会, 新宿駅, 仙台藩);
      - GPE, LOC: only when it adds a polity suffix (モンゴル帝国); a place and a
        district (東京都九段) stays two places and a descriptor (オーストラリア西海岸)
        stays out, as the annotation guidelines say;
      - PERSON: only when a city is the last part of a full name (ウォルター・ローリー,
        リカルド・ラゴス), not a country (ムセヴェニ・ウガンダ) or a word's start (トリノ大学);
    - one gazetteer organisation at the start of an ORG or FAC that extends its name:
      the span wins (産経新聞グループ, 朝日新聞デジタル, 国会議事堂); not a list of names
      (SPD・緑の党連合) nor a name after something else (…前連邦最高裁);
    - gazetteer places and organisations and country abbreviations inside a *named*
      EVENT (no persons: 第三次小泉内閣 is a cabinet): one with a year
      or ordinal inside its name (第48回衆議院議員総選挙, not 2005年衆院選), or an
      abbreviation chain and a named-event suffix (日露戦争, 日中戦争);
    - one gazetteer person inside a PERSON that adds name parts before or after it:
      the full name wins (鳩山一郎 over the surname 鳩山).

    Persons inside other labels (プーチン政権, ブッシュ政権), titles, and country
    abbreviations elsewhere (米中対立 → 米 + 中) keep the rule reading.
    """
    replaced: set[int] = set()
    kept_ner: list[EntityMention] = []
    for candidate in ner:
        inside = [
            i for i, m in enumerate(rules) if m.start < candidate.end and candidate.start < m.end
        ]
        nested = sorted((rules[i] for i in inside), key=lambda m: m.start)
        municipality = (
            _address_municipality(candidate, nested, nesting.municipalities)
            if nested and candidate.label == "GPE"
            else None
        )
        if municipality is not None:  # an address: the mention of its municipality
            city = candidate.text[municipality - candidate.start :]
            keys = [k for k in nesting.aliases.get(city, ()) if k.startswith("city:")]
            candidate.key = keys[0] if len(keys) == 1 else None
        if nested and (municipality is not None or _replaces_nested(candidate, nested, nesting)):
            replaced.update(inside)
            candidate.origin = "compound"
            city = nested[0].key or ""
            one_city = len(nested) == 1 and city.startswith("city:")
            if municipality is None and candidate.label == "GPE" and one_city:
                candidate.key = city  # バルセロナ市 is the city バルセロナ
        kept_ner.append(candidate)
    return [m for i, m in enumerate(rules) if i not in replaced] + kept_ner


PLACE_LABELS = frozenset({"GPE", "LOC"})
REGNAL_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十]+世$")
"""A monarch's or pope's number, part of the name: ヘンリー8世, ヨハネ・パウロ2世."""
LIST_OR_SENTENCE_MARKS = frozenset("・、。,，―—「」『』()（）")
ORDINAL_IN_NAME = re.compile(
    r"第[0-9０-９一二三四五六七八九十百千〇]+[回次期]"  # 第48回, 第三次
    r"|[^0-9０-９][0-9０-９]"  # a digit after the start: 選手権2010
)
"""A year or ordinal inside a name: 第48回, 第三次, 選手権2010; not a year before it
(2005年衆院選: the guidelines make that a time of a descriptive phrase)."""


def _replaces_nested(
    candidate: EntityMention, nested: list[EntityMention], nesting: NestingRules
) -> bool:
    """Whether the NER ``candidate`` replaces the rule mentions ``nested`` in it (sorted
    by position; addresses are decided before)."""
    generic = nesting.generic
    origins = {m.origin for m in nested}
    labels = {m.label for m in nested}
    if origins == {"gazetteer"} and labels <= PLACE_LABELS:
        return _is_one_name(candidate, nested, nesting)
    added = _added_characters(candidate, nested)
    if added is None or not any(unicodedata.category(c)[0] in "LN" for c in added):
        return False
    if candidate.label == "PERSON":
        person = nested[0]
        return (
            len(nested) == 1
            and person.label == "PERSON"
            and person.origin == "gazetteer"
            and (person.start == candidate.start or person.end == candidate.end)
            and all(
                char_class(c) in {"kanji", "katakana"} or c in NAME_PART_JOINERS
                for c in REGNAL_NUMBER.sub("", added)
            )
        )
    if any(c in LIST_OR_SENTENCE_MARKS for c in candidate.text):
        return False  # SPD・緑の党連合 lists two names; 大勝―第44回… runs over a headline
    if candidate.label in {"ORG", "FAC"}:
        head = nested[0]
        return (
            len(nested) == 1
            and head.origin == "gazetteer"
            and head.label == "ORG"
            and head.start == candidate.start
            and _adds_a_name(added, generic)
        )
    if candidate.label == "EVENT" and origins <= {"gazetteer", "abbreviation"}:
        if "PERSON" in labels:
            return False  # 第三次小泉内閣 is a cabinet the NER took for an event
        if ORDINAL_IN_NAME.search(candidate.text):
            return True
        chain_first = origins == {"abbreviation"} and nested[0].start == candidate.start
        return chain_first and added in nesting.event_suffixes
    return False


LARGER_UNITS = ("country:", "region:", "pref:")
"""Gazetteer key prefixes of the units an address names before its municipality."""


def _address_municipality(
    candidate: EntityMention, places: list[EntityMention], municipalities: tuple[str, ...]
) -> int | None:
    """Where the municipality starts when ``candidate`` is an address: gazetteer
    countries, states or prefectures in a row at its start, then the name of a
    municipality in them, which is a gazetteer city or ends with one of
    ``municipalities`` (宮城県石巻市, 東京都千代田区, フロリダ州オーランド); a city may
    come last before a ward or town of its own (横浜市戸塚区). None otherwise
    (東京都九段: 九段 is a district, not a municipality)."""
    if any(m.origin != "gazetteer" for m in places):
        return None
    position = candidate.start
    for place in places:
        if place.start != position:
            return None
        position = place.end
    if position == candidate.end:  # the municipality is the last place, a gazetteer city
        *larger, last = places
        if not (last.key or "").startswith("city:"):
            return None
        position = last.start
        units = larger
    else:  # the municipality is the rest; a city may contain it (横浜市戸塚区)
        larger = places
        rest = candidate.text[position - candidate.start :]
        if len(rest) < 2 or not rest.endswith(municipalities):
            return None
        units = larger[:-1] if (larger[-1].key or "").startswith("city:") else larger
    if not larger or not all((m.key or "").startswith(LARGER_UNITS) for m in units):
        return None
    return position


def _adds_a_name(added: str, generic: frozenset[str]) -> bool:
    return added not in generic and not any(len(w) >= 2 and added.endswith(w) for w in generic)


def _is_one_name(
    candidate: EntityMention, places: list[EntityMention], nesting: NestingRules
) -> bool:
    """Whether ``candidate`` is one name built on ``places`` (see the caller)."""
    added = _added_characters(candidate, places)
    if added is None or not any(unicodedata.category(c)[0] in "LN" for c in added):
        return False
    if not _adds_a_name(added, nesting.generic):
        return False
    if candidate.label in {"GPE", "LOC"}:
        city_and_suffix = (
            len(places) == 1
            and (places[0].key or "").startswith("city:")
            and candidate.text == places[0].text + added
            and added in nesting.municipalities
        )  # バルセロナ市: the administrative suffix is part of the name (guidelines §2.2)
        return added in nesting.polities or city_and_suffix
    if candidate.label == "PERSON":
        place = places[-1]
        before = place.start - candidate.start - 1
        return (
            len(places) == 1
            and place.end == candidate.end
            and before >= 0
            and candidate.text[before] in NAME_PART_JOINERS
            and not (place.key or "").startswith("country:")
        )
    return True


def _added_characters(candidate: EntityMention, inside: list[EntityMention]) -> str | None:
    """The characters of ``candidate`` outside the mentions ``inside`` it, or None when a
    mention reaches outside the candidate."""
    if any(m.start < candidate.start or candidate.end < m.end for m in inside):
        return None
    covered: set[int] = set()
    for m in inside:
        covered.update(range(m.start, m.end))
    return "".join(
        char
        for position, char in enumerate(candidate.text, start=candidate.start)
        if position not in covered
    )


def drop_places_naming_something_else(
    doc: Doc,
    mentions: list[EntityMention],
    words_that_unmake_a_place: Iterable[str],
    currency_words: Iterable[str] = (),
    place_names: Container[str] = frozenset(),
) -> list[EntityMention]:
    """``mentions`` without the places directly followed by one of
    ``words_that_unmake_a_place`` or ``currency_words`` ending a word, and without names
    that end with one (the NER's ORG モスクワ時間, 日本円): a time zone (日本時間), a
    language (ロシア語) or a currency (台湾ドル, 英ポンド) is named after a place without
    referring to it (guidelines §2.2). A name ending in a currency word goes only when
    the rest is one of ``place_names`` (スイス|フラン, イラク・|ディナール), so a name that
    merely ends so (演劇集団円, …アイドル) stays."""
    text = doc.text
    _, token_ends = _token_bounds(doc)
    words = tuple(words_that_unmake_a_place)
    currencies = tuple(currency_words)
    after_a_place = words + currencies

    def names_something_else(m: EntityMention) -> bool:
        if m.label in PLACE_LABELS:
            return any(
                text.startswith(w, m.end) and m.end + len(w) in token_ends for w in after_a_place
            )
        if m.label == "PERSON":
            return False
        named_after_a_place = any(
            m.text.endswith(w) and len(m.text) > len(w) and not m.text[-len(w) - 1].isdigit()
            for w in words
        )  # ル・マン24時間 is a race: a number of hours, not a place's time
        return named_after_a_place or any(
            m.text.endswith(w) and m.text[: -len(w)].rstrip("・") in place_names for w in currencies
        )

    return [m for m in mentions if not names_something_else(m)]


def resolve_overlaps(mentions: list[EntityMention]) -> list[EntityMention]:
    """Keep the most trusted of overlapping mentions (rules over NER, longer over shorter)."""
    ranked = sorted(
        mentions, key=lambda m: (ORIGIN_PRIORITY.get(m.origin, 9), -(m.end - m.start), m.start)
    )
    kept: list[EntityMention] = []
    for mention in ranked:
        if not _covered(mention.start, mention.end, kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
