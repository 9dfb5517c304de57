"""Web edge: `handouts serve`, the local web app for care staff, a thin layer over api.py."""
