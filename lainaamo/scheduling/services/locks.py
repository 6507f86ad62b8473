"""The kernel's locks: the writers of one resource queue on a lock of its row; and what a
booking of a resource takes with it, its parts."""

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


def parts_of(resource_ids: Iterable[int]) -> dict[int, list[int]]:
    """The parts of each resource (a kit's items), by the resource's key: one query."""
    parts: dict[int, list[int]] = {pk: [] for pk in resource_ids}
    children = Resource.objects.filter(parent_id__in=parts).values_list("pk", "parent_id")
    for pk, parent_id in children.order_by("pk"):
        parts[parent_id].append(pk)
    return parts
