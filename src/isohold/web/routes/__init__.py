"""Routers: the JSON API and the pages, one module per area."""
