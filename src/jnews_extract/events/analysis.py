"""What a trigger's clause says: arguments, place, time, status, negation, source, target.

One :class:`ClauseReader` is built per ``Doc`` (it indexes the entity and time
mentions by token) and reads each trigger:

- **governors**: the trigger itself, the light verb carrying it (会談を *行う*,
  会談の *開催*) and the relative clauses on it (*20日に行った* 電話会談);
- **arguments**: the entity mentions in the case phrases of the governors
  (が/は subject, と partner, による/の, を object, に/への target, で place) and in the
  compound before the trigger (*米ロ*首脳会談), mapped to roles by the ontology;
  a missing subject is taken from the clause chain (トランプ大統領は…電話会談し、…会談);
  a country + title with no name (*米ロ外相*による) is resolved to the persons the
  article names with that office;
- **status**: cue words on the path from the trigger up to the predicate of its
  clause, read in text order so the outermost word wins (首脳会談の準備は *行き詰まり*
  → UNCERTAIN); then the tense of that predicate, the relative clauses, the clause
  chain; negation and tense count only on the trigger, its light verb, cue words,
  formal nouns and modal verbs (合意を得ることは *できなかった*), not on a content verb
  that merely takes the event as its object (要求を *譲歩しない*);
- **source**: the subject of an attribution verb the trigger is embedded under, or a
  …によると phrase in the sentence;
- **target** of POSTPONEMENT/CANCELLATION: the trigger it governs (会合*は延期*され).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Span, Token

from jnews_extract.annotations import EntityMention, EventArgumentMention, TimeMention
from jnews_extract.errors import JnewsExtractError
from jnews_extract.events.lexicon import EventLexicon, EventType, StatusCue, TriggerPattern
from jnews_extract.events.syntax import (
    ancestors_until_root,
    bunsetu_end,
    case_marker,
    char_to_token,
    function_tail,
    is_clause,
    is_continuative,
    is_nominal,
    is_predicate,
    top_token,
)
from jnews_extract.events.triggers import Trigger

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PARTY_LABELS = frozenset({"PERSON", "GPE", "ORG", "NORP"})
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBJECT_CASES = ("が", "は", "も", "では", "でも", "からは")
TOPIC_CASES = ("は", "も", "では")
AT_CASES = ("で", "での", "では", "において", "における", "に於いて", "に於ける", "にて")
REPORTED_BY_CASES = ("によると", "によれば", "によりますと")
BY_CASES = ("による", "によって", "により", "によっ")
AGAINST_CASES = ("に対する", "に対して", "に対し", "への", "へ")
NOUN_PHRASE_CASES = ("", "の", "と", "や", "など", "とも", "及び", "および", "並びに", "ら")
CHAIN_DEPS = frozenset({"advcl", "conj", "acl"})
_NO_PATTERN = TriggerPattern("", [{}])
"""Stands for the trigger when the path climbs from a chained clause (no light verbs)."""
POLAR_LINKS = frozenset({"self", "light", "cue", "formal", "modal"})
"""Path links through which negation and tense describe the event itself."""


def slot_of(case: str, dep: str) -> str | None:
    """The case slot of a dependent from its particles and relation."""
    if case.startswith(REPORTED_BY_CASES):
        return None
    if case.startswith(BY_CASES):
        return "by"
    if case.startswith(AGAINST_CASES):
        return "against"
    if case.startswith("と"):
        return "with"
    if case in AT_CASES:
        return "at"
    if case in SUBJECT_CASES or (not case and dep in ("nsubj", "dislocated")):
        return "subject"
    if case == "を":
        return "object"
    if case in ("に", "にも"):
        return "dative"
    if case == "の":
        return "genitive"
    return None


@dataclass
class StatusReading:
    """The status found for one trigger and which rule found it (for docs and debugging)."""

    status: str = "UNKNOWN"
    negated: bool = False
    origin: str = "none"


@dataclass
class Governors:
    """The tokens whose dependents are the trigger's arguments."""

    head: Token
    light: Token | None
    relatives: list[Token]


@dataclass
class _Step:
    token: Token
    link: str
    """How the path reached this token: self, light, cue, formal, modal, subject, other."""


@cache
def _person_country(key: str) -> str | None:
    """The gazetteer country of a person key (person:donald-trump → country:USA), if any."""
    try:
        from jnews_extract.knowledge import load_gazetteer

        entry = load_gazetteer().entries.get(key)
    except (ImportError, JnewsExtractError, AttributeError):
        return None
    country = getattr(entry, "country", None) if entry is not None else None
    return f"country:{country}" if country else None


class ArticleNames:
    """The names of a whole article a clause can point to, indexed once per article.

    Who holds an office (米ロ首脳 → the presidents the article names, wherever it names
    them) and where a place key is mentioned (訪米 → a mention of the United States).
    Offsets are the mentions' own: article offsets when built from an article's
    mentions, doc offsets when built from one doc's.
    """

    def __init__(self, mentions: Iterable[EntityMention], lexicon: EventLexicon) -> None:
        ordered = sorted(mentions, key=lambda m: (m.start, m.end))
        self.holders: dict[tuple[str, str], EntityMention] = {}
        """(title group, country key) → the first person named in that office."""
        self.keyed: dict[str, list[EntityMention]] = {}
        """Gazetteer key → its mentions, in text order."""
        for mention in ordered:
            if mention.key:
                self.keyed.setdefault(mention.key, []).append(mention)
            if mention.label != "PERSON":
                continue
            for role in mention.roles:
                group = lexicon.title_group_of(role.title)
                country = role.affiliation_key or (
                    _person_country(mention.key) if mention.key else None
                )
                if group and country:
                    self.holders.setdefault((group, country), mention)

    def nearest(self, key: str, position: int) -> EntityMention | None:
        """The mention of ``key`` whose start is nearest ``position``."""
        mentions = self.keyed.get(key)
        if not mentions:
            return None
        return min(mentions, key=lambda m: abs(m.start - position))


class ClauseReader:
    """Reads the triggers of one ``Doc`` against its entity and time mentions.

    ``names`` with ``offset``: the whole article's :class:`ArticleNames` and where this
    doc starts in the article; by default, this doc's own names.
    """

    def __init__(
        self,
        doc: Doc,
        entities: Sequence[EntityMention],
        times: Sequence[TimeMention],
        lexicon: EventLexicon,
        *,
        names: ArticleNames | None = None,
        offset: int = 0,
    ) -> None:
        self.doc = doc
        self.text = doc.text
        """``doc.text`` once: spaCy rebuilds it from the tokens at every access."""
        self.lexicon = lexicon
        self.entities = list(entities)
        if names is None:
            names, offset = ArticleNames(self.entities, lexicon), 0
        self._names = names
        self._offset = offset
        self._char_token = char_to_token(doc, self.text)
        self._line = self._line_numbers(doc)
        self._entities_at: dict[int, list[EntityMention]] = {}
        self._entities_starting: dict[int, list[EntityMention]] = {}
        for mention in self.entities:
            token = self.token_of(mention.end - 1)
            if token is not None:
                self._entities_at.setdefault(token.i, []).append(mention)
            first = self.token_of(mention.start)
            if first is not None:
                self._entities_starting.setdefault(first.i, []).append(mention)
        self._times_at: dict[int, TimeMention] = {}
        for time in times:
            first, last = self.token_of(time.start), self.token_of(time.end - 1)
            if first is not None and last is not None:
                self._times_at.setdefault(top_token(doc, first.i, last.i).i, time)
        self._affiliations = {
            (role.affiliation_start, role.affiliation_end)
            for mention in self.entities
            for role in mention.roles
            if role.affiliation_start is not None
        }
        self.trigger_heads: dict[int, str] = {}
        """Head token → event type of every trigger in the doc (set by the component)."""

    # --- indexes -------------------------------------------------------------------

    @staticmethod
    def _line_numbers(doc: Doc) -> list[int]:
        lines = []
        line = 0
        for token in doc:
            lines.append(line)
            line += token.text.count("\n")
        return lines

    def _here(self, mention: EntityMention) -> EntityMention:
        """``mention`` (from :class:`ArticleNames`) with offsets relative to this doc."""
        if not self._offset:
            return mention
        return replace(mention, start=mention.start - self._offset, end=mention.end - self._offset)

    def token_of(self, char: int) -> Token | None:
        """The token containing character ``char``."""
        if 0 <= char < len(self._char_token) and self._char_token[char] >= 0:
            return self.doc[self._char_token[char]]
        return None

    def entities_in(self, tokens: Iterable[Token]) -> list[EntityMention]:
        """Entity mentions whose last character lies in one of ``tokens``, in text order."""
        found: list[EntityMention] = []
        for token in tokens:
            found.extend(self._entities_at.get(token.i, ()))
        return sorted(found, key=lambda m: m.start)

    def same_line(self, a: Token, b: Token) -> bool:
        """Whether no newline separates two tokens (a headline is not its caption's clause)."""
        return self._line[a.i] == self._line[b.i]

    # --- noun phrases ----------------------------------------------------------------

    def noun_phrase(self, head: Token) -> tuple[list[Token], list[Token]]:
        """Tokens of the noun phrase headed by ``head`` and the adjunct phrases hung on it.

        Coordination and genitives stay in (英国、フランス、…など欧州首脳;
        ロシアのプーチン大統領); embedded clauses and phrases with their own case
        (GiNZA's ブダペスト *で* → 大統領) are adjuncts, returned apart.
        """
        tokens: list[Token] = []
        adjuncts: list[Token] = []
        stack = [head]
        while stack:
            token = stack.pop()
            tokens.append(token)
            for child in token.children:
                if is_clause(child):
                    continue
                if child.dep_ in ("case", "punct", "fixed", "mark", "aux", "cop"):
                    tokens.append(child)
                    continue
                if case_marker(child) not in NOUN_PHRASE_CASES:
                    adjuncts.append(child)
                    continue
                stack.append(child)
        leftmost = min(t.i for t in tokens)
        seen = {t.i for t in tokens}
        tokens.extend(t for t in self._prefix_before(leftmost) if t.i not in seen)
        return tokens, adjuncts

    def phrase_entities(self, head: Token) -> list[EntityMention]:
        """The entities a phrase names, without affiliations of the persons in it."""
        tokens, _ = self.noun_phrase(head)
        found = self.entities_in(tokens)
        persons = [m for m in found if m.label == "PERSON"]
        if not persons:
            return found
        person_heads = set()
        for person in persons:
            token = self.token_of(person.end - 1)
            if token is not None:
                person_heads.update({token.i, token.head.i})
        kept = []
        for mention in found:
            if mention.label == "PERSON":
                kept.append(mention)
                continue
            if (mention.start, mention.end) in self._affiliations:
                continue
            token = self.token_of(mention.end - 1)
            if token is not None and token.head.i in person_heads:
                continue
            kept.append(mention)
        return kept

    def _title_group_in(self, tokens: Sequence[Token]) -> str | None:
        for token in tokens:
            for word in (token.lemma_, token.text):
                group = self.lexicon.title_group_of(word)
                if group:
                    return group
            if token.i + 1 < len(self.doc):
                group = self.lexicon.title_group_of(token.text + self.doc[token.i + 1].text)
                if group:
                    return group
        return None

    def resolve_offices(
        self, mentions: list[EntityMention], group: str | None
    ) -> list[EntityMention]:
        """The persons a country + title with no name stands for (米ロ外相 → ルビオ, ラブロフ).

        Only when the phrase names no person itself and the article names someone in
        that office for that country; the countries stay arguments too.
        """
        if group is None or any(m.label == "PERSON" for m in mentions):
            return []
        persons = []
        for mention in mentions:
            if mention.key and mention.label == "GPE":
                holder = self._names.holders.get((group, mention.key))
                if holder is not None:
                    persons.append(self._here(holder))
        return persons

    # --- governors and arguments -------------------------------------------------------

    def governors(self, trigger: Trigger) -> Governors:
        """The trigger's head token, its light verb (or None) and its relative clauses."""
        head = self.doc[trigger.last]
        light = None
        parent = head.head
        if (
            parent.i > head.i
            and self.same_line(head, parent)
            and parent.lemma_ in self.lexicon.light_verbs_for(trigger.type)
            and head.dep_ in ("obj", "nsubj", "obl", "nmod")
        ):
            light = parent
        relatives = [
            child
            for child in head.children
            if child.dep_ == "acl"
            and child.i < trigger.first
            and is_predicate(child)
            and not is_continuative(child)
        ]
        return Governors(head, light, relatives)

    def _compound_prefix(self, trigger: Trigger) -> list[Token]:
        """Names written right against the trigger (*米ロ*首脳会談, *米ロ外相*会談), not
        through other nouns (イラク戦争終結宣言: イラク names the war, not the speaker)."""
        kept: list[Token] = []
        for token in reversed(self._prefix_before(trigger.first)):
            if not (self._covers_entity(token) or self._title_group_in([token])):
                break
            kept.append(token)
        return sorted(kept, key=lambda t: t.i)

    def _covers_entity(self, token: Token) -> bool:
        """Whether some entity mention overlaps ``token`` (米 inside the token 米大統領)."""
        end = token.idx + len(token.text)
        return any(m.start < end and token.idx < m.end for m in self._mentions_near(token))

    def _mentions_near(self, token: Token) -> list[EntityMention]:
        return self._entities_at.get(token.i, []) + self._entities_starting.get(token.i, [])

    def _prefix_before(self, first: int) -> list[Token]:
        """Nominal tokens written right before token ``first`` with nothing between:
        one compound word, whatever head GiNZA gave them (米ロ → 延期 in 米ロ外相による)."""
        tokens = []
        i = first - 1
        while i >= 0:
            token = self.doc[i]
            if token.is_space or "\n" in token.text:
                break
            if token.idx + len(token.text) != self.doc[i + 1].idx:
                break
            if not (is_nominal(token) or token.tag_.startswith("接頭辞")) or token.pos_ in (
                "ADP",
                "PUNCT",
                "AUX",
                "SCONJ",
            ):
                break
            if token.text in self.lexicon.anaphor_prefixes:
                break
            tokens.append(token)
            i -= 1
        return sorted(tokens, key=lambda t: t.i)

    def _conjunct_of_reporter(self, token: Token) -> bool:
        """産経新聞と毎日新聞によれば: the と-phrase is the first of the reporters."""
        end = bunsetu_end(token)
        rest = self.text[self.doc[end - 1].idx + len(self.doc[end - 1].text) :][:24]
        rest = rest.split("、")[0].split("。")[0]
        return any(marker in rest for marker in self.lexicon.attribution_postpositions)

    def _comma_after(self, token: Token) -> bool:
        end = bunsetu_end(token)
        return self.doc[end - 1].text == "、" or (
            end < len(self.doc) and self.doc[end].text == "、"
        )

    def _is_passive(self, token: Token) -> bool:
        return any(t.lemma_ in ("れる", "られる") for t in function_tail(token))

    def arguments(
        self, trigger: Trigger, event_type: EventType
    ) -> tuple[list[EventArgumentMention], EntityMention | None]:
        """Arguments (role + entity span) and the place of one trigger."""
        governors = self.governors(trigger)
        head = governors.head
        found: list[tuple[str, EntityMention]] = []
        places: list[EntityMention] = []
        subject_found = False

        taken_slots: set[str] = set()

        def take(slot: str, mentions: Iterable[EntityMention]) -> None:
            nonlocal subject_found
            taken_slots.add(slot)
            role = event_type.roles.get(slot)
            place_slot = (
                slot == "at"
                or slot in event_type.place_slots
                or (slot == "genitive" and event_type.genitive_place)
            )
            for mention in mentions:
                if place_slot and mention.label in PLACE_LABELS:
                    places.append(mention)
                elif role:
                    found.append((role, mention))
                    if slot in ("subject", "passive_subject"):
                        subject_found = True

        prefix = self._compound_prefix(trigger)
        if prefix:
            in_prefix = [m for m in self.entities_in(prefix) if m.start >= prefix[0].idx]
            place_like = [
                m
                for m in in_prefix
                if m.label in PLACE_LABELS
                and (
                    event_type.compound_place == "all"
                    or (
                        event_type.compound_place == "non_country"
                        and not (m.key or "").startswith("country:")
                        and m.origin != "abbreviation"
                    )
                )
            ]
            places.extend(place_like)
            parties = [
                m
                for m in in_prefix
                if m not in place_like
                and (not event_type.compound_labels or m.label in event_type.compound_labels)
            ]
            group = trigger.pattern.title_group or self._title_group_in(prefix)
            take("compound", parties + self.resolve_offices(parties, group))

        members = [(head, False), *((r, True) for r in governors.relatives)]
        if governors.light is not None:
            members.append((governors.light, False))
        for governor, relative in members:
            passive = self._is_passive(governor)
            for child in governor.children:
                if trigger.first <= child.i <= trigger.last or child.i == head.i:
                    continue
                if governors.light is not None and child.i == governors.light.i:
                    continue
                if is_clause(child) or (relative and self._comma_after(child)):
                    continue
                if not self.same_line(child, head):
                    continue
                slot = slot_of(case_marker(child), child.dep_)
                if slot is None or child.i in self.trigger_heads:
                    continue
                if slot == "with" and self._conjunct_of_reporter(child):
                    continue
                if slot == "subject" and passive:
                    slot = "passive_subject"
                tokens, adjuncts = self.noun_phrase(child)
                mentions = self.phrase_entities(child)
                take(slot, mentions + self.resolve_offices(mentions, self._title_group_in(tokens)))
                for adjunct in adjuncts:
                    if slot_of(case_marker(adjunct), adjunct.dep_) == "at":
                        take("at", self.phrase_entities(adjunct))

        # 日本を訪問中に: a を-phrase written right before the trigger is its object, even
        # when GiNZA hangs it on the main verb
        before = self.doc[trigger.first - 1] if trigger.first > 0 else None
        if (
            before is not None
            and before.text == "を"
            and before.dep_ == "case"
            and before.head.i < trigger.first
            and before.head.head.i != head.i
            and not any(slot == "object" for slot in taken_slots)
        ):
            take("object", self.phrase_entities(before.head))

        # 両氏による直接会談の計画: GiNZA hangs the による phrase on 計画, the noun the
        # trigger modifies; a by/with phrase before the trigger belongs to the event
        if head.dep_ == "nmod" and case_marker(head) == "の" and head.head.i > head.i:
            holder = head.head
            if self.cue(holder) is not None or holder.lemma_ in self.lexicon.light_nouns:
                for child in holder.children:
                    if child.i >= trigger.first or is_clause(child):
                        continue
                    slot = slot_of(case_marker(child), child.dep_)
                    if slot in ("by", "with"):
                        take(slot, self.phrase_entities(child))

        # a subject of its own, named or not (同国軍部が), is never replaced by an inherited one
        subject_found = subject_found or self._has_subject_phrase(governors)
        if not subject_found and event_type.roles.get("subject"):
            predicate = governors.light if governors.light is not None else head
            role = event_type.roles["subject"]
            inherited = (
                self._inherited_subject(predicate)
                or self._split_topic(predicate)
                or self._headline_subject(head)
            )
            for mention in inherited:
                if role:
                    found.append((role, mention))
        agent_role = event_type.roles.get("subject")
        if agent_role and not any(role == agent_role for role, _ in found):
            found.extend((agent_role, m) for m in self._speaker_as_agent(head, event_type))

        arguments = []
        seen = set()
        for role, mention in found:
            if mention.label not in PARTY_LABELS:
                continue
            if (role, mention.start, mention.end) in seen:
                continue
            seen.add((role, mention.start, mention.end))
            arguments.append(EventArgumentMention(role=role, start=mention.start, end=mention.end))
        place = places[-1] if places else None
        if place is None and trigger.pattern.place_key:
            # 訪米: the word names the place; any mention of it in the text stands for it
            named = self._names.nearest(trigger.pattern.place_key, trigger.start + self._offset)
            place = self._here(named) if named is not None else None
        return arguments, place

    def _speaker_as_agent(self, head: Token, event_type: EventType) -> list[EntityMention]:
        """The subject of the verb that announces the event, for the types whose announcer is
        their agent (``speaker_verbs``): オコナー元判事は…引退を表明 → オコナー;
        首相は辞任の意向を発表 → 首相."""
        if not event_type.speaker_verbs:
            return []
        holder = head
        if (
            head.dep_ == "nmod"
            and case_marker(head) == "の"
            and head.head.lemma_ in event_type.speaker_nouns
        ):
            holder = head.head
        verb = holder.head
        if (
            holder.dep_ != "obj"
            or verb.i < holder.i
            or verb.lemma_ not in event_type.speaker_verbs
            or not self.same_line(verb, head)
        ):
            return []
        return self._subject_of(verb) or self._inherited_subject(verb)

    def _subject_of(self, predicate: Token, topic_only: bool = False) -> list[EntityMention]:
        for child in predicate.children:
            if child.i > predicate.i or is_clause(child):
                continue
            case = case_marker(child)
            if slot_of(case, child.dep_) != "subject":
                continue
            if topic_only and case not in TOPIC_CASES:
                continue
            mentions = self.phrase_entities(child)
            tokens, _ = self.noun_phrase(child)
            mentions = mentions + self.resolve_offices(mentions, self._title_group_in(tokens))
            if mentions:
                return mentions
        return []

    def _inherited_subject(self, predicate: Token) -> list[EntityMention]:
        """A zero subject: the topic of the clause chain, or of the clause the phrase serves.

        トランプ大統領は先週、…と電話会談し、…ワシントンで会談: both share the topic;
        プーチン大統領は…を求める強硬姿勢を崩していない: 求める takes 崩す's subject.
        """
        for member in predicate.children:
            if member.dep_ in CHAIN_DEPS and member.i < predicate.i and is_continuative(member):
                found = self._subject_of(member, topic_only=True)
                if found:
                    return found
        current = predicate
        for _ in range(6):
            parent = current.head
            if parent.i == current.i or not self.same_line(parent, current):
                return []
            if parent.lemma_ in self.lexicon.compound_particle_verbs or self._is_attribution(
                parent
            ):
                return []
            if current.dep_ in ("advcl", "conj") or (
                current.dep_ == "acl" and is_continuative(current)
            ):
                found = self._subject_of(parent)
                if found:
                    return found
                current = parent
                continue
            if current.dep_ == "acl" and parent.dep_ == "obj" and parent.head.i > parent.i:
                verb = parent.head
                if verb.lemma_ in self.lexicon.compound_particle_verbs or self._is_attribution(
                    verb
                ):
                    return []
                return self._subject_of(verb)
            return []
        return []

    def _has_subject_phrase(self, governors: Governors) -> bool:
        """Whether the trigger's predicate has its own subject, named or not."""
        predicate = governors.light if governors.light is not None else governors.head
        return any(
            child.i < predicate.i
            and not is_clause(child)
            and case_marker(child) in ("が",)
            and child.dep_ in ("nsubj", "nsubj:pass")
            for child in predicate.children
        )

    def _line_root(self, token: Token) -> Token:
        """The highest head of ``token`` on its line (GiNZA may root a headline on the
        blank line after it)."""
        current = token
        for _ in range(40):
            parent = current.head
            if parent.i == current.i or parent.is_space or not self.same_line(parent, token):
                return current
            current = parent
        return current

    def _headline_subject(self, head: Token) -> list[EntityMention]:
        """A headline's leading name before 、 is the subject of its predicate:
        福田首相、辞意を表明; 北朝鮮、…断絶を宣言 (not of a word inside a compound:
        チリ、…クーデター32周年記念デモが… names no coup-maker)."""
        root = self._line_root(head)
        end = bunsetu_end(head)
        closes = (
            end >= len(self.doc)
            or self.doc[end].is_space
            or self.doc[end].text
            in (
                "-",
                "―",
                "—",
                "－",
                "：",
                ":",
                "』",
                "」",
            )
        )
        rooted = head.i == root.i or (head.dep_ == "compound" and head.head.i == root.i)
        if not (rooted or closes):
            return []
        line_start = head.i
        while line_start > 0 and self.same_line(self.doc[line_start - 1], head):
            line_start -= 1
        line = [t for t in self.doc[line_start : head.i] if not t.is_space]
        opened = [k for k, t in enumerate(line) if t.text in ("『", "「")]
        if opened:
            line = line[opened[-1] + 1 :]  # a cited headline: …『フジモリ元大統領、…出馬表明』
        if any(t.text in ("。", "！", "？") for t in line):
            return []
        comma = next((k for k, t in enumerate(line) if t.text == "、"), None)
        if not comma:
            return []
        lead = line[:comma]
        if not all(is_nominal(t) or t.text in ("・", "=") for t in lead):
            return []
        mentions = self.entities_in(lead)
        return [m for m in mentions if m.label in ("PERSON", "ORG")][:1] or mentions[:1]

    def _split_topic(self, predicate: Token) -> list[EntityMention]:
        """The topic of the clause GiNZA cut off before a quotation: in
        シーヤールトー外相は同首脳会談を巡り / 「…」と投稿した the two halves are one sentence."""
        sentence = predicate.sent
        if predicate.i != sentence.root.i or sentence.start == 0:
            return []
        before = self.doc[sentence.start - 1]
        if before.text in ("。", "！", "？", "!", "?") or "\n" in before.text:
            return []
        previous = before.sent
        for token in previous:
            if case_marker(token) in TOPIC_CASES and is_nominal(token) and not is_clause(token):
                tokens, _ = self.noun_phrase(token)
                mentions = self.phrase_entities(token)
                return mentions + self.resolve_offices(mentions, self._title_group_in(tokens))
        return []

    # --- time ----------------------------------------------------------------------

    def time_of(self, trigger: Trigger) -> TimeMention | None:
        """The time expression of the trigger's clause (nearest before it), or the chain's."""
        governors = self.governors(trigger)
        members = [(governors.head, False), *((r, True) for r in governors.relatives)]
        if governors.light is not None:
            members.append((governors.light, False))
        candidates: list[TimeMention] = []
        for governor, relative in members:
            for child in governor.children:
                time = self._times_at.get(child.i)
                if time is None or (relative and self._comma_after(child)):
                    continue
                if not self.same_line(child, governors.head):
                    continue
                candidates.append(time)
        if not candidates:
            predicate = governors.light if governors.light is not None else governors.head
            candidates = self._chain_times(predicate, trigger)
        if not candidates:
            candidates = self._ancestor_times(governors.head, trigger)
        if not candidates:
            return None
        before = [t for t in candidates if t.end <= trigger.start]
        if before:
            return max(before, key=lambda t: t.start)
        return min(candidates, key=lambda t: t.start)

    def _ancestor_times(self, head: Token, trigger: Trigger) -> list[TimeMention]:
        """Times on the predicates above the trigger, before it and below any speech verb:
        サンティアゴで9月11日、…抗議するデモが行われた (9月11日 hangs on 行われた's chain)."""
        found = []
        for ancestor in ancestors_until_root(head):
            if not self.same_line(ancestor, head) or self._is_attribution(ancestor):
                break
            for child in ancestor.children:
                time = self._times_at.get(child.i)
                if time is not None and time.end <= trigger.start:
                    found.append(time)
            if found:
                break
        return found

    def _chain_times(self, predicate: Token, trigger: Trigger) -> list[TimeMention]:
        """トランプ大統領は先週、…と電話会談し、…ワシントンで会談: the chain shares 先週."""
        members = [predicate]
        current = predicate
        for _ in range(6):
            if current.head.i == current.i or not is_continuative(current):
                break
            if current.dep_ not in CHAIN_DEPS:
                break
            current = current.head
            members.append(current)
        for member in list(members):
            members.extend(
                c
                for c in member.children
                if c.dep_ in CHAIN_DEPS and is_continuative(c) and c.i < predicate.i
            )
        found = []
        for member in members:
            for child in member.children:
                time = self._times_at.get(child.i)
                if time is not None and time.end <= trigger.start and self._comma_after(child):
                    found.append(time)
        return found

    # --- status --------------------------------------------------------------------

    def cue(self, token: Token) -> StatusCue | None:
        """The status cue ``token`` is, honouring the cue's part-of-speech and final flags."""
        cue = self.lexicon.cue_for(token.lemma_, self.text[token.idx : token.idx + 8])
        if cue is None:
            return None
        if cue.pos and token.pos_ != cue.pos:
            return None
        if cue.final:
            following = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            if following is not None and not (following.is_punct or following.is_space):
                return None
        return cue

    def _is_negation(self, token: Token) -> bool:
        if token.lemma_ not in self.lexicon.negation:
            return False
        # …を行うのではないか: a question, not a negation
        following = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return following is None or following.text != "か"

    def _is_attribution(self, token: Token) -> bool:
        if token.lemma_ in self.lexicon.attribution_verbs and is_predicate(token):
            return True
        if token.lemma_ in self.lexicon.attribution_ni_suru:
            return "する" in [t.lemma_ for t in function_tail(token)]
        # …「生産的だった」とした: a quotative と before する
        if token.lemma_ != "する" or token.i < 2 or token.pos_ not in ("VERB", "AUX"):
            return False
        particle, quoted = token.doc[token.i - 1], token.doc[token.i - 2]
        return (
            particle.text == "と"
            and particle.dep_ == "case"
            and (quoted.text in ("」", "』") or quoted.pos_ in ("AUX", "VERB", "ADJ"))
        )

    def _link(self, current: Token, parent: Token, trigger: Trigger, head: Token) -> str | None:
        """How the path climbs from ``current`` to ``parent``, or None where the clause ends."""
        cue = self.cue(parent) is not None
        if is_predicate(current) and not (current.i == head.i and not is_predicate(head)):
            if current.dep_ == "acl" and (parent.lemma_ in self.lexicon.formal_nouns or cue):
                return "cue" if cue else "formal"
            return None
        if current.dep_ == "acl":
            return None
        case = case_marker(current)
        climbs = (
            current.dep_ in ("nsubj", "obj", "iobj", "compound", "dislocated")
            or (current.dep_ == "nmod" and case in ("の", ""))
            or (current.dep_ in ("obl", "nmod") and case in ("に", "へ", "にも"))
        )
        if not climbs:
            return None
        carried_type = self.trigger_heads.get(current.i, trigger.type)
        carries = (
            current.i == head.i
            or current.i in self.trigger_heads
            or current.lemma_ in self.lexicon.light_nouns
        )
        if carries and parent.lemma_ in self.lexicon.light_verbs_for(carried_type):
            return "light"
        if cue:
            return "cue"
        if parent.i in self.trigger_heads and (
            current.dep_ == "compound" or self.trigger_heads[parent.i] == trigger.type
        ):
            return "light"  # 停戦合意: the ceasefire is what the agreement is about
        if parent.lemma_ in self.lexicon.compound_particle_verbs:
            return None
        if parent.lemma_ in self.lexicon.formal_nouns:
            return "formal"
        if parent.lemma_ in self.lexicon.modal_verbs or parent.lemma_ in self.lexicon.negation:
            return "modal"
        if current.dep_ == "nsubj" and is_predicate(parent):
            return "subject"
        return "other"

    def _path(self, trigger: Trigger, head: Token) -> tuple[list[_Step], str]:
        """Steps from the trigger up to the predicate of its clause, and why the climb stopped."""
        steps = [_Step(head, "self")]
        current = head
        for _ in range(12):
            parent = current.head
            if parent.i == current.i or not self.same_line(parent, head):
                return steps, "root"
            light = current.i == head.i and parent.lemma_ in self.lexicon.light_verbs_for(
                trigger.type
            )
            if self._is_attribution(parent) and not light:
                return steps, "attribution"
            link = self._link(current, parent, trigger, head)
            if link is None:
                return steps, "clause" if is_predicate(current) else "adjunct"
            steps.append(_Step(parent, link))
            current = parent
            if link in ("subject", "other") and is_predicate(parent):
                return steps, "clause"
        return steps, "clause"

    def _read(
        self, tokens: Iterable[tuple[Token, bool, bool]], skip: range
    ) -> tuple[str | None, bool, str | None]:
        """Read cues, negation and tense in text order → (cue status, negated, tense).

        Each token comes with (polar, tensed): whether its negation and its tense
        describe the event. The last cue wins (Japanese is head-final: the outer
        word comes last); a negation right after a cue gives the cue's negated status.
        """
        cues: list[StatusCue] = []
        negated = False
        tense: str | None = None
        after_te = False
        for token, polar, tensed in sorted(tokens, key=lambda item: item[0].i):
            if token.i in skip:
                continue
            cue = self.cue(token)
            if cue is not None:
                if not (cue.weak and cues):
                    cues.append(cue)
                after_te = False
                continue
            if self._is_negation(token):
                if polar:
                    if cues and cues[-1].negated_status == "NEGATED":
                        negated = True
                    elif cues and cues[-1].negated_status:
                        cues[-1] = StatusCue(status=cues[-1].negated_status, lemma=cues[-1].lemma)
                    elif cues:
                        cues.pop()
                    else:
                        negated = True
                continue
            if tensed and token.lemma_ in self.lexicon.past and token.pos_ == "AUX":
                tense = "past"
            elif tensed and after_te and token.lemma_ in self.lexicon.progressive:
                tense = tense or "progressive"
            after_te = token.dep_ == "mark" and token.text in ("て", "で")
        return (cues[-1].status if cues else None), negated, tense

    def _step_tokens(self, step: _Step, head: Token) -> list[tuple[Token, bool, bool]]:
        polar = step.link in POLAR_LINKS
        tensed = polar or step.link == "subject"
        tokens = [] if step.token.i == head.i else [(step.token, polar, tensed)]
        tokens.extend((t, polar, tensed) for t in function_tail(step.token))
        if step.token.i == head.i:
            # 首相就任へ: a headline's final へ marks a plan
            tokens.extend((c, False, False) for c in head.rights if c.dep_ == "case")
            return tokens
        for child in step.token.children:
            # …行き詰まりを見せている: a cue noun as the object or subject of the predicate
            if child.dep_ in ("obj", "nsubj") and self.cue(child) is not None:
                tokens.append((child, False, False))
                tokens.extend((t, True, False) for t in function_tail(child))
        return tokens

    def _linear_window(self, trigger: Trigger) -> list[tuple[Token, bool, bool]]:
        """Tokens after the trigger up to a quotation (と/との before a speech verb) or 。."""
        tokens = []
        for token in self.doc[trigger.last + 1 :]:
            if token.text in ("。",) or "\n" in token.text:
                break
            if token.text == "と" and token.dep_ == "case" and self._is_attribution(token.head):
                break
            if (
                token.text == "と"
                and token.i + 1 < len(self.doc)
                and self.doc[token.i + 1].text == "の"
            ):
                break
            tokens.append((token, True, False))
        return tokens

    def _inside_quotation(self, token: Token) -> bool:
        """Whether ``token`` is inside 「…」 in its sentence: there a non-past verb is
        performative (「深い失望を表明する」との声明), not a plan."""
        before = self.text[token.sent.start_char : token.idx]
        return before.count("「") > before.count("」")

    def _chain_cue(self, predicate: Token, own: range) -> str | None:
        """A status cue on the clause a continuative clause chains to (…予定であり)."""
        current = predicate
        for _ in range(6):
            if not (is_continuative(current) and current.dep_ in CHAIN_DEPS):
                return None
            parent = current.head
            if parent.i == current.i or not self.same_line(parent, predicate):
                return None
            if self._is_attribution(parent):
                return None
            steps, _ = self._path(Trigger(0, 0, parent.i, parent.i, "", _NO_PATTERN), parent)
            tokens: list[tuple[Token, bool, bool]] = [(parent, False, False)]
            for step in steps:
                tokens += [(t, False, False) for t, _, _ in self._step_tokens(step, parent)]
            cue, _, _ = self._read(tokens, own)
            if cue:
                return cue
            current = parent
        return None

    def _chain_tense(self, predicate: Token) -> str | None:
        """The tense a continuative clause (会談し、) takes from the clause it chains to."""
        current = predicate
        for _ in range(6):
            if not (is_continuative(current) and current.dep_ in CHAIN_DEPS):
                break
            parent = current.head
            if parent.i == current.i or not self.same_line(parent, predicate):
                break
            _, _, tense = self._read([(t, True, True) for t in function_tail(parent)], range(0))
            if tense:
                return tense
            current = parent
        root = predicate.sent.root
        if not self.same_line(root, predicate):
            return None
        _, _, tense = self._read([(t, True, True) for t in function_tail(root)], range(0))
        if tense:
            return tense
        if is_nominal(root) and not function_tail(root):
            return "past"  # 体言止め: …ワシントンで会談。
        return None

    def status(
        self, trigger: Trigger, event_type: EventType, time: TimeMention | None = None
    ) -> StatusReading:
        """Status and negation of one trigger from its clause (see the module docstring).

        ``time`` is the trigger's own time expression: a future one (来月, 来年) makes an
        event with no cue word PLANNED whatever the tense of the sentence.
        """
        governors = self.governors(trigger)
        head = governors.head
        own = range(trigger.first, trigger.last + 1)
        steps, stop = self._path(trigger, head)
        window: list[tuple[Token, bool, bool]] = []
        for step in steps:
            window.extend(self._step_tokens(step, head))
        cue, negated, tense = self._read(window, own)
        if cue:
            return StatusReading(cue, negated, "path")
        following = self.doc[trigger.last + 1] if trigger.last + 1 < len(self.doc) else None
        if following is not None and following.text in self.lexicon.suffix_cues:
            # 訪米中, 会談後: the suffix says the event is under way or over
            return StatusReading(self.lexicon.suffix_cues[following.text], negated, "suffix")
        future_window = (
            time is not None and time.value.startswith("P") and (time.mod == "EQUAL_OR_LESS")
        )
        if time is not None and (
            future_window
            or time.value == "FUTURE_REF"
            or time.text.startswith(self.lexicon.future_time_prefixes)
        ):
            return StatusReading("PLANNED", negated, "time")
        if stop == "attribution":
            linear_cue, linear_negated, _ = self._read(self._linear_window(trigger), own)
            if linear_cue:
                return StatusReading(linear_cue, linear_negated, "window")
        predicates = [s.token for s in steps if s.link in POLAR_LINKS and is_predicate(s.token)]
        if head.dep_ == "ROOT" and is_nominal(head) and not function_tail(head):
            tense = tense or "past"  # 体言止め
        if tense is None and predicates and is_continuative(predicates[-1]):
            chained = self._chain_cue(predicates[-1], own)
            if chained:
                # …北朝鮮を訪れて、…と協議する予定であり: the chain ends in a plan
                return StatusReading(chained, negated, "chain")
            tense = self._chain_tense(predicates[-1])
        if tense in ("past", "progressive"):
            return StatusReading("HELD", negated, "tense")
        for relative in governors.relatives:
            rel_tokens = [(relative, True, True)]
            rel_tokens += [(t, True, True) for t in function_tail(relative)]
            rel_cue, rel_negated, rel_tense = self._read(rel_tokens, own)
            if rel_cue:
                return StatusReading(rel_cue, rel_negated, "relative")
            if rel_tense in ("past", "progressive"):
                return StatusReading("HELD", rel_negated, "relative")
        quoted = self._inside_quotation(head)
        if predicates and not is_continuative(predicates[-1]) and not quoted:
            return StatusReading("HELD" if event_type.stative else "PLANNED", negated, "nonpast")
        if (
            stop in ("adjunct", "clause", "attribution")
            and steps[-1].token.head.i != steps[-1].token.i
        ):
            outer_head = steps[-1].token.head
            if outer_head.lemma_ in self.lexicon.compound_particle_verbs:
                outer_head = outer_head.head  # 同会談の実現を巡っては…危ぶまれていた
            if self.same_line(outer_head, head):
                outer_steps, _ = self._path(trigger, outer_head)
                outer: list[tuple[Token, bool, bool]] = [(outer_head, False, False)]
                for step in outer_steps:
                    outer.extend(self._step_tokens(step, head))
                outer_cue, _, _ = self._read([(t, polar, False) for t, polar, _ in outer], own)
                if outer_cue in ("UNCERTAIN",):
                    return StatusReading(outer_cue, False, "outer")
        # news tells what happened in the past tense: an event named in a clause whose
        # predicate is past (クーデターで政権が崩壊した) is taken as held
        last = steps[-1].token
        governing = last if last.i != head.i and is_predicate(last) else last.head
        adjunct = stop == "attribution" and case_marker(last) in (*AT_CASES, "に")
        clause_tense = None
        if governing.i != head.i and self.same_line(governing, head):
            if governing.lemma_ in self.lexicon.compound_particle_verbs:
                governing = governing.head
            if is_predicate(governing) and (adjunct or not self._is_attribution(governing)):
                clause_tense = self._read(
                    [(t, True, True) for t in function_tail(governing)], range(0)
                )[2] or (self._chain_tense(governing) if is_continuative(governing) else None)
        root = head.sent.root
        # the tense of a speech act is not the reported event's, unless the event is
        # where the speaking happened (定例記者会見で…と指摘した) or is the quoted act
        # itself (「深い失望を表明する」との声明を発表した)
        usable_root = adjunct or quoted or not self._is_attribution(root)
        if clause_tense is None and self.same_line(root, head) and usable_root:
            if is_predicate(root):
                tail = [(t, True, True) for t in function_tail(root)]
                clause_tense = self._read(tail, range(0))[2]
            elif is_nominal(root) and not function_tail(root) and root.i != head.i:
                clause_tense = "past"  # 体言止め: デモが暴動に発展
        if clause_tense in ("past", "progressive"):
            return StatusReading("HELD", negated, "sentence")
        return StatusReading("UNKNOWN", negated, "none")

    # --- source --------------------------------------------------------------------

    def _speaker(self, verb: Token, within: Token | None = None) -> EntityMention | bool | None:
        """The entity that speaks through ``verb``; False when the speaker is unnamed.

        The phrase containing ``within`` (the reported event) is never the speaker.
        """
        for child in verb.children:
            if child.i > verb.i or is_clause(child):
                continue
            if within is not None and child.left_edge.i <= within.i <= child.right_edge.i:
                continue
            if slot_of(case_marker(child), child.dep_) == "subject" or child.dep_ == "dislocated":
                return self._speaker_in(child)
        return None

    def _speaker_in(self, phrase: Token) -> EntityMention | bool:
        """The speaker a subject phrase names: its first person, else its last organisation
        or country (ホワイトハウス of 米ホワイトハウス高官); False when it names none."""
        mentions = [m for m in self.phrase_entities(phrase) if m.label in SPEAKER_LABELS]
        if not mentions:
            return False
        persons = [m for m in mentions if m.label == "PERSON"]
        return persons[0] if persons else mentions[-1]

    def source(self, trigger: Trigger, sentence: Span) -> EntityMention | None:
        """Who says so: an attribution verb's subject above the trigger, else …によると."""
        governors = self.governors(trigger)
        head = governors.head
        current = head
        for _ in range(40):
            parent = current.head
            if parent.i == current.i or not self.same_line(parent, head):
                break
            current = parent
            if current.i < head.i or (
                governors.light is not None and current.i == governors.light.i
            ):
                continue
            if self._is_attribution(current):
                speaker = self._speaker(current, head)
                if speaker is False:
                    break
                if isinstance(speaker, EntityMention):
                    return speaker
                topic = self._sentence_topic(sentence, head)
                if topic is not None:
                    return topic
        return self.reported_by(sentence)

    def _sentence_topic(self, sentence: Span, head: Token) -> EntityMention | None:
        """The first は-topic of the sentence before the event, on its line (a speaker GiNZA
        attached inside the reported clause: 米ホワイトハウス高官は21日、…と の考えを示した)."""
        for token in sentence:
            if token.i >= head.i:
                break
            if not self.same_line(token, head) or is_clause(token):
                continue
            if case_marker(token) == "は" and is_nominal(token):
                speaker = self._speaker_in(token)
                return speaker if isinstance(speaker, EntityMention) else None
        return None

    def reported_by(self, sentence: Span) -> EntityMention | None:
        """The entity of a …によると / …によれば phrase in ``sentence``."""
        text = sentence.text
        for marker in self.lexicon.attribution_postpositions:
            at = text.find(marker)
            if at <= 0:
                continue
            token = self.token_of(sentence.start_char + at - 1)
            if token is None:
                continue
            mentions = [m for m in self.phrase_entities(token) if m.label in SPEAKER_LABELS]
            if mentions:
                # CNN/AP/ロイターによれば, 英国夏時間27日のロイター通信によると: the name
                # nearest the particle, an organisation or person before a country
                named = [m for m in mentions if m.label in ("ORG", "PERSON")] or mentions
                return named[-1]
        return None

    # --- events about events ---------------------------------------------------------

    def target_of(self, trigger: Trigger, heads: dict[int, Trigger]) -> Trigger | None:
        """The event a POSTPONEMENT/CANCELLATION is about: 会合*は延期*, 会談の中止, 実施を断念."""
        token = self.doc[trigger.last]
        candidates = [
            c for c in token.children if c.dep_ in ("nsubj", "obj", "nmod", "compound", "obl")
        ]
        if token.dep_ in ("obl", "advcl") and token.head.i != token.i:
            candidates += [
                c for c in token.head.children if c.dep_ in ("nsubj", "obj") and c.i != token.i
            ]
        light_nouns = []
        for child in sorted(candidates, key=lambda c: -c.i):
            other = heads.get(child.i)
            if other is not None and other is not trigger:
                return other
            if child.lemma_ in self.lexicon.light_nouns:
                light_nouns.append(child)
        for noun in light_nouns:
            for grand in noun.children:
                other = heads.get(grand.i)
                if other is not None:
                    return other
        if light_nouns or trigger.anaphoric:
            return self._previous_schedulable(trigger, heads)
        return None

    def _previous_schedulable(self, trigger: Trigger, heads: dict[int, Trigger]) -> Trigger | None:
        """実施を断念: the nearest schedulable event told before, in this or the last sentence."""
        sentence = self.doc[trigger.last].sent
        earliest = sentence.start
        if earliest > 0:
            earliest = self.doc[earliest - 1].sent.start
        for i in range(trigger.first - 1, earliest - 1, -1):
            other = heads.get(i)
            if other is not None and self.lexicon.types[other.type].schedulable:
                return other
        return None
