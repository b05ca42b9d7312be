"""Read the State Council's annual holiday notice (国务院办公厅关于20XX年部分节假日安排的通知).

The notice says, per occasion, which days are off and which weekend days are worked:

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。
    2月14日（周六）、2月28日（周六）上班。
    一、元旦：1月1日放假，与周末连休。
    六、中秋节：9月15日（星期二）补休。

``parse_notice`` returns the days it read and, line by line, what it could not read. It does
not know about Odoo: the import wizard decides what to save.
"""
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

_PAREN = r"(?:[（(](?P<{n}>[^）)]*)[）)])?"
_DATE = r"(?:(?P<{p}y>\d{{4}})年)?(?P<{p}m>\d{{1,2}})月(?P<{p}d>\d{{1,2}})日" + _PAREN
_END = r"(?:(?P<ey>\d{4})年)?(?:(?P<em>\d{1,2})月)?(?P<ed>\d{1,2})日" + _PAREN.format(n="enote")
RANGE_RE = re.compile(_DATE.format(p="s", n="snote") + r"\s*[至到－—-]\s*" + _END)
DATE_RE = re.compile(_DATE.format(p="", n="note"))
ANY_DATE_RE = re.compile(r"\d{1,2}月\d{1,2}日")
ONLY_DATE_RE = re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")
TITLE_YEAR_RE = re.compile(r"关于(\d{4})年")
HEADING_RE = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]+)[、.．]\s*(?P<name>[^：:]+)[：:]")
TOTAL_RE = re.compile(r"(?:共|放假)(?P<n>\d+)天")
WEEKDAY_RE = re.compile(r"(?:周|星期)([一二三四五六日天])")
# Sentences with dates that are advice, not a schedule ("鼓励……在除夕（2月9日）休息").
ADVISORY_WORDS = ("鼓励", "倡导", "提倡")


@dataclass
class NoticeDay:
    day: date
    kind: str  # "holiday" or "workday"
    name: str
    line: int


@dataclass
class NoticeResult:
    year: int | None = None
    days: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line number, text, translatable reason)

    @property
    def holidays(self):
        return sorted(d.day for d in self.days if d.kind == "holiday")

    @property
    def workdays(self):
        return sorted(d.day for d in self.days if d.kind == "workday")


class _Unreadable(Exception):
    pass


def parse_notice(text, year=None):
    """Parse ``text``; ``year`` is used where neither the title nor a date names it."""
    result = NoticeResult(year=year)
    title = TITLE_YEAR_RE.search(text or "")
    if title and not year:
        result.year = int(title.group(1))
    for number, raw_line in enumerate((text or "").splitlines(), start=1):
        line = raw_line.strip()
        if not line or not ANY_DATE_RE.search(line) or ONLY_DATE_RE.match(line):
            continue  # addressees, preamble, closing words, the date of issue
        if not result.year:
            result.errors.append((number, line, _lt("the year is not known: paste the title or choose the year")))
            continue
        heading = HEADING_RE.match(line)
        name = heading.group("name").strip() if heading else ""
        body = line[heading.end():] if heading else line
        for sentence in re.split(r"[。；;]", body):
            if not ANY_DATE_RE.search(sentence) or any(word in sentence for word in ADVISORY_WORDS):
                continue
            try:
                result.days += _parse_sentence(sentence.strip(), result.year, name, number)
            except _Unreadable as error:
                result.errors.append((number, sentence.strip(), error.args[0]))
    _check_duplicates(result)
    return result


def _parse_sentence(sentence, year, name, line):
    if "上班" in sentence:
        return [NoticeDay(day, "workday", name, line) for day in _single_dates(sentence, year)]
    if not any(word in sentence for word in ("放假", "补休", "休息")):
        raise _Unreadable(_lt("it names neither days off (放假/补休) nor working days (上班)"))
    days = []
    rest = sentence
    for match in RANGE_RE.finditer(sentence):
        start = _date(match.group("sy"), match.group("sm"), match.group("sd"), year, match.group("snote"))
        end = _date(match.group("ey") or match.group("sy"), match.group("em") or match.group("sm"),
                    match.group("ed"), year, match.group("enote"))
        if end < start:
            raise _Unreadable(_lt("the period ends (%(end)s) before it starts (%(start)s)", end=end, start=start))
        days += [start + timedelta(n) for n in range((end - start).days + 1)]
        rest = rest.replace(match.group(0), "")
    days += _single_dates(rest, year, required=not days)
    total = TOTAL_RE.search(sentence)
    if total and int(total.group("n")) != len(days):
        raise _Unreadable(_lt("it says %(said)s days but lists %(listed)s", said=total.group("n"), listed=len(days)))
    return [NoticeDay(day, "holiday", name, line) for day in days]


def _single_dates(text, year, required=True):
    days = [_date(m.group("y"), m.group("m"), m.group("d"), year, m.group("note")) for m in DATE_RE.finditer(text)]
    if required and not days:
        raise _Unreadable(_lt("no date in the form X月X日"))
    return days


def _date(year_text, month, day, default_year, note):
    try:
        value = date(int(year_text or default_year), int(month), int(day))
    except ValueError as error:
        raise _Unreadable(_lt("%(month)s月%(day)s日 is not a date", month=month, day=day)) from error
    weekday = WEEKDAY_RE.search(note or "")
    if weekday and WEEKDAYS[weekday.group(1)] != value.weekday():
        raise _Unreadable(_lt("%(day)s is not a 周%(weekday)s", day=value, weekday=weekday.group(1)))
    return value


def _check_duplicates(result):
    seen = {}
    for notice_day in result.days:
        first = seen.setdefault(notice_day.day, notice_day)
        if first is not notice_day and first.kind != notice_day.kind:
            result.errors.append((notice_day.line, str(notice_day.day),
                                  _lt("the same day is both a day off and a working day")))
    unique = {}
    for notice_day in result.days:
        unique.setdefault(notice_day.day, notice_day)
    result.days = sorted(unique.values(), key=lambda d: d.day)
