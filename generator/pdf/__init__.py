"""PDF: everything that knows the PDF format (render, page boxes, imposition, joining, fonts)."""
