"""Script: right-to-left text and other scripts (bidi runs, shaping, font per run)."""
