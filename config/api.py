"""The JSON API under /api/v1/: one NinjaAPI, one router per app."""

from ninja import NinjaAPI

api = NinjaAPI(title="Lainaamo API", version="1", urls_namespace="api")
