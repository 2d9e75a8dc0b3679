"""Couche données : lecture du YAML de modules/, schéma, validation, référentiel (sans MkDocs)."""
