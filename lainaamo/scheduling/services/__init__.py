"""The booking kernel's writes and its free-slot search: the API every other app uses.

The invariant kept here: no resource is ever booked twice for overlapping time, buffers
included (booking.py). Other apps import from this package only, never from its modules:
`from lainaamo.scheduling import services as scheduling`.

- booking.py: the errors of a refused booking; book_group, book, book_any, reschedule,
  set_status.
- locks.py: lock_resources, the locks every writer takes in key order.
- slots.py: free_slots and is_available.
- availability.py: set_weekly_hours and set_absences.
"""

from .availability import InvalidAvailability, set_absences, set_weekly_hours
from .booking import (
    InvalidInterval,
    NoneFree,
    OutsideAvailability,
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
from .slots import Slot, free_slots, is_available

__all__ = [
    "InvalidAvailability",
    "InvalidInterval",
    "NoneFree",
    "OutsideAvailability",
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
]
