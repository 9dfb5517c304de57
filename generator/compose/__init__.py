"""Compose: model + layout to measured pages, one module per product kind."""
