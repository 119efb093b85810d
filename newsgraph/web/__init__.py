"""Web pages and the HTTP API over a store: ``newsgraph serve`` runs ``create_app``."""
from newsgraph.web.app import create_app

__all__ = ["create_app"]
