"""Reader-facing strings and formats in Kazakh."""
from __future__ import annotations

import datetime as dt
import math

from babel.dates import format_date

KIND_LABELS = {"newspaper": "Газет", "interview": "Сұхбат", "book": "Кітап", "article": "Ғылыми мақала",
               "web page": "Веб-бет"}
LANGUAGE_LABELS = {"kk": "қазақ тілі", "ru": "орыс тілі", "en": "ағылшын тілі"}
WORDS_PER_MINUTE = 180


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def language_label(code: str) -> str:
    return ", ".join(LANGUAGE_LABELS.get(c.strip(), c.strip()) for c in code.split(","))


def format_date_kk(value: str) -> str:
    """A catalogue date in Kazakh, as exact as the catalogue is.

    >>> format_date_kk("2025-09-08")
    '2025\u202fж. 8 қыркүйек'
    >>> format_date_kk("2025-01")
    '2025\u202fж. қаңтар'
    >>> format_date_kk("2020")
    '2020\u202fж.'
    >>> format_date_kk("unknown")
    'белгісіз'
    """
    value = str(value).strip()
    try:
        return format_date(dt.date.fromisoformat(value), format="long", locale="kk")
    except ValueError:
        pass
    parts = value.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return format_date(dt.date(int(parts[0]), int(parts[1]), 1), format="y\u202f'ж'. MMMM", locale="kk")
    if value.isdigit():
        return f"{value}\u202fж."
    return "белгісіз" if value in ("", "unknown") else value


def reading_time_kk(words: int) -> str:
    """
    >>> reading_time_kk(900)
    'шамамен 5 минут'
    >>> reading_time_kk(30000)
    'шамамен 2 сағат 47 минут'
    """
    minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
    if minutes < 60:
        return f"шамамен {minutes} минут"
    return f"шамамен {minutes // 60} сағат {minutes % 60} минут"
