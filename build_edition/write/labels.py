"""Reader-facing strings and formats in Kazakh (numbers, dates and language names via Babel's `kk` locale)."""
from __future__ import annotations

import datetime as dt
import math

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

LOCALE = Locale("kk")
UNKNOWN = "unknown"
UNKNOWN_LABEL = "белгісіз"
VARIOUS = "various"

KIND_LABELS = {"newspaper": "Газет", "interview": "Сұхбат", "book": "Кітап", "article": "Ғылыми мақала",
               "web page": "Веб-бет"}
# the accessible name and tooltip of a paragraph's ¶ (build_edition.store.page_format.permalink)
PERMALINK_LABEL = "Осы абзацқа сілтеме"
# the tooltip of a print-page milestone, [69] (build_edition.write.milestones)
MILESTONE_LABEL = "Баспа нұсқасының {n}-беті осы жерден басталады"
WORDS_PER_MINUTE = 180   # silent reading of Kazakh non-fiction, a conservative average


def kind_label(kind: str) -> str:
    """
    >>> kind_label("web page")
    'Веб-бет'
    """
    return KIND_LABELS.get(kind, kind)


def value_label(value: str) -> str:
    """A catalogue value as shown to readers: `unknown` becomes 'белгісіз'.

    >>> value_label("unknown"), value_label("«Ana tili» газеті")
    ('белгісіз', '«Ana tili» газеті')
    """
    value = str(value).strip()
    return UNKNOWN_LABEL if value in ("", UNKNOWN) else value


def authors_label(authors: list[str]) -> str:
    """
    >>> authors_label(["Жексембаева В. А.", "Досмағамбетова Г. И."])
    'Жексембаева В. А., Досмағамбетова Г. И.'
    >>> authors_label(["various"]), authors_label(["unknown"]), authors_label([])
    ('түрлі авторлар', 'белгісіз', 'белгісіз')
    """
    known = [a for a in authors if a.strip() not in ("", UNKNOWN)]
    if known == [VARIOUS]:
        return "түрлі авторлар"
    return ", ".join(known) if known else UNKNOWN_LABEL


def language_label(code: str) -> str:
    """Language names from Babel; the first code is the main language, the rest occur in parts.

    >>> language_label("kk")
    'қазақ тілі'
    >>> language_label("kk, ru, en")
    'қазақ тілі; жекелеген бөліктері орыс және ағылшын тілдерінде'
    >>> language_label("kk, ru")
    'қазақ тілі; жекелеген бөліктері орыс тілінде'
    """
    codes = [c.strip() for c in code.split(",") if c.strip()]
    names = [LOCALE.languages.get(c, c) for c in codes]
    if not names:
        return UNKNOWN_LABEL
    main, others = names[0], names[1:]
    if not others:
        return main
    suffix = " тілі"
    if all(n.endswith(suffix) for n in others):
        bases = [n[: -len(suffix)] for n in others]
        joined = bases[0] if len(bases) == 1 else ", ".join(bases[:-1]) + " және " + bases[-1]
        return f"{main}; жекелеген бөліктері {joined} {'тілінде' if len(bases) == 1 else 'тілдерінде'}"
    return f"{main}; жекелеген бөліктері: {', '.join(others)}"


def format_number_kk(value: int) -> str:
    """
    >>> format_number_kk(117552)
    '117\xa0552'
    """
    return format_decimal(value, locale=LOCALE)


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
        return format_date(dt.date.fromisoformat(value), format="long", locale=LOCALE)
    except ValueError:
        pass
    parts = value.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return format_skeleton("yMMMM", dt.date(int(parts[0]), int(parts[1]), 1), locale=LOCALE)
    if value.isdigit():
        return f"{value}\u202fж."
    return value_label(value)


def words_label(words: int) -> str:
    """
    >>> words_label(1)
    '1 сөз'
    >>> words_label(30000)
    '30\xa0000 сөз'
    """
    return f"{format_number_kk(words)} сөз"


def reading_time_kk(words: int) -> str:
    """
    >>> reading_time_kk(900)
    'шамамен 5 минут'
    >>> reading_time_kk(30000)
    'шамамен 2 сағат 47 минут'
    >>> reading_time_kk(180 * 120)
    'шамамен 2 сағат'
    """
    minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
    if minutes < 60:
        return f"шамамен {minutes} минут"
    hours, rest = divmod(minutes, 60)
    return f"шамамен {hours} сағат {rest} минут" if rest else f"шамамен {hours} сағат"


def pages_label(count: int) -> str:
    """
    >>> pages_label(17)
    '17 бет'
    """
    return f"{format_number_kk(count)} бет"
