"""Construction du guide CPOM : chargement et validation du YAML de modules/, rendu des pages."""
