"""Mail in the recipient's language, with an iCalendar invitation where there is one."""

from dataclasses import dataclass
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

CALENDAR_MIMETYPE = "text/calendar"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


class InvitationMessage(EmailMultiAlternatives):
    """A message whose calendar alternative carries the iTIP method in its content type.

    Outlook shows Accept and Decline only for a `text/calendar; method=REQUEST` part.
    """

    def __init__(self, *args, calendar_method: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calendar_method = calendar_method

    def _create_mime_attachment(self, content, mimetype):
        if mimetype == CALENDAR_MIMETYPE:
            if isinstance(content, bytes):
                content = content.decode("utf-8")
            part = MIMEText(content, "calendar", "utf-8")
            part.set_param("method", self.calendar_method)
            return part
        return super()._create_mime_attachment(content, mimetype)


def render_text(template: str, context: dict) -> str:
    """Render a plain-text template: never HTML-escaped, whatever the template says."""
    return get_template(template).template.render(Context(context, autoescape=False))


def render_message(
    *,
    recipient: Recipient,
    template: str,
    context: dict,
    calendar: bytes | None = None,
    method: str = "",
) -> InvitationMessage:
    """Render `<template>_subject.txt` and `<template>.txt` in the recipient's language."""
    with translation.override(recipient.language):
        context = {**context, "recipient": recipient, "site_url": settings.SITE_URL}
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        body = render_text(f"{template}.txt", context)
    message = InvitationMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[f"{recipient.name} <{recipient.email}>" if recipient.name else recipient.email],
        headers={"Content-Language": recipient.language, "Auto-Submitted": "auto-generated"},
        calendar_method=method,
    )
    if calendar is not None:
        message.attach_alternative(calendar, CALENDAR_MIMETYPE)
    return message


def send_messages(messages: list[InvitationMessage]) -> int:
    """Send over one connection; a failure raises so that the task queue can retry."""
    if not messages:
        return 0
    from django.core.mail import get_connection

    with get_connection() as connection:
        return connection.send_messages(messages)
