"""Template helpers shared by every page: the language switcher, times and durations."""

import datetime as dt
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, ngettext

from lainaamo.core import i18n
from lainaamo.core.timeutil import local

register = template.Library()

# Finnish and Finland-Swedish write 9.30; English pages use 09:30. Dates are day.month.year
# in every language, as Finnish public services write them.
TIME_FORMATS = {"fi": "G.i", "sv": "G.i"}
DATE_FORMAT = "D j.n.Y"


def _time_format() -> str:
    return TIME_FORMATS.get(get_language() or "", "H:i")


@register.inclusion_tag("core/_language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    request = context.get("request")
    if request is None:  # pages rendered without a request, such as the CSRF failure page
        return {"languages": []}
    current = get_language()
    return {
        "languages": [
            {"code": code, "name": name, "current": code == current}
            for code, name in settings.LANGUAGES
        ],
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


def _when_parts(start: dt.datetime, end: dt.datetime | None) -> tuple[str, str]:
    """The start as date and time; the end as time, with its date when it is another day."""
    start_local = local(start)
    text = f"{date_format(start_local, DATE_FORMAT)} {date_format(start_local, _time_format())}"
    if end is None:
        return text, ""
    end_local = local(end)
    end_text = date_format(end_local, _time_format())
    if end_local.date() != start_local.date():
        end_text = f"{date_format(end_local, DATE_FORMAT)} {end_text}"
    return text, end_text


@register.simple_tag
def when_text(start: dt.datetime, end: dt.datetime | None = None) -> str:
    """`when` as plain text, for mail: Helsinki time in the language's own format."""
    text, end_text = _when_parts(start, end)
    return f"{text}–{end_text}" if end_text else text


@register.filter
def hours(value) -> str:
    """Hours without trailing zeros, with the language's decimal sign: 4, 4,5, 1,25."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value)).normalize()
    text = format(number.quantize(Decimal(1)) if number == number.to_integral() else number, "f")
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))


@register.simple_tag
def when(start: dt.datetime, end: dt.datetime | None = None) -> str:
    """A time, or a time range on one day, in Helsinki time, inside <time> elements."""
    text, end_text = _when_parts(start, end)
    if end is None:
        return format_html('<time datetime="{}">{}</time>', local(start).isoformat(), text)
    return format_html(
        '<time datetime="{}">{}</time>–<time datetime="{}">{}</time>',
        local(start).isoformat(),
        text,
        local(end).isoformat(),
        end_text,
    )


@register.filter
def day(value: dt.date | dt.datetime) -> str:
    """A date as day.month.year with the weekday."""
    if isinstance(value, dt.datetime):
        value = local(value)
    return date_format(value, DATE_FORMAT)


@register.filter
def minutes(value: int) -> str:
    """A duration in minutes as hours and minutes: 90 -> "1 h 30 min"."""
    hours, rest = divmod(int(value), 60)
    if hours and rest:
        return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
    if hours:
        return gettext("%(hours)s h") % {"hours": hours}
    return gettext("%(minutes)s min") % {"minutes": rest}


@register.filter
def language_name(code: str) -> str:
    """A language's own name (suomi, svenska, English), as language menus show it."""
    return dict(settings.LANGUAGES).get(code, code)


@register.filter
def people(count: int) -> str:
    return ngettext("%(count)s person", "%(count)s people", count) % {"count": count}


@register.filter
def language_label(code: str) -> str:
    """A language's name in the language of the page: Swedish, ruotsi, svenska."""
    return i18n.language_label(code)
