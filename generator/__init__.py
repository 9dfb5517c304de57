"""handouts: print-ready PDFs about calm touch for Swedish care."""
