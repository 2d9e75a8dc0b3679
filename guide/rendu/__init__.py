"""Couche rendu : pages générées, Markdown et HTML des gabarits Jinja, dates (n'importe que guide.donnees)."""
