"""The kernel's locks: the writers of one resource queue on a lock of its row."""

from collections.abc import Iterable

from django.db import connection

from ..models import Resource


def _pk(resource: Resource | int) -> int:
    return resource if isinstance(resource, int) else resource.pk


def lock_resources(resources: Iterable[Resource | int]) -> None:
    """Lock the resources' time until the transaction ends: their bookers wait in turn.

    Every booker locks in the same order (by key), so bookers of overlapping sets queue and
    never deadlock. Lock a step's own rows (a loan, a registration) first, then the resources,
    all in one call. On SQLite the IMMEDIATE transaction holds the database's one write lock
    already.
    """
    ids = sorted({_pk(resource) for resource in resources})
    if ids and connection.features.has_select_for_update:
        list(Resource.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
