"""Construction du guide CPOM, en trois couches importées dans un seul sens :

données (``guide.donnees`` : YAML de modules/, schéma, validation, référentiel, chemins)
→ rendu (``guide.rendu`` : pages, gabarits, formulaires, dates)
→ publication (``guide.publication`` : moteur du navigateur, données ouvertes, PDF, CSP, compression),
reliées à MkDocs par le greffon ``guide.plugin``. ``calculators`` est importé, jamais l'inverse.
"""
