"""Couche rendu : pages générées, Markdown et HTML des gabarits Jinja, dates, typographie
(n'importe que guide.donnees)."""
