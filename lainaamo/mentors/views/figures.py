"""The figures: the coordinator's dashboard and a unit manager's figures of their unit."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from lainaamo.core.timeutil import local, now
from lainaamo.directory.models import Municipality, Unit
from lainaamo.directory.permissions import coordinated_municipality_ids

from .. import figures, permissions
from ..contributions import roles_of


@login_required
def dashboard(request):
    municipality_ids = coordinated_municipality_ids(request.user)
    if not municipality_ids:
        raise Http404
    current = now()
    this_year = local(current).year
    years = list(range(this_year, this_year - 5, -1))
    # Compared as text: "²" and "٢٠٢٦" pass str.isdigit() but are not years on offer.
    asked = request.GET.get("year", "")
    year = next((choice for choice in years if str(choice) == asked), this_year)
    start, end = figures.year_range(year)
    requests = figures.open_requests(municipality_ids=municipality_ids, at=current)
    return render(
        request,
        "mentors/dashboard.html",
        {
            "municipalities": list(Municipality.objects.filter(pk__in=municipality_ids)),
            "open_requests": requests,
            "unanswered": [row for row in requests if row.unanswered],
            "working_days": settings.UNANSWERED_AFTER_WORKING_DAYS,
            "month": figures.loans_this_month(municipality_ids=municipality_ids, at=current),
            "month_start": current,
            "sectors": figures.hours_between_sectors(
                municipality_ids=municipality_ids, start=start, end=end
            ),
            "year": year,
            "years": years,
            "can_edit_skills": permissions.can_edit_skills(request.user),
        },
    )


@login_required
def unit_figures(request, pk):
    if not permissions.can_see_unit_figures(request.user, pk):
        raise Http404
    unit = get_object_or_404(Unit.objects.select_related("municipality"), pk=pk)
    current = now()
    return render(
        request,
        "mentors/unit_figures.html",
        {
            "unit": unit,
            "by_sector": figures.unit_hours_by_sector(unit_id=unit.pk, at=current),
            "by_mentor": figures.unit_hours_by_mentor(unit_id=unit.pk, at=current),
            "today": local(current),
            "other_units": [u for u in roles_of(request).managed_units if u.pk != unit.pk],
        },
    )
