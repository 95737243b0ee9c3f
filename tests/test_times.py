"""Time stage: tagging spans, normalised values, tense, the seed, and real Wikinews sentences.

Expected values in the tables were written by reading the sentences (and
CONVENTIONS.md, Times), not copied from the tagger's output.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from jnews_extract.annotations import TimeMention
from jnews_extract.times import TimeLexicon, TimeTagger, analyze_text, resolve_times

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_9a2f86c28e752116.txt"
WIKINEWS = SHARED / "corpus" / "wikinews" / "articles.jsonl"


@pytest.fixture(scope="module")
def nlp() -> Language:
    try:
        return spacy.load("ja_ginza")
    except OSError:
        pytest.skip("ja_ginza is not installed")


def _find(mentions: list[TimeMention], surface: str, nth: int = 0) -> TimeMention:
    found = [m for m in mentions if m.text == surface]
    assert len(found) > nth, f"{surface!r} not tagged; got {[m.text for m in mentions]}"
    return found[nth]


# -- tagging: which spans are expressions ---------------------------------------

# fmt: off
SPAN_CASES = [
    ("２１日に会談した", ["２１日"]),
    ("二十一日に会談した", ["二十一日"]),
    ("十月に訪米する", ["十月"]),
    ("二〇二五年十月二十一日", ["二〇二五年十月二十一日"]),
    ("2025年10月22日(水)05時44分", ["2025年10月22日(水)05時44分"]),
    ("２０２５年１０月２２日（水）０５時４４分", ["２０２５年１０月２２日（水）０５時４４分"]),
    ("22日朝に", ["22日朝"]),
    ("22日午後、", ["22日午後"]),
    ("午後11時32分頃", ["午後11時32分頃"]),
    ("21日朝日新聞が報じた", ["21日"]),
    ("21日夕刊で", ["21日"]),
    ("[21日 ロイター] - 米", ["21日"]),
    ("先週、電話会談し", ["先週"]),
    ("2週間以内に首脳会談を開く", ["2週間以内"]),
    ("3カ月と半年と3日間", ["3カ月", "半年", "3日間"]),
    ("毎年、毎週開く", ["毎年", "毎週"]),
    ("水曜日に", ["水曜日"]),
    ("今月末、年内、年末", ["今月末", "年内", "年末"]),
    ("10月上旬に", ["10月上旬"]),
    ("3日前と2日後", ["3日前", "2日後"]),
    ("首相は近く訪米する", ["近く"]),
    ("「ごく近い将来」に", ["ごく近い将来"]),
    ("同日午後4時に", ["同日午後4時"]),
    ("令和7年", ["令和7年"]),
    ("毎日新聞によると", []),
    ("毎日新聞によると毎日会う", ["毎日"]),
    ("十分な時間がない", []),
    ("一時的に止まった", []),
    ("一日も早く", []),
    ("60歳の男性", []),
    ("2期目の首相", []),
    ("創立32周年", []),
    ("第3次内閣", []),
    ("1000人近くが参加", []),
    ("駅の近くで", []),
    ("年内閣改造", ["年内"]),
    ("2011年内戦が始まった", ["2011年"]),
    ("高さは7.18メートル", []),
    ("マグニチュード(M)7.1の地震", []),
    ("M7.1の地震", []),
    ("1/50の模型", []),
    ("同年代の選手", []),
    ("期日前投票", []),
]
# fmt: on


@pytest.mark.parametrize(("text", "surfaces"), SPAN_CASES, ids=[c[0] for c in SPAN_CASES])
def test_tagged_spans(text: str, surfaces: list[str]) -> None:
    assert [m.text for m in analyze_text(text)] == surfaces


@pytest.mark.parametrize(("text", "surfaces"), SPAN_CASES, ids=[c[0] for c in SPAN_CASES])
def test_span_offsets_slice_the_raw_text(text: str, surfaces: list[str]) -> None:
    for mention in analyze_text(text):
        assert text[mention.start : mention.end] == mention.text


# -- normalisation against a reference date (no tense) --------------------------

REF = date(2025, 10, 22)

# fmt: off
VALUE_CASES = [
    # text, reference, surface, type, value, first_day, last_day, mod
    ("2025年10月22日", REF, "2025年10月22日", "DATE", "2025-10-22", "2025-10-22", "2025-10-22", None),
    ("10月22日に", REF, "10月22日", "DATE", "2025-10-22", "2025-10-22", "2025-10-22", None),
    ("21日に", REF, "21日", "DATE", "2025-10-21", "2025-10-21", "2025-10-21", None),
    ("２１日に", REF, "２１日", "DATE", "2025-10-21", "2025-10-21", "2025-10-21", None),
    ("二十一日に", REF, "二十一日", "DATE", "2025-10-21", "2025-10-21", "2025-10-21", None),
    ("十月に", REF, "十月", "DATE", "2025-10", "2025-10-01", "2025-10-31", None),
    ("8月に", REF, "8月", "DATE", "2025-08", "2025-08-01", "2025-08-31", None),
    ("令和7年", REF, "令和7年", "DATE", "2025", "2025-01-01", "2025-12-31", None),
    ("平成元年", REF, "平成元年", "DATE", "1989", "1989-01-01", "1989-12-31", None),
    ("2025/10/22", REF, "2025/10/22", "DATE", "2025-10-22", "2025-10-22", "2025-10-22", None),
    ("2025年10月22日(水)05時44分", REF, "2025年10月22日(水)05時44分", "TIME", "2025-10-22T05:44", "2025-10-22", "2025-10-22", None),
    ("22日朝", REF, "22日朝", "TIME", "2025-10-22TMO", "2025-10-22", "2025-10-22", None),
    ("22日午後", REF, "22日午後", "TIME", "2025-10-22TAF", "2025-10-22", "2025-10-22", None),
    ("22日夕方", REF, "22日夕方", "TIME", "2025-10-22TEV", "2025-10-22", "2025-10-22", None),
    ("22日夜", REF, "22日夜", "TIME", "2025-10-22TNI", "2025-10-22", "2025-10-22", None),
    ("22日午後11時32分頃", REF, "22日午後11時32分頃", "TIME", "2025-10-22T23:32", "2025-10-22", "2025-10-22", "APPROX"),
    ("先週", REF, "先週", "DATE", "2025-W42", "2025-10-13", "2025-10-19", None),
    ("今週", REF, "今週", "DATE", "2025-W43", "2025-10-20", "2025-10-26", None),
    ("来週", REF, "来週", "DATE", "2025-W44", "2025-10-27", "2025-11-02", None),
    ("先月", REF, "先月", "DATE", "2025-09", "2025-09-01", "2025-09-30", None),
    ("来月", REF, "来月", "DATE", "2025-11", "2025-11-01", "2025-11-30", None),
    ("昨年", REF, "昨年", "DATE", "2024", "2024-01-01", "2024-12-31", None),
    ("今年", REF, "今年", "DATE", "2025", "2025-01-01", "2025-12-31", None),
    ("来年", REF, "来年", "DATE", "2026", "2026-01-01", "2026-12-31", None),
    ("昨年12月", REF, "昨年12月", "DATE", "2024-12", "2024-12-01", "2024-12-31", None),
    ("今月末", REF, "今月末", "DATE", "2025-10", "2025-10-01", "2025-10-31", "END"),
    ("10月上旬", REF, "10月上旬", "DATE", "2025-10", "2025-10-01", "2025-10-10", "START"),
    ("10月中旬", REF, "10月中旬", "DATE", "2025-10", "2025-10-11", "2025-10-20", "MID"),
    ("10月下旬", REF, "10月下旬", "DATE", "2025-10", "2025-10-21", "2025-10-31", "END"),
    ("年内", REF, "年内", "DATE", "2025", "2025-10-22", "2025-12-31", None),
    ("年末", REF, "年末", "DATE", "2025", "2025-01-01", "2025-12-31", "END"),
    ("2週間", REF, "2週間", "DURATION", "P2W", None, None, None),
    ("3カ月", REF, "3カ月", "DURATION", "P3M", None, None, None),
    ("半年", REF, "半年", "DURATION", "P6M", None, None, None),
    ("3日間", REF, "3日間", "DURATION", "P3D", None, None, None),
    ("1時間半", REF, "1時間半", "DURATION", "PT1.5H", None, None, None),
    ("2週間以内", REF, "2週間以内", "DURATION", "P2W", "2025-10-22", "2025-11-05", "EQUAL_OR_LESS"),
    ("3日前", REF, "3日前", "DATE", "2025-10-19", "2025-10-19", "2025-10-19", None),
    ("2日後", REF, "2日後", "DATE", "2025-10-24", "2025-10-24", "2025-10-24", None),
    ("近く", REF, "近く", "DATE", "FUTURE_REF", None, None, None),
    ("ごく近い将来", REF, "ごく近い将来", "DATE", "FUTURE_REF", None, None, None),
    ("現在", REF, "現在", "DATE", "PRESENT_REF", None, None, None),
    ("最近", REF, "最近", "DATE", "PAST_REF", None, None, None),
    ("毎年", REF, "毎年", "SET", "P1Y", None, None, None),
    ("毎週", REF, "毎週", "SET", "P1W", None, None, None),
    ("水曜日", REF, "水曜日", "DATE", "2025-10-22", "2025-10-22", "2025-10-22", None),
    ("月曜日", REF, "月曜日", "DATE", "2025-10-20", "2025-10-20", "2025-10-20", None),
    ("2021年度", REF, "2021年度", "DATE", "FY2021", "2021-04-01", "2022-03-31", None),
    ("今年度", REF, "今年度", "DATE", "FY2025", "2025-04-01", "2026-03-31", None),
    ("1990年代", REF, "1990年代", "DATE", "199X", "1990-01-01", "1999-12-31", None),
    ("21世紀", REF, "21世紀", "DATE", "20XX", "2001-01-01", "2100-12-31", None),
    ("7~9月期", REF, "7~9月期", "DATE", "2025-Q3", "2025-07-01", "2025-09-30", None),
    ("2021年春", REF, "2021年春", "DATE", "2021-SP", "2021-03-01", "2021-05-31", None),
    ("昨秋", REF, "昨秋", "DATE", "2024-FA", "2024-09-01", "2024-11-30", None),
    ("来週水曜日", REF, "来週水曜日", "DATE", "2025-10-29", "2025-10-29", "2025-10-29", None),
    ("今週末", REF, "今週末", "DATE", "2025-W43-WE", "2025-10-25", "2025-10-26", None),
    ("今朝6時", REF, "今朝6時", "TIME", "2025-10-22T06:00", "2025-10-22", "2025-10-22", None),
    ("今夜9時", REF, "今夜9時", "TIME", "2025-10-22T21:00", "2025-10-22", "2025-10-22", None),
    ("21日以降", REF, "21日以降", "DATE", "2025-10-21", "2025-10-21", "2025-10-21", "ON_OR_AFTER"),
    ("12:10 PM", REF, "12:10 PM", "TIME", "XXXX-XX-XXT12:10", None, None, None),
    ("正午過ぎ", REF, "正午過ぎ", "TIME", "XXXX-XX-XXT12:00", None, None, "AFTER"),
    ("毎週水曜日午後6時55分", REF, "毎週水曜日午後6時55分", "SET", "XXXX-WXX-3T18:55", None, None, None),
    ("1年2カ月", REF, "1年2カ月", "DURATION", "P1Y2M", None, None, None),
    ("約30分", REF, "約30分", "DURATION", "PT30M", None, None, "APPROX"),
    ("21日", None, "21日", "DATE", "XXXX-XX-21", None, None, None),
    ("2月14日", None, "2月14日", "DATE", "XXXX-02-14", None, None, None),
    ("先週", None, "先週", "DATE", "XXXX-WXX", None, None, None),
    ("3日前", None, "3日前", "DATE", "XXXX-XX-XX", None, None, None),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "reference", "surface", "type_", "value", "first", "last", "mod"),
    VALUE_CASES,
    ids=[f"{c[0]}@{c[1]}" for c in VALUE_CASES],
)
def test_normalised_value(
    text: str,
    reference: date | None,
    surface: str,
    type_: str,
    value: str,
    first: str | None,
    last: str | None,
    mod: str | None,
) -> None:
    mention = _find(analyze_text(text, reference), surface)
    got = (mention.type, mention.value, mention.first_day, mention.last_day, mention.mod)
    first_day = date.fromisoformat(first) if first else None
    last_day = date.fromisoformat(last) if last else None
    assert got == (type_, value, first_day, last_day, mod)


# -- tense: the governing clause decides the direction ---------------------------

# fmt: off
TENSE_CASES = [
    ("30日に会談した。", "30日", True, "2025-09-30"),
    ("12月に会談した。", "12月", True, "2024-12"),
    ("首相は30日に訪米する予定だ。", "30日", False, "2025-10-30"),
    ("5日に訪問する。", "5日", False, "2025-11-05"),
    ("3月に訪米する方針だ。", "3月", False, "2026-03"),
    ("12月に訪米する方針だ。", "12月", False, "2025-12"),
    ("ラブロフ外相が20日に行った電話会談は「生産的だった」と述べた。", "20日", True, "2025-10-20"),
    ("8月に米アラスカ州で行われた首脳会談では合意できなかった。", "8月", True, "2025-08"),
    ("水曜日に会談した。", "水曜日", True, "2025-10-22"),
    ("金曜日に会談した。", "金曜日", True, "2025-10-17"),
    ("金曜日に会談する。", "金曜日", False, "2025-10-24"),
    ("欧州首脳は21日、共同声明を発表し、「停止すべきだ」とした。", "21日", True, "2025-10-21"),
    ("北朝鮮がミサイル発射、5月以来", "5月以来", True, "2025-05"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "surface", "past", "value"), TENSE_CASES, ids=[c[0] for c in TENSE_CASES]
)
def test_tense_moves_partial_dates(
    nlp: Language, text: str, surface: str, past: bool, value: str
) -> None:
    mention = _find(analyze_text(text, REF, nlp), surface)
    assert (mention.past, mention.value) == (past, value)


# -- the seed article ----------------------------------------------------------------

SEED_REFERENCE = date(2025, 10, 21)
"""The dateline [21日 ロイター] under a page published 2025-10-22."""

# fmt: off
SEED_CASES = [
    ("2025年10月22日(水)05時44分", 0, "TIME", "2025-10-22T05:44", "2025-10-22", "2025-10-22", None),
    ("21日", 0, "DATE", "2025-10-21", "2025-10-21", "2025-10-21", None),
    ("21日", 1, "DATE", "2025-10-21", "2025-10-21", "2025-10-21", None),
    ("21日", 2, "DATE", "2025-10-21", "2025-10-21", "2025-10-21", None),
    ("21日", 3, "DATE", "2025-10-21", "2025-10-21", "2025-10-21", None),
    ("8月", 0, "DATE", "2025-08", "2025-08-01", "2025-08-31", None),
    ("8月", 1, "DATE", "2025-08", "2025-08-01", "2025-08-31", None),
    ("2025年", 0, "DATE", "2025", "2025-01-01", "2025-12-31", None),
    ("ごく近い将来", 0, "DATE", "FUTURE_REF", None, None, None),
    ("先週", 0, "DATE", "2025-W42", "2025-10-13", "2025-10-19", None),
    ("2週間以内", 0, "DURATION", "P2W", "2025-10-21", "2025-11-04", "EQUAL_OR_LESS"),
    ("20日", 0, "DATE", "2025-10-20", "2025-10-20", "2025-10-20", None),
    ("現在", 0, "DATE", "PRESENT_REF", None, None, None),
]
# fmt: on


@pytest.fixture(scope="module")
def seed_mentions(nlp: Language) -> tuple[str, list[TimeMention]]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    text = SEED.read_text(encoding="utf-8")
    return text, analyze_text(text, SEED_REFERENCE, nlp)


@pytest.mark.parametrize(
    ("surface", "nth", "type_", "value", "first", "last", "mod"),
    SEED_CASES,
    ids=[f"{c[0]}#{c[1]}" for c in SEED_CASES],
)
def test_seed_dates_resolved(
    seed_mentions: tuple[str, list[TimeMention]],
    surface: str,
    nth: int,
    type_: str,
    value: str,
    first: str | None,
    last: str | None,
    mod: str | None,
) -> None:
    mention = _find(seed_mentions[1], surface, nth)
    first_day = date.fromisoformat(first) if first else None
    last_day = date.fromisoformat(last) if last else None
    got = (mention.type, mention.value, mention.first_day, mention.last_day, mention.mod)
    assert got == (type_, value, first_day, last_day, mod)


def test_seed_photo_caption_month_is_the_month_of_8月撮影(
    seed_mentions: tuple[str, list[TimeMention]],
) -> None:
    text, mentions = seed_mentions
    caption = text.index("8月撮影")
    mention = next(m for m in mentions if m.start == caption)
    assert (mention.text, mention.value) == ("8月", "2025-08")


def test_seed_spans_slice_the_raw_text(seed_mentions: tuple[str, list[TimeMention]]) -> None:
    text, mentions = seed_mentions
    assert all(text[m.start : m.end] == m.text for m in mentions)


# -- real Wikinews sentences ---------------------------------------------------------
# reference: the date of the sources the article cites (its publication), or None
# where the case tests the article's own anchors; surfaces are exact spans.

W37 = date(2011, 1, 15)
W37_A = "朝日新聞によると、大規模な反政府デモが継続的に行われていたチュニジアで14日(現地時間UTC+1。以下同様)に、ベンアリ大統領(74歳)が国外に脱出し、23年間続いた強権政権が崩壊した。朝日新聞・読売新聞の両報道によると、これを受け、ガンヌーシ首相(69歳)が同日、大統領権限を暫定的に引き継ぐことを宣言した。"
W37_B = "読売新聞によると、ベンアリ氏は15日未明にサウジアラビア・ジッダに到着した。"
W37_C = "朝日新聞によると、2010年12月中旬に、高い失業率や物価高への抗議のために始まったデモは、"
W37_D = "ベンアリ氏は当初デモを「テロ行為」などとして批判していたものの、12日には内相を更迭すると発表し、翌13日にはテレビ演説で言論の自由の拡大や食料品価格引き下げ、任期が切れる2014年の政界引退などを約束して沈静化をはかったものの、国民の抗議を抑えられず、14日には数千人が内務省を包囲しベンアリ氏の即時退陣を要求。ベンアリ氏は同日夕方に、全閣僚の更迭ならびに、半年以内の選挙実施を発表したものの、"
W37_E = "読売新聞によると、在チュニジア日本大使館は、186人の在留邦人(2010年10月時点)らの安否の確認を行っている。"
W37_F = "15日現在、トラブルに巻き込まれたとの情報は無いという。"
W25 = "CNN/AP/ロイターによれば、4月25日午後(UTC+4)、モスクワのハリストス(キリスト)救世主大聖堂で故エリツィン・ロシア前大統領の葬儀が行われた。ロシアで指導者の葬儀が教会で行われるのは100年ぶりであるとCNNは伝えている。エリツィン前大統領は同国の初代大統領で、1991年から1999年まで在任していた。北海道新聞などによると、エリツィン前大統領は23日午後3時45分(UTC+4)、モスクワの病院で、心不全で死亡した。"
W25_CITE = "『エリツィン前大統領国葬、海外要人も参列』。CNN/AP/REUTERS、2007年4月26日。"
W70 = date(2009, 8, 31)
W70_A = (
    "日経新聞によると、衆議院総選挙は8月30日(UTC+9以下同)、日本全国各地で投票・即日開票が行われ、"
)
W70_B = "鳩山由紀夫民主党代表は9月に開催される予定の特別国会で、総理大臣に指名され、"
W70_C = "時事通信によると、鳩山氏は31日未明の記者会見で「国民の怒りが民主党への期待に結び付いた。"
W70_D = "第1党が政権を奪い取るのは1947年の片山哲内閣以来62年ぶり。"
W70_E = "自民・公明の連立政権も10年の歴史に終止符が打たれ、"
W70_F = "9月上旬か中旬麻生太郎自民党総裁の退陣表明を受けて、"
W70_G = "10月ごろ?臨時国会で所信表明演説"
W70_H = "前回2005年の67.51%を1.77ポイントも上回り、1996年に初めて小選挙区・比例代表並立制が導入されて以降の最高を記録した。"
W70_I = "秋田県横手市で8月28日に期日前投票をした85歳の女性が"
W70_J = "また千葉県船橋市では一度21日に衆議院選挙の期日前投票を済ませた50代女性が30日に最高裁裁判官国民審査の投票をしようとした際に、"
W109 = date(2016, 5, 29)
W109_A = "安倍晋三内閣総理大臣は5月28日夜に、総理大臣公邸で政権幹部と会談の場を持ち、消費税率を10%に引き上げることについて、2019年10月まで再延期する意向を伝えた。"
W109_B = (
    "さらに衆参ダブル選挙についても、国会の会期末となる6月1日までに判断する見通しとなっている。"
)
W109_C = "『安倍首相、消費増税2年半延期の意向も政権幹部の一部が難色示す』。"
W1137 = date(2005, 10, 10)
W1137_A = "サウジアラビア政府は先週火曜日の4日、"
W1137_B = "9月に、コメディーサイトのTheBestPageintheUniverseがフィルターに加えられた。"
W1137_C = "先週木曜日6日に、ISUからBlogger.comへのアクセスは回復した。"
W866 = date(2005, 10, 10)
W866_A = "10日、アフリカ連合(AU)の報道官は、9日スーダン西部のダルフール地方で武装勢力により誘拐された停戦監視部隊隊員の38人が解放されたと発表した。"
W866_B = "8日には、AUの停戦監視部隊隊員2人と2人の民間人が武装勢力の攻撃により殺害された。"
W866_C = "JEMとスーダン解放軍は、2003年以来、ともにスーダン政府およびアラブ系民兵ジャンジャウィードと抗争を続けている。"
W866_D = "週末の一連の攻撃は、3日から新たな多角的和平交渉が開始された後に起こった。和平交渉は今月20日まで行われるが、"
W866_E = "ダルフールでは、先月28日、難民キャンプがアラブ系武装勢力に攻撃され、39人が死亡している。"
W3179 = date(2007, 9, 13)
W3179_A = "13日、自由民主党は総裁選の投票を同月23日に行うことを発表した。"
W3179_B = "『平成19年9月13日】総裁選の日程決まる14日告示、23日投開票』。"
W1283 = date(2006, 2, 17)
W1283_A = "2月17日の報道によると、同日、滋賀県長浜市の国道8号線付近で男の子と女の子の幼稚園児2人が何者かによって刺される事件が起きた。"
W1283_B = "朝日新聞によれば、鄭容疑者は17日午前9時ごろに路上に軽乗用自動車を止めて、"
W1283_C = "同容疑者は1999年8月に来日し、翌年7月に日本人の男性と結婚していた。"
W2465 = date(2006, 9, 16)
W2465_A = "朝日新聞によると、16日午後(UTC+9)、公明党の神崎武法代表(63)は、任期の切れる今月末で代表を退任することを表明した。26日には代表選が告示される予定であるが、"
W2465_B = "太田氏は30日の党大会で新代表に選出されると見られている。"
W1086 = date(2009, 12, 10)
W1086_A = "神奈川県警は12月10日(UTC+9、以下同様)、合成麻薬「ケタミン」を使用したとして、韓国籍で横浜市中区在住の女性R&B歌手・詩音(しおん、本名:朴有香)容疑者(26)を麻薬取締法違反(使用、所持)の疑いで逮捕した。逮捕容疑は、今月9日頃に東京都あるいは神奈川県内でケタミンを摂取し、同日午後0時30分頃、自宅マンションでポリ袋に入った微量のケタミン粉末を所持していた疑い。"
W1401 = date(2006, 11, 14)
W1401_A = "スポーツ報知によると、2人は8年前から知り合って、2年前から恋人の関係にあった。特に2005年に入ってからは毎日のように西村氏がプロポーズをし、半年前から「一生この人といられるだろうと思っていた」と結婚を決意したという。挙式は2007年春ごろを予定しており、"
W760 = date(2005, 9, 30)
W760_A = "27日の議会の評決では、最初に提示された16人の閣僚名簿のうち、6人の閣僚候補が否決された。このため、29日、大統領が新たに閣僚候補6人を議会に提示した。議会では2日間審議が行われ、30日に評決が行われた。"
W760_B = "キルギスでは今年3月アスカル・アカエフ前大統領が政変により退陣した後、7月に選挙が行われて、バキエフ大統領が誕生した。"
W183 = date(2010, 8, 24)
W183_A = "毎日新聞によると、フジテレビの高島彩アナウンサー(31)が今年12月末で同局を退社することを明らかにした。高島さんがキャスターとして出演する報道番組「めざましテレビ」も9月末で降板する予定である。"
W2306 = date(2005, 10, 18)
W2306_A = "10日に南アフリカ共和国で病死したアポロ・ミルトン・オボテ元ウガンダ大統領の遺体が、18日、ウガンダに帰国した。"
W2306_B = "オボテ元大統領は1985年にクーデターのため国外に逃亡したあと、亡命生活を20年間送っていた。"
W2306_C = "来年の大統領選でのムセヴェニ大統領の得票に響く可能性があると指摘している。"
W2017 = date(2016, 10, 26)
W2017_A = "ペク・ナムギ(백남기)さんは2015年11月14日にソウルで開かれた米価暴落に反対する「第1回民衆総決起大会」のデモにおいて、警察の放水銃に晒され、昏睡状態で317日間の集中治療室での治療ののち2016年9月25日に死亡した。"
W1638 = date(2006, 8, 18)
W1638_A = "夕刊フジとスポーツ報知によると、東京放送(TBS)は8月17日までに、健康情報番組として毎週土曜日19時に放送していたテレビ番組「ぴーかんバディ」を打ち切り、8月19日から新番組をスタートさせると発表した。"
W214 = date(2009, 11, 12)
W214_A = "YOMIURIONLINE『沖縄でセ公式戦、来年6月に35年ぶり』。"
W2654 = "一方日本経済新聞によれば、東証の主要指数を見ると、翌19日には日経平均株価は前日より355.10円高い1万5,696.28円で終了、20日には前日より0.41円高い1万5,696.69円で終了している。"
W151 = "骨の接合にはおよそ6週間かかる見込みという。"
W3221 = "財団法人「日本漢字能力検定協会」(本部:京都市下京区)が毎年12月に実施している"
W303 = "アメリカ地質調査所によると、バヌアツで8日午前9時18分(UTC+11、日本時間午前7時18分)マグニチュード6.7の地震があった。"
W2071 = "読売新聞によると24日、東京都の東京モノレール羽田線で、作業車両が線路内で立ち往生し、午前5時の始発から午後1時過ぎまで運転を見合わせた。"
W489 = "西日本新聞によると、2月19日未明、千葉県野島崎の南南西40㎞の太平洋で、"
W1883 = "このヴァイオリンは、20世紀前半のイタリアの有名ヴァイオリン作家であるガエタノ・ガッダの作品で、1947年(UTC+9)製。"
W157 = "日本国内では1980年代に国立感染症研究所村山庁舎と理化学研究所バイオリソースセンターが整備されるも、"
W1838 = "1985年(昭和60年)から那覇市議会議員を2期、1992年(平成4年)から沖縄県議会議員を2期、2000年(平成12年)から那覇市長を4期14年にわたって務めた。"
W986 = "「ンマハラシー」は琉球王朝時代から1943年(昭和18年)まで続いていた伝統競馬であり、一旦は開催が途絶えていたが、2013年に約70年ぶりとなる復活を果たした。"
W2747 = "2005年末以降から新たに新聞や雑誌、書籍に取り上げられてからは記事の増加が加速した。"
W2847 = "プーチン氏は2000年以降、大統領や首相として強大な権力を掌握してきており、"
W3485 = "22日午後6時現在の中心の位置は南緯10.8度東経144.9度。"
W125 = "6連覇は、1987年から翌年にかけてと、1991年から翌年にかけて、大鵬が記録している。"
W3289 = "四国新聞によると翌年の1953年に「永谷園本舗」として会社を設立。"
W291 = "また、同社では2007年1月及び2月に株券、同年6月には社債券を募集しており、"
W2170 = "ソマリアでは9月に2つの発症例が報告された後、首都モガディシオを中心に9月21日から24日の3日間にわたり、ワクチン接種キャンペーンが行われた。"
W1311 = "沖縄県と奄美諸島を除く地域では当初の発表より1週間程度早く、6月2日から4日の間に梅雨入りしたと見られるという"
W1208 = "気象庁によると2日午後6時までの24時間降雪量は"
W3249 = "燃料を太平洋上に捨てながら約3時間ロサンゼルス近郊を旋回した。"

# fmt: off
WIKINEWS_CASES = [
    # article, snippet, reference, surface, nth, type, value
    ("wikinews-37", W37_A, W37, "14日", 0, "DATE", "2011-01-14"),
    ("wikinews-37", W37_A, W37, "23年間", 0, "DURATION", "P23Y"),
    ("wikinews-37", W37_A, W37, "同日", 0, "DATE", "2011-01-14"),
    ("wikinews-37", W37_B, W37, "15日未明", 0, "TIME", "2011-01-15TNI"),
    ("wikinews-37", W37_C, W37, "2010年12月中旬", 0, "DATE", "2010-12"),
    ("wikinews-37", W37_D, W37, "12日", 0, "DATE", "2011-01-12"),
    ("wikinews-37", W37_D, W37, "13日", 0, "DATE", "2011-01-13"),
    ("wikinews-37", W37_D, W37, "2014年", 0, "DATE", "2014"),
    ("wikinews-37", W37_D, W37, "14日", 0, "DATE", "2011-01-14"),
    ("wikinews-37", W37_D, W37, "同日夕方", 0, "TIME", "2011-01-14TEV"),
    ("wikinews-37", W37_D, W37, "半年以内", 0, "DURATION", "P6M"),
    ("wikinews-37", W37_E, W37, "2010年10月", 0, "DATE", "2010-10"),
    ("wikinews-37", W37_F, W37, "15日現在", 0, "DATE", "2011-01-15"),
    ("wikinews-25", W25, None, "4月25日午後", 0, "TIME", "XXXX-04-25TAF"),
    ("wikinews-25", W25, None, "100年ぶり", 0, "DURATION", "P100Y"),
    ("wikinews-25", W25, None, "1991年", 0, "DATE", "1991"),
    ("wikinews-25", W25, None, "1999年", 0, "DATE", "1999"),
    ("wikinews-25", W25, None, "23日午後3時45分", 0, "TIME", "XXXX-04-23T15:45"),
    ("wikinews-25", W25_CITE, None, "2007年4月26日", 0, "DATE", "2007-04-26"),
    ("wikinews-70", W70_A, W70, "8月30日", 0, "DATE", "2009-08-30"),
    ("wikinews-70", W70_B, W70, "9月", 0, "DATE", "2009-09"),
    ("wikinews-70", W70_C, W70, "31日未明", 0, "TIME", "2009-08-31TNI"),
    ("wikinews-70", W70_D, W70, "1947年", 0, "DATE", "1947"),
    ("wikinews-70", W70_D, W70, "62年ぶり", 0, "DURATION", "P62Y"),
    ("wikinews-70", W70_E, W70, "10年", 0, "DURATION", "P10Y"),
    ("wikinews-70", W70_F, W70, "9月上旬", 0, "DATE", "2009-09"),
    ("wikinews-70", W70_G, W70, "10月ごろ", 0, "DATE", "2009-10"),
    ("wikinews-70", W70_H, W70, "2005年", 0, "DATE", "2005"),
    ("wikinews-70", W70_H, W70, "1996年", 0, "DATE", "1996"),
    ("wikinews-70", W70_I, W70, "8月28日", 0, "DATE", "2009-08-28"),
    ("wikinews-70", W70_J, W70, "21日", 0, "DATE", "2009-08-21"),
    ("wikinews-70", W70_J, W70, "30日", 0, "DATE", "2009-08-30"),
    ("wikinews-109", W109_A, W109, "5月28日夜", 0, "TIME", "2016-05-28TNI"),
    ("wikinews-109", W109_A, W109, "2019年10月", 0, "DATE", "2019-10"),
    ("wikinews-109", W109_B, W109, "6月1日", 0, "DATE", "2016-06-01"),
    ("wikinews-109", W109_C, W109, "2年半", 0, "DURATION", "P2.5Y"),
    ("wikinews-1137", W1137_A, W1137, "先週火曜日", 0, "DATE", "2005-10-04"),
    ("wikinews-1137", W1137_A, W1137, "4日", 0, "DATE", "2005-10-04"),
    ("wikinews-1137", W1137_B, W1137, "9月", 0, "DATE", "2005-09"),
    ("wikinews-1137", W1137_C, W1137, "先週木曜日", 0, "DATE", "2005-10-06"),
    ("wikinews-1137", W1137_C, W1137, "6日", 0, "DATE", "2005-10-06"),
    ("wikinews-866", W866_A, W866, "10日", 0, "DATE", "2005-10-10"),
    ("wikinews-866", W866_A, W866, "9日", 0, "DATE", "2005-10-09"),
    ("wikinews-866", W866_B, W866, "8日", 0, "DATE", "2005-10-08"),
    ("wikinews-866", W866_C, W866, "2003年以来", 0, "DATE", "2003"),
    ("wikinews-866", W866_D, W866, "3日", 0, "DATE", "2005-10-03"),
    ("wikinews-866", W866_D, W866, "今月20日", 0, "DATE", "2005-10-20"),
    ("wikinews-866", W866_E, W866, "先月28日", 0, "DATE", "2005-09-28"),
    ("wikinews-3179", W3179_A, W3179, "13日", 0, "DATE", "2007-09-13"),
    ("wikinews-3179", W3179_A, W3179, "同月23日", 0, "DATE", "2007-09-23"),
    ("wikinews-3179", W3179_B, W3179, "平成19年9月13日", 0, "DATE", "2007-09-13"),
    ("wikinews-1283", W1283_A, W1283, "2月17日", 0, "DATE", "2006-02-17"),
    ("wikinews-1283", W1283_A, W1283, "同日", 0, "DATE", "2006-02-17"),
    ("wikinews-1283", W1283_B, W1283, "17日午前9時ごろ", 0, "TIME", "2006-02-17T09:00"),
    ("wikinews-1283", W1283_C, W1283, "1999年8月", 0, "DATE", "1999-08"),
    ("wikinews-1283", W1283_C, W1283, "翌年7月", 0, "DATE", "2000-07"),
    ("wikinews-2465", W2465_A, W2465, "16日午後", 0, "TIME", "2006-09-16TAF"),
    ("wikinews-2465", W2465_A, W2465, "今月末", 0, "DATE", "2006-09"),
    ("wikinews-2465", W2465_A, W2465, "26日", 0, "DATE", "2006-09-26"),
    ("wikinews-2465", W2465_B, W2465, "30日", 0, "DATE", "2006-09-30"),
    ("wikinews-1086", W1086_A, W1086, "12月10日", 0, "DATE", "2009-12-10"),
    ("wikinews-1086", W1086_A, W1086, "今月9日頃", 0, "DATE", "2009-12-09"),
    ("wikinews-1086", W1086_A, W1086, "同日午後0時30分頃", 0, "TIME", "2009-12-09T12:30"),
    ("wikinews-1401", W1401_A, W1401, "8年前", 0, "DATE", "1998"),
    ("wikinews-1401", W1401_A, W1401, "2年前", 0, "DATE", "2004"),
    ("wikinews-1401", W1401_A, W1401, "2005年", 0, "DATE", "2005"),
    ("wikinews-1401", W1401_A, W1401, "毎日", 0, "SET", "P1D"),
    ("wikinews-1401", W1401_A, W1401, "半年前", 0, "DATE", "2006-05"),
    ("wikinews-1401", W1401_A, W1401, "2007年春ごろ", 0, "DATE", "2007-SP"),
    ("wikinews-760", W760_A, W760, "27日", 0, "DATE", "2005-09-27"),
    ("wikinews-760", W760_A, W760, "29日", 0, "DATE", "2005-09-29"),
    ("wikinews-760", W760_A, W760, "2日間", 0, "DURATION", "P2D"),
    ("wikinews-760", W760_A, W760, "30日", 0, "DATE", "2005-09-30"),
    ("wikinews-760", W760_B, W760, "今年3月", 0, "DATE", "2005-03"),
    ("wikinews-760", W760_B, W760, "7月", 0, "DATE", "2005-07"),
    ("wikinews-183", W183_A, W183, "今年12月末", 0, "DATE", "2010-12"),
    ("wikinews-183", W183_A, W183, "9月末", 0, "DATE", "2010-09"),
    ("wikinews-2306", W2306_A, W2306, "10日", 0, "DATE", "2005-10-10"),
    ("wikinews-2306", W2306_A, W2306, "18日", 0, "DATE", "2005-10-18"),
    ("wikinews-2306", W2306_B, W2306, "1985年", 0, "DATE", "1985"),
    ("wikinews-2306", W2306_B, W2306, "20年間", 0, "DURATION", "P20Y"),
    ("wikinews-2306", W2306_C, W2306, "来年", 0, "DATE", "2006"),
    ("wikinews-2017", W2017_A, W2017, "2015年11月14日", 0, "DATE", "2015-11-14"),
    ("wikinews-2017", W2017_A, W2017, "317日間", 0, "DURATION", "P317D"),
    ("wikinews-2017", W2017_A, W2017, "2016年9月25日", 0, "DATE", "2016-09-25"),
    ("wikinews-1638", W1638_A, W1638, "8月17日", 0, "DATE", "2006-08-17"),
    ("wikinews-1638", W1638_A, W1638, "毎週土曜日19時", 0, "SET", "XXXX-WXX-6T19:00"),
    ("wikinews-1638", W1638_A, W1638, "8月19日", 0, "DATE", "2006-08-19"),
    ("wikinews-214", W214_A, W214, "来年6月", 0, "DATE", "2010-06"),
    ("wikinews-214", W214_A, W214, "35年ぶり", 0, "DURATION", "P35Y"),
    ("wikinews-2654", W2654, None, "19日", 0, "DATE", "XXXX-XX-19"),
    ("wikinews-2654", W2654, None, "前日", 0, "DATE", "XXXX-XX-18"),
    ("wikinews-2654", W2654, None, "20日", 0, "DATE", "XXXX-XX-20"),
    ("wikinews-2654", W2654, None, "前日", 1, "DATE", "XXXX-XX-19"),
    ("wikinews-151", W151, None, "およそ6週間", 0, "DURATION", "P6W"),
    ("wikinews-3221", W3221, None, "毎年", 0, "SET", "P1Y"),
    ("wikinews-3221", W3221, None, "12月", 0, "DATE", "XXXX-12"),
    ("wikinews-303", W303, None, "8日午前9時18分", 0, "TIME", "XXXX-XX-08T09:18"),
    ("wikinews-303", W303, None, "午前7時18分", 0, "TIME", "XXXX-XX-08T07:18"),
    ("wikinews-2071", W2071, None, "24日", 0, "DATE", "XXXX-XX-24"),
    ("wikinews-2071", W2071, None, "午前5時", 0, "TIME", "XXXX-XX-24T05:00"),
    ("wikinews-2071", W2071, None, "午後1時過ぎ", 0, "TIME", "XXXX-XX-24T13:00"),
    ("wikinews-489", W489, None, "2月19日未明", 0, "TIME", "XXXX-02-19TNI"),
    ("wikinews-1883", W1883, None, "20世紀前半", 0, "DATE", "19XX"),
    ("wikinews-1883", W1883, None, "1947年", 0, "DATE", "1947"),
    ("wikinews-157", W157, None, "1980年代", 0, "DATE", "198X"),
    ("wikinews-1838", W1838, None, "昭和60年", 0, "DATE", "1985"),
    ("wikinews-1838", W1838, None, "平成4年", 0, "DATE", "1992"),
    ("wikinews-1838", W1838, None, "平成12年", 0, "DATE", "2000"),
    ("wikinews-1838", W1838, None, "14年", 0, "DURATION", "P14Y"),
    ("wikinews-986", W986, None, "昭和18年", 0, "DATE", "1943"),
    ("wikinews-986", W986, None, "約70年ぶり", 0, "DURATION", "P70Y"),
    ("wikinews-2747", W2747, None, "2005年末以降", 0, "DATE", "2005"),
    ("wikinews-2847", W2847, None, "2000年以降", 0, "DATE", "2000"),
    ("wikinews-3485", W3485, None, "22日午後6時現在", 0, "TIME", "XXXX-XX-22T18:00"),
    ("wikinews-125", W125, None, "1987年", 0, "DATE", "1987"),
    ("wikinews-125", W125, None, "翌年", 0, "DATE", "1988"),
    ("wikinews-125", W125, None, "翌年", 1, "DATE", "1992"),
    ("wikinews-3289", W3289, None, "翌年", 0, "DATE", "XXXX"),
    ("wikinews-3289", W3289, None, "1953年", 0, "DATE", "1953"),
    ("wikinews-291", W291, None, "2007年1月", 0, "DATE", "2007-01"),
    ("wikinews-291", W291, None, "2月", 0, "DATE", "2007-02"),
    ("wikinews-291", W291, None, "同年6月", 0, "DATE", "2007-06"),
    ("wikinews-2170", W2170, None, "9月21日", 0, "DATE", "XXXX-09-21"),
    ("wikinews-2170", W2170, None, "24日", 0, "DATE", "XXXX-09-24"),
    ("wikinews-2170", W2170, None, "3日間", 0, "DURATION", "P3D"),
    ("wikinews-1311", W1311, None, "1週間程度", 0, "DURATION", "P1W"),
    ("wikinews-1311", W1311, None, "6月2日", 0, "DATE", "XXXX-06-02"),
    ("wikinews-1311", W1311, None, "4日", 0, "DATE", "XXXX-06-04"),
    ("wikinews-1208", W1208, None, "2日午後6時", 0, "TIME", "XXXX-XX-02T18:00"),
    ("wikinews-1208", W1208, None, "24時間", 0, "DURATION", "PT24H"),
    ("wikinews-3249", W3249, None, "約3時間", 0, "DURATION", "PT3H"),
]
# fmt: on


@pytest.mark.parametrize(
    ("article", "snippet", "reference", "surface", "nth", "type_", "value"),
    WIKINEWS_CASES,
    ids=[f"{c[0]}:{c[3]}#{c[4]}" for c in WIKINEWS_CASES],
)
def test_wikinews_sentence(
    nlp: Language,
    article: str,
    snippet: str,
    reference: date | None,
    surface: str,
    nth: int,
    type_: str,
    value: str,
) -> None:
    mention = _find(analyze_text(snippet, reference, nlp), surface, nth)
    assert (mention.type, mention.value) == (type_, value)


@pytest.fixture(scope="module")
def wikinews_texts() -> dict[str, str]:
    if not WIKINEWS.exists():
        pytest.skip(f"Wikinews corpus not found at {WIKINEWS}")
    texts: dict[str, str] = {}
    with WIKINEWS.open(encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            texts[article["id"]] = article["text"]
    return texts


SNIPPETS = sorted({(c[0], c[1]) for c in WIKINEWS_CASES})


@pytest.mark.parametrize(("article", "snippet"), SNIPPETS, ids=[s[1][:20] for s in SNIPPETS])
def test_wikinews_snippet_is_real_text(
    wikinews_texts: dict[str, str], article: str, snippet: str
) -> None:
    assert snippet in wikinews_texts[article]


def test_table_has_at_least_60_real_cases() -> None:
    assert len(WIKINEWS_CASES) >= 60


# -- article-level resolution --------------------------------------------------------

# fmt: off
ANCHOR_CASES = [
    # text, surfaces in order, values with reference None
    ("2月14日に会談した。15日には会見した。", ["2月14日", "15日"], ["XXXX-02-14", "XXXX-02-15"]),
    ("2011年4月7日に地震があった。同日夜に余震。翌日も続いた。", ["2011年4月7日", "同日夜", "翌日"], ["2011-04-07", "2011-04-07TNI", "2011-04-08"]),
    ("2011年4月7日に地震があった。5月2日に再開した。", ["2011年4月7日", "5月2日"], ["2011-04-07", "2011-05-02"]),
    ("1991年から在任した。23日に死亡した。", ["1991年", "23日"], ["1991", "XXXX-XX-23"]),
    ("同日に発表した。", ["同日"], ["XXXX-XX-XX"]),
    ("15日に会談した。", ["15日"], ["XXXX-XX-15"]),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "surfaces", "values"), ANCHOR_CASES, ids=[c[0] for c in ANCHOR_CASES]
)
def test_without_reference_only_the_articles_own_dates_anchor(
    text: str, surfaces: list[str], values: list[str]
) -> None:
    mentions = analyze_text(text, None)
    assert [(m.text, m.value) for m in mentions] == list(zip(surfaces, values, strict=True))


def test_unresolved_day_has_no_calendar_days() -> None:
    mention = analyze_text("15日に会談した。", None)[0]
    assert (mention.first_day, mention.last_day) == (None, None)


def test_resolve_times_orders_mentions_by_text_position() -> None:
    mentions = analyze_text("2011年4月7日に地震。同日に会見。", None)
    reversed_order = list(reversed(mentions))
    resolve_times(reversed_order, None)
    assert [m.value for m in mentions] == ["2011-04-07", "2011-04-07"]


def test_resolve_times_uses_the_reference_for_relative_words() -> None:
    mentions = analyze_text("先週と同日", None)
    resolve_times(mentions, date(2025, 10, 22))
    assert [m.value for m in mentions] == ["2025-W42", "XXXX-XX-XX"]


# -- the spaCy component -------------------------------------------------------------


def test_component_sets_doc_extension_with_tense(nlp: Language) -> None:
    tagger = TimeTagger(nlp)
    doc = tagger(nlp("30日に会談した。"))
    assert [(m.text, m.value, m.past) for m in doc._.jnews_times] == [("30日", "XXXX-XX-30", True)]


def test_component_save_and_reload_keeps_lexicons(tmp_path: Path) -> None:
    blank = spacy.blank("ja")
    pipe = blank.add_pipe("jnews_times")
    assert isinstance(pipe, TimeTagger)
    documents = {stem: dict(doc) for stem, doc in pipe.lexicon.documents.items()}
    words = {**documents["relative"]["words"], "前々月": {"unit": "month", "offset": -2}}
    documents["relative"] = {**documents["relative"], "words": words}
    TimeLexicon(documents).to_directory(tmp_path / "custom")
    pipe.initialize(lexicon_dir=str(tmp_path / "custom"))
    blank.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    doc = reloaded("前々月と21日")
    assert [(m.text, m.value) for m in doc._.jnews_times] == [
        ("前々月", "XXXX-XX"),
        ("21日", "XXXX-XX-21"),
    ]
    assert "前々月" in reloaded.get_pipe("jnews_times").lexicon.relative_words


# -- odd input never crashes and spans stay exact ---------------------------------------

# fmt: off
ODD_CASES = [
    ("", date(2025, 10, 22)),
    ("   \n\t", date(2025, 10, 22)),
    ("0000年", date(2025, 10, 22)),
    ("30万年前の地層", date(2025, 10, 22)),
    ("9999年12月31日の翌日", None),
    ("翌日", date(9999, 12, 31)),
    ("3日前", date(1, 1, 1)),
    ("<p>21日</p>&nbsp;午後", date(2025, 10, 22)),
    ("２０２５年１２月３１日（水）２３時５９分５９秒", None),
    ("㍻31年①月", None),
    ("ﾆｭｰｽ 21日", None),
]
# fmt: on


@pytest.mark.parametrize(("text", "reference"), ODD_CASES, ids=[repr(c[0]) for c in ODD_CASES])
def test_odd_input_gives_exact_spans(text: str, reference: date | None) -> None:
    for mention in analyze_text(text, reference):
        assert text[mention.start : mention.end] == mention.text
