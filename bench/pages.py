"""List pages: the queries each makes, which must not grow with the rows."""

import datetime as dt

LIST_PAGES = ["/mentors/", "/mentors/loans/", "/mentors/inbox/", "/mentors/dashboard/"]


def fill_every_list(data: dict) -> None:
    """Give the viewer a few rows in every section of every list page, at any data size.

    A section that is empty skips its queries; counts are compared with every section filled.
    """
    from lainaamo.core.timeutil import HELSINKI, month_bounds, now
    from lainaamo.mentors.models import LoanSession, LoanStatus
    from lainaamo.mentors.services import request_loan
    from lainaamo.scheduling.services import book

    mentor = data["profiles"][1]
    others = data["borrowers"][:3]
    skill = mentor.skills.first()
    day = (dt.datetime.now(HELSINKI) + dt.timedelta(days=10)).date()
    month_start = month_bounds(now())[0]
    for number, borrower in enumerate(others):
        start = dt.datetime.combine(day, dt.time(8 + 2 * number), tzinfo=HELSINKI)
        window = [(start, start + dt.timedelta(days=5))]
        arguments = {
            "skills": [skill],
            "need": "Benchmark",
            "language": "fi",
            "mode": "remote",
            "duration_minutes": 60,
            "windows": window,
        }
        request_loan(borrower=borrower, **arguments)  # open, on the dashboard
        request_loan(borrower=mentor.person, **arguments)  # the viewer's own request
        booked = request_loan(borrower=borrower, **arguments)  # awaiting the viewer's answer
        held = request_loan(borrower=borrower, **arguments)  # accepted, held, to complete
        # Early on the month's first day: this month's, and clear of the generated history.
        held_at = month_start + dt.timedelta(hours=5 + number)
        for loan, status, when, allow_past in (
            (booked, LoanStatus.BOOKED, start, False),
            (held, LoanStatus.ACCEPTED, held_at, True),
        ):
            booking = book(
                resource=mentor.resource,
                start=when,
                end=when + dt.timedelta(hours=1),
                allow_past=allow_past,
            )
            LoanSession.objects.create(loan=loan, booking=booking)
            loan.mentor, loan.status = mentor, status
            loan.save(update_fields=["mentor", "status"])


def list_page_queries(data: dict) -> dict[str, int]:
    """Queries each list page makes, seen by a coordinator who also borrows and mentors."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lainaamo.directory.models import Role, RoleKind

    viewer = data["profiles"][1].person
    Role.objects.get_or_create(person=viewer, kind=RoleKind.COORDINATOR, region=data["region"])
    fill_every_list(data)
    client = Client()
    client.force_login(viewer)
    counts = {}
    for path in LIST_PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[path] = len(queries)
    return counts
