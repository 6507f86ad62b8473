"""The calendar feed, the one page of the booking kernel."""

from django.http import Http404, HttpResponse

from lainaamo.directory.models import Person

from .feed import feed_for


def calendar_feed(request, token):
    """A person's bookings as a calendar feed; the secret address is the only key."""
    person = Person.objects.filter(calendar_token=token, is_active=True).first()
    if person is None:
        raise Http404
    response = HttpResponse(feed_for(person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lainaamo.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response
