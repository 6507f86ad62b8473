"""The booking kernel's writes and its free-slot search: the API every other app uses.

The invariant kept here: no resource is ever booked twice for overlapping time, buffers
included (booking.py). Other apps import from this package only, never from its modules:
`from lainaamo.scheduling import services as scheduling`.

- booking.py: the errors of a refused booking; book_group, book, book_any, reschedule,
  set_status.
- locks.py: lock_resources, the locks every writer takes in key order.
- slots.py: free_slots, is_available and weekly_rules.
- availability.py: set_weekly_hours and set_absences (and the weekly hours' cache version).
"""

from .availability import WEEKLY_HOURS, InvalidAvailability, set_absences, set_weekly_hours
from .booking import (
    InvalidInterval,
    NoneFree,
    OutsideAvailability,
    ResourceTwice,
    SlotTaken,
    StartInPast,
    TooFarAhead,
    book,
    book_any,
    book_group,
    reschedule,
    set_status,
)
from .locks import lock_resources
from .slots import Slot, free_slots, is_available, weekly_rules

__all__ = [
    "WEEKLY_HOURS",
    "InvalidAvailability",
    "InvalidInterval",
    "NoneFree",
    "OutsideAvailability",
    "ResourceTwice",
    "Slot",
    "SlotTaken",
    "StartInPast",
    "TooFarAhead",
    "book",
    "book_any",
    "book_group",
    "free_slots",
    "is_available",
    "lock_resources",
    "reschedule",
    "set_absences",
    "set_status",
    "set_weekly_hours",
    "weekly_rules",
]
