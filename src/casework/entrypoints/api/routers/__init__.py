"""API routers, one per area."""
