"""Couche publication : ce qui est écrit dans le site construit (moteur du navigateur, données
ouvertes, PDF, CSP, hébergement, pré-compression)."""
