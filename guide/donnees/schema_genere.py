"""Tout ce qui se déduit de ``guide/donnees/schema.py`` : schémas JSON, référence de modules/FORMAT.md, en-têtes
``# yaml-language-server`` des fichiers YAML.

``python3 -m guide schema`` réécrit ces fichiers ; ``python3 -m guide schema --verifier`` dit s'ils
sont périmés (le test tests/guide/test_guide_schema_genere.py le vérifie aussi). Après toute
modification de guide/donnees/schema.py (ou de guide/donnees/yamlio.LIMITES), relancer ``python3 -m guide schema``.

Les schémas JSON sont écrits dans docs/assets/schema/ : MkDocs les publie tels quels
(/assets/schema/module.json…), et chaque fichier YAML les nomme en première ligne pour que
VS Code (extension YAML) et l'éditeur web de GitLab complètent les clés et soulignent les erreurs.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from guide.donnees import schema as S
from guide.donnees.yamlio import LIMITES

__all__ = ["DOSSIER_SCHEMAS", "TYPES", "en_tete_yaml", "fichiers_generes", "perimes", "reference", "schema_json"]

DOSSIER_SCHEMAS = "docs/assets/schema"
DEBUT = "<!-- DÉBUT DE LA RÉFÉRENCE -->"
FIN = "<!-- FIN DE LA RÉFÉRENCE -->"
PREFIXE_EN_TETE = "# yaml-language-server: $schema="

# Type de fichier -> (schéma, fichiers concernés relatifs à modules/, titre).
TYPES: dict[str, tuple[dict, str, str]] = {
    "module": (S.MODULE, "*.yml", "Fichier de module (`modules/<id>.yml`)"),
    **{nom: (schema, relatif, f"`{relatif}`") for nom, (relatif, schema, _fil) in S.COMMUNS.items()},
    **{nom: (schema, relatif, f"`{relatif}` (facultatif)") for nom, (relatif, schema, _fil) in S.COMMUNS_FACULTATIFS.items()},
}
_NOMS_TYPES = {"texte": "texte", "entier": "entier", "nombre": "nombre", "booleen": "booléen",
               "date": "date", "liste": "liste", "table": "table"}
_JSON_TYPES = {"texte": "string", "entier": "integer", "nombre": "number", "booleen": "boolean",
               "date": "string", "liste": "array", "table": "object"}
MOTIF_DATE = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"


def _aide(nom_type: str, chemin: str, champ: dict) -> str:
    return champ.get("aide") or S.AIDES.get(f"{nom_type}.{chemin}", "")


def _types(champ: dict) -> list[str]:
    return champ["type"] if isinstance(champ["type"], list) else [champ["type"]]


# --- Schéma JSON ---------------------------------------------------------------------------------


def _json(champ: dict, nom_type: str, chemin: str) -> dict:
    sortie: dict = {}
    aide = _aide(nom_type, chemin, champ)
    if champ.get("format") or "texte" in _types(champ):
        format_ = S.FORMATS[champ.get("format", S.SIMPLE)] if "texte" in _types(champ) else ""
        aide = " — ".join(x for x in (aide, format_) if x)
    if aide:
        sortie["description"] = aide
    variantes = []
    for type_ in _types(champ):
        variante: dict = {"type": _JSON_TYPES[type_]}
        if type_ == "texte":
            if "motif" in champ:
                variante["pattern"] = champ["motif"]
            else:  # HTML brut refusé (souligné dans l'éditeur) ; le validateur vérifie le reste
                variante["not"] = {"pattern": S.MOTIF_HTML}
        elif type_ == "date":
            variante["pattern"] = MOTIF_DATE
        elif type_ in ("entier", "nombre"):
            if "min" in champ:
                variante["minimum"] = champ["min"]
            if "max" in champ:
                variante["maximum"] = champ["max"]
        elif type_ == "liste":
            if "element" in champ:
                variante["items"] = _json(champ["element"], nom_type, chemin + "[]")
            if champ.get("non_vide"):
                variante["minItems"] = 1
            if champ.get("uniques"):
                variante["uniqueItems"] = True
        elif type_ == "table":
            if "champs" in champ:
                variante["properties"] = {
                    cle: _json(sous, nom_type, f"{chemin}.{cle}" if chemin else cle)
                    for cle, sous in champ["champs"].items()
                }
                obligatoires = [cle for cle, sous in champ["champs"].items() if sous.get("obligatoire")]
                if obligatoires:
                    variante["required"] = obligatoires
                variante["additionalProperties"] = False
            elif "libre" in champ:
                variante["additionalProperties"] = _json(champ["libre"], nom_type, chemin + ".*")
        variantes.append(variante)
    if champ.get("nul"):
        variantes.append({"type": "null"})
    if len(variantes) == 1:
        sortie.update(variantes[0])
    else:
        sortie["anyOf"] = variantes
    if "valeurs" in champ:
        sortie["enum"] = list(champ["valeurs"])
    if "defaut" in champ:
        sortie["default"] = champ["defaut"]
    return sortie


def schema_json(nom_type: str) -> dict:
    """Schéma JSON (draft 2020-12) du type de fichier ``nom_type`` (``module``, ``indicateurs``…)."""
    schema, fichiers, titre = TYPES[nom_type]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Guide CPOM BFC — {titre.replace('`', '')}",
        "description": "Généré par « python3 -m guide schema » depuis guide/donnees/schema.py (voir modules/FORMAT.md).",
        **_json(schema, nom_type, ""),
    }


# --- Référence Markdown --------------------------------------------------------------------------


def _cellule(texte: str) -> str:
    return " ".join(str(texte).split()).replace("|", "\\|")


def _nom_type(champ: dict) -> str:
    noms = []
    for type_ in _types(champ):
        if type_ == "liste" and "element" in champ:
            noms.append(f"liste de {_nom_type(champ['element'])}s" if "liste" not in _types(champ["element"])
                        else "liste de listes")
        else:
            noms.append(_NOMS_TYPES[type_])
    if champ.get("nul"):
        noms.append("null")
    return " ou ".join(noms)


def _code(texte: str) -> str:
    return f"`` {texte} ``" if "`" in texte else f"`{texte}`"


def _contraintes(champ: dict) -> str:
    morceaux = []
    element = champ.get("element")
    if element is not None and "table" not in _types(element) and "liste" not in _types(element):
        morceaux.append(f"éléments : {_contraintes(element)}")
    if "valeurs" in champ:
        morceaux.append("valeurs : " + ", ".join(f"`{v}`" for v in champ["valeurs"]))
    if "motif" in champ:
        morceaux.append(f"motif {_code(champ['motif'])}")
    if "min" in champ:
        morceaux.append(f"min {champ['min']}")
    if "max" in champ:
        morceaux.append(f"max {champ['max']}")
    if champ.get("non_vide"):
        morceaux.append("non vide")
    if champ.get("uniques"):
        morceaux.append("sans doublon")
    if "texte" in _types(champ) and "motif" not in champ and "valeurs" not in champ:
        morceaux.append({S.SIMPLE: "texte simple", S.EN_LIGNE: "Markdown en ligne",
                         S.BLOC: "Markdown en blocs"}[champ.get("format", S.SIMPLE)])
    if "defaut" in champ and champ["defaut"] not in ({}, None) and not champ.get("obligatoire"):
        morceaux.append(f"défaut `{json.dumps(champ['defaut'], ensure_ascii=False)}`")
    return " ; ".join(morceaux)


def _lignes(champ: dict, nom_type: str, chemin: str) -> list[str]:
    lignes = []
    for type_ in _types(champ):
        if type_ == "table" and "champs" in champ:
            for cle, sous in champ["champs"].items():
                sous_chemin = f"{chemin}.{cle}" if chemin else cle
                lignes.append("| `{}` | {} | {} | {} | {} |".format(
                    sous_chemin, _nom_type(sous), "oui" if sous.get("obligatoire") else "",
                    _cellule(_contraintes(sous)), _cellule(_aide(nom_type, sous_chemin, sous))))
                lignes += _lignes(sous, nom_type, sous_chemin)
        elif type_ == "table" and "libre" in champ:
            sous_chemin = f"{chemin}.*"
            lignes.append(f"| `{sous_chemin}` | {_nom_type(champ['libre'])} | | "
                          f"{_cellule(_contraintes(champ['libre']))} | toute clé |")
        elif type_ == "liste" and "element" in champ:
            lignes += _lignes(champ["element"], nom_type, chemin + "[]")
    return lignes


def reference() -> str:
    """Partie générée de modules/FORMAT.md (entre les marqueurs ``DEBUT`` et ``FIN`` compris)."""
    parties = [DEBUT, "<!-- Générée par « python3 -m guide schema » depuis guide/donnees/schema.py : ne pas modifier ici. -->",
               "", "## Référence des champs", "",
               "Colonnes : chemin du champ (`[]` = chaque élément d'une liste), type, obligatoire, contraintes "
               "vérifiées, aide. Un champ facultatif peut être omis ; « défaut » est la valeur prise alors.", ""]
    for nom_type, (schema, fichiers, titre) in TYPES.items():
        parties += [f"### {titre}", "",
                    f"Schéma JSON : `{DOSSIER_SCHEMAS}/{nom_type}.json` (publié : `/assets/schema/{nom_type}.json`).", "",
                    "| Champ | Type | Obligatoire | Contraintes | Aide |", "|---|---|---|---|---|",
                    *_lignes(schema, nom_type, ""), ""]
    parties += ["### Textes", "",
                "Le texte YAML est du texte : aucun format n'accepte de HTML brut (`<balise`, `</`, `<!--`), "
                "d'image (`![…](…)`) ni d'attributs Markdown (`{: … }`, `{#id}`, `{.classe}`).", ""]
    parties += [f"- `{nom}` : {description}" for nom, description in S.FORMATS.items()]
    parties += ["", "### Limites de lecture", "",
                "Au-delà, le fichier est refusé avec un message situé (protection contre les fichiers "
                "piégés, jamais atteinte par un fichier normal) :", "",
                f"- taille : {LIMITES.octets // 1024} Kio par fichier ;",
                f"- imbrication : {LIMITES.profondeur} niveaux de listes ou de tables ;",
                f"- alias YAML (`*nom`) : {LIMITES.alias} par fichier ; "
                f"{LIMITES.valeurs} valeurs une fois les alias développés ;",
                f"- valeurs écrites : {LIMITES.noeuds} par fichier.", "", FIN]
    return "\n".join(parties)


# --- Fichiers ------------------------------------------------------------------------------------


def en_tete_yaml(racine: Path, fichier_yaml: Path, nom_type: str) -> str:
    """Première ligne d'un fichier YAML : le schéma JSON, en chemin relatif au fichier."""
    cible = posixpath.relpath(f"{DOSSIER_SCHEMAS}/{nom_type}.json",
                              fichier_yaml.parent.relative_to(racine).as_posix())
    return f"{PREFIXE_EN_TETE}{cible}"


def _avec_en_tete(texte: str, en_tete: str) -> str:
    lignes = texte.split("\n")
    if lignes and lignes[0].startswith(PREFIXE_EN_TETE):
        lignes[0] = en_tete
        return "\n".join(lignes)
    return en_tete + "\n" + texte


def fichiers_yaml(racine: Path) -> list[tuple[Path, str]]:
    """(fichier YAML, type de fichier) pour modules/*.yml et les fichiers communs présents."""
    dossier = Path(racine) / "modules"
    paires = [(f, "module") for f in sorted(dossier.glob("*.yml")) if f.is_file()]
    paires += [(dossier / relatif, nom) for nom, (_s, relatif, _t) in TYPES.items() if nom != "module"
               and (dossier / relatif).is_file()]
    return paires


def fichiers_generes(racine: Path) -> dict[Path, str]:
    """Contenu attendu de chaque fichier généré (schémas JSON, FORMAT.md, fichiers YAML avec en-tête)."""
    racine = Path(racine)
    sortie: dict[Path, str] = {}
    for nom_type in TYPES:
        sortie[racine / DOSSIER_SCHEMAS / f"{nom_type}.json"] = \
            json.dumps(schema_json(nom_type), ensure_ascii=False, indent=2) + "\n"
    format_md = racine / "modules" / "FORMAT.md"
    texte = format_md.read_text(encoding="utf-8") if format_md.is_file() else "# Format des fichiers YAML du guide\n"
    if DEBUT in texte and FIN in texte:
        avant, reste = texte.split(DEBUT, 1)
        apres = reste.split(FIN, 1)[1]
        sortie[format_md] = avant + reference() + apres
    else:
        sortie[format_md] = texte.rstrip("\n") + "\n\n" + reference() + "\n"
    for fichier, nom_type in fichiers_yaml(racine):
        octets = fichier.read_bytes()
        try:
            contenu = octets.decode("utf-8")
        except UnicodeDecodeError:
            continue  # fichier illisible : le validateur le signale, on n'y touche pas
        sortie[fichier] = _avec_en_tete(contenu, en_tete_yaml(racine, fichier, nom_type))
    return sortie


def perimes(racine: Path) -> list[Path]:
    """Fichiers générés absents ou différents de ce que le schéma donne."""
    return [chemin for chemin, contenu in fichiers_generes(racine).items()
            if not chemin.is_file() or chemin.read_text(encoding="utf-8") != contenu]


def ecrire(racine: Path) -> list[Path]:
    """Réécrit les fichiers périmés ; renvoie leur liste."""
    attendus = fichiers_generes(racine)
    ecrits = perimes(racine)
    for chemin in ecrits:
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(attendus[chemin], encoding="utf-8")
    return ecrits
