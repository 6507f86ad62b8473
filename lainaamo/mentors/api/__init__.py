"""The mentors app's API router: the skill and mentor catalogue, and loans of a mentor."""

from ninja import Router

from .catalogue import router as catalogue_router
from .loans import router as loans_router

router = Router()
router.add_router("", catalogue_router)
router.add_router("", loans_router)
