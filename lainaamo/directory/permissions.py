"""Who may see and do what, from the roles a person holds."""

from .models import Municipality, Person, RoleKind


def coordinated_municipality_ids(person: Person) -> set[int]:
    """The municipalities a person coordinates, directly or through their region."""
    if not person.is_authenticated:
        return set()
    cached = getattr(person, "_coordinated_municipality_ids", None)
    if cached is not None:
        return cached
    roles = person.roles.filter(kind=RoleKind.COORDINATOR)
    region_ids = [r.region_id for r in roles if r.region_id]
    ids = {r.municipality_id for r in roles if r.municipality_id}
    if region_ids:
        ids |= set(
            Municipality.objects.filter(region_id__in=region_ids).values_list("id", flat=True)
        )
    person._coordinated_municipality_ids = ids
    return ids


def is_coordinator(person: Person) -> bool:
    return bool(coordinated_municipality_ids(person))


def managed_unit_ids(person: Person) -> set[int]:
    if not person.is_authenticated:
        return set()
    return set(person.roles.filter(kind=RoleKind.UNIT_MANAGER).values_list("unit_id", flat=True))


def can_coordinate(person: Person, municipality_id: int | None) -> bool:
    return municipality_id is not None and municipality_id in coordinated_municipality_ids(person)
