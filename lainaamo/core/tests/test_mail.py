from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation

from lainaamo.core.mail import Recipient, render_message, send_messages

TEMPLATES_DIR = Path(__file__).parent / "templates"
GREETING = "core_tests/greeting"


@pytest.fixture(autouse=True)
def test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [TEMPLATES_DIR]},
        *settings.TEMPLATES[1:],
    ]


def greet(language: str, name: str = "Aino", **kwargs):
    recipient = Recipient(email="aino@example.fi", name=name, language=language)
    return render_message(
        recipient=recipient, template=GREETING, context={"company": ""}, **kwargs
    )


@pytest.mark.parametrize(
    ("language", "monday"), [("fi", "maanantai"), ("sv", "måndag"), ("en", "Monday")]
)
def test_message_is_rendered_in_the_recipients_language(language, monday):
    with translation.override("fi"):
        message = greet(language)

        assert translation.get_language() == "fi"
    assert message.body.startswith(f"{language}|{monday}|Aino|")
    assert message.subject == f"{language}: {monday} Aino"
    assert message.extra_headers["Content-Language"] == language


def test_subject_is_one_line():
    message = greet("en")

    assert "\n" not in message.subject
    assert "  " not in message.subject


def test_plain_text_is_never_html_escaped():
    recipient = Recipient(email="ob@example.fi", name="O'Brien & Co", language="en")

    message = render_message(
        recipient=recipient, template=GREETING, context={"company": "<Tekniikka & Taide>"}
    )

    assert "|O'Brien & Co|<Tekniikka & Taide>|" in message.body
    assert message.subject == "en: Monday O'Brien & Co"
    assert "&amp;" not in message.body + message.subject
    assert "&#x27;" not in message.body + message.subject


def test_message_is_addressed_by_name_and_marked_automatic(settings):
    message = greet("sv")

    assert message.to == ["Aino <aino@example.fi>"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert message.body.endswith(f"|{settings.SITE_URL}\n")


def test_recipient_without_a_name_is_addressed_by_address():
    recipient = Recipient(email="x@example.fi", name="", language="fi")

    message = render_message(recipient=recipient, template=GREETING, context={})

    assert message.to == ["x@example.fi"]


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_calendar_part_carries_the_itip_method_in_its_content_type(method):
    calendar = f"BEGIN:VCALENDAR\r\nMETHOD:{method}\r\nX-NAME:Åsa\r\nEND:VCALENDAR\r\n"

    message = greet("sv", calendar=calendar.encode(), method=method)

    parts = [part for part in message.message().walk() if part.get_content_maintype() == "text"]
    kinds = {part.get_content_type(): part for part in parts}
    assert set(kinds) == {"text/plain", "text/calendar"}
    part = kinds["text/calendar"]
    assert part.get_param("method") == method
    assert part.get_content_charset() == "utf-8"
    assert part.get_payload(decode=True).decode("utf-8") == calendar


def test_message_without_calendar_has_no_calendar_part():
    message = greet("fi")

    assert message.alternatives == []


def test_send_messages_sends_all_over_one_connection():
    sent = send_messages([greet("fi"), greet("sv")])

    assert sent == 2
    assert [message.subject for message in mail.outbox] == [
        "fi: maanantai Aino",
        "sv: måndag Aino",
    ]


def test_sending_nothing_opens_no_connection():
    assert send_messages([]) == 0
