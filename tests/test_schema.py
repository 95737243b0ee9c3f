"""The record contract: round trips and the JSON Schema command."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from jnews_extract.cli import main
from jnews_extract.schema import (
    SCHEMA_VERSION,
    Argument,
    Article,
    Entity,
    EntityLabel,
    Event,
    EventStatus,
    Extraction,
    Mention,
    Role,
    Span,
    TimeExpression,
    TimeType,
)

TEXT = "トランプ大統領は21日、プーチン大統領と電話会談した。"


def _record() -> Extraction:
    return Extraction(
        text=TEXT,
        article=Article(
            body=Span(start=0, end=len(TEXT), text=TEXT),
            published=datetime(2025, 10, 22, 5, 44, tzinfo=timezone(timedelta(hours=9))),
        ),
        reference_date=date(2025, 10, 22),
        entities=[
            Entity(
                id="e1",
                label=EntityLabel.PERSON,
                name="ドナルド・トランプ",
                roles=[Role(title="大統領", mention=Span(start=4, end=7, text="大統領"))],
                mentions=[Mention(start=0, end=4, text="トランプ")],
            ),
            Entity(
                id="e2",
                label=EntityLabel.PERSON,
                name="ウラジーミル・プーチン",
                mentions=[Mention(start=12, end=16, text="プーチン")],
            ),
        ],
        times=[
            TimeExpression(
                id="t1",
                start=8,
                end=11,
                text="21日",
                type=TimeType.DATE,
                value="2025-10-21",
                first_day=date(2025, 10, 21),
                last_day=date(2025, 10, 21),
            )
        ],
        events=[
            Event(
                id="v1",
                type="PHONE_CALL",
                cameo="041",
                mentions=[Mention(start=20, end=24, text="電話会談")],
                arguments=[
                    Argument(role="participant", entity="e1"),
                    Argument(role="participant", entity="e2"),
                ],
                time="t1",
                status=EventStatus.HELD,
            )
        ],
    )


def test_json_round_trip_is_lossless() -> None:
    record = _record()
    assert Extraction.model_validate_json(record.model_dump_json()) == record


def test_schema_version_is_written() -> None:
    assert json.loads(_record().model_dump_json())["schema_version"] == SCHEMA_VERSION == "1"


# fmt: off
CONTRACT_FIELDS = [
    (Extraction, {"schema_version", "text", "article", "reference_date", "entities", "times", "events"}),
    (Article, {"title", "published", "dateline", "dateline_date", "source", "authors", "body"}),
    (Entity, {"id", "label", "name", "name_en", "kb_id", "country", "roles", "mentions"}),
    (Role, {"title", "affiliation", "mention"}),
    (TimeExpression, {"id", "start", "end", "text", "type", "value", "first_day", "last_day", "mod"}),
    (Event, {"id", "type", "cameo", "mentions", "arguments", "location", "time", "status",
             "negated", "source", "target"}),
    (Argument, {"role", "entity"}),
    (Mention, {"start", "end", "text", "sentence"}),
]
# fmt: on


@pytest.mark.parametrize(
    ("model", "fields"), CONTRACT_FIELDS, ids=[c[0].__name__ for c in CONTRACT_FIELDS]
)
def test_contract_fields_present(model: type, fields: set[str]) -> None:
    assert fields <= set(model.model_fields), fields - set(model.model_fields)  # type: ignore[attr-defined]


def test_unknown_field_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Span.model_validate({"start": 0, "end": 1, "text": "a", "colour": "red"})


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Extraction"
    assert "events" in schema["properties"]
