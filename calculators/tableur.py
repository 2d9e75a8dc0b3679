"""Fichiers CSV des calculateurs : un seul dialecte, Excel France, pour le navigateur et la CLI.

Dialecte : séparateur ``;``, virgule décimale, UTF-8 avec BOM, fin de ligne CRLF, guillemets
seulement quand une cellule en a besoin (module ``csv`` de la bibliothèque standard). À la lecture,
un fichier séparé par des virgules (sans ``;`` dans sa première ligne) est aussi accepté.

Deux « calculateurs » du contrat (``calculators/contrat.py``), appelés par le navigateur pour
l'export et l'import des tableaux :

- ``csv_ecrire`` : ``{"colonnes": [titre, …], "lignes": [[cellule, …], …]}`` → ``{"texte": "…"}`` ;
- ``csv_lire`` : ``{"texte": "…", "fichier": "plan.csv", "colonnes": [{"titre", "facultative"}]}``
  → ``{"lignes": [[cellule ou null, …], …]}`` dans l'ordre des colonnes demandées (``null`` : colonne
  facultative absente du fichier). Les en-têtes sont comparés sans accents, casse ni espaces en trop.

>>> ecrire_texte(["Libellé", "%"], [["Répit; aidants", 12.5]])
'\\ufeffLibellé;%\\r\\n"Répit; aidants";12,5\\r\\n'
>>> lire_texte('\\ufeffLibellé;%\\r\\n"Répit; aidants";12,5\\r\\n')
[['Libellé', '%'], ['Répit; aidants', '12,5']]
"""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal

from calculators.entrees import recu
from calculators.erreurs import EntreeInvalide, Erreur

__all__ = ["BOM", "ExcelFrance", "ecrire", "ecrire_texte", "lire", "lire_texte", "normaliser"]

BOM = "\ufeff"
TAILLE_MAX = 5_000_000  # caractères : au-delà, le fichier n'est pas un export d'un calculateur


class ExcelFrance(csv.Dialect):
    """Dialecte d'Excel en français : ``;``, guillemets doubles, CRLF."""

    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


def cellule(valeur: object) -> str:
    """Texte d'une cellule : nombre à virgule décimale, ``None`` vide, texte tel quel."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, (int, float, Decimal)):
        return str(valeur).replace(".", ",")
    return str(valeur)


def ecrire_texte(colonnes: list[str], lignes: list[list[object]]) -> str:
    """Texte CSV (BOM compris) d'un tableau à en-têtes."""
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, dialect=ExcelFrance)
    ecrivain.writerow([cellule(c) for c in colonnes])
    for ligne in lignes:
        ecrivain.writerow([cellule(c) for c in ligne])
    return BOM + sortie.getvalue()


def lire_texte(texte: str) -> list[list[str]]:
    """Lignes non vides d'un texte CSV (``;``, ou ``,`` si la première ligne n'a pas de ``;``).

    Lève ``csv.Error`` sur un fichier abîmé (guillemet non fermé, caractère nul)."""
    source = texte.removeprefix(BOM)
    premiere = source.splitlines()[0] if source else ""
    separateur = "," if "," in premiere and ";" not in premiere else ";"
    lecteur = csv.reader(io.StringIO(source, newline=""), dialect=ExcelFrance, delimiter=separateur)
    return [ligne for ligne in lecteur if any(c.strip() for c in ligne)]


def normaliser(texte: str) -> str:
    """En-tête comparable : sans accents, en minuscules, espaces réduits."""
    sans_accents = "".join(c for c in unicodedata.normalize("NFD", texte) if not unicodedata.combining(c))
    return " ".join(sans_accents.lower().split())


def _textes(valeur: object, champ: str, erreurs: list[Erreur]) -> list[str]:
    if not isinstance(valeur, list) or not all(isinstance(v, str) for v in valeur):
        erreurs.append(Erreur(champ, f"liste de textes attendue, reçu {recu(valeur)}"))
        return []
    return valeur


def ecrire(entree: dict, parametres: dict) -> dict:
    """Calculateur ``csv_ecrire`` : colonnes et lignes → texte CSV Excel France."""
    erreurs: list[Erreur] = []
    colonnes = _textes(entree.get("colonnes"), "colonnes", erreurs)
    lignes = entree.get("lignes", [])
    if not isinstance(lignes, list):
        erreurs.append(Erreur("lignes", f"liste de lignes attendue, reçu {recu(lignes)}"))
        lignes = []
    for i, ligne in enumerate(lignes):
        if not isinstance(ligne, list):
            erreurs.append(Erreur(f"lignes[{i}]", f"liste de cellules attendue, reçu {recu(ligne)}"))
        elif any(isinstance(c, (dict, list)) for c in ligne):
            erreurs.append(Erreur(f"lignes[{i}]", "cellule attendue (texte, nombre ou vide), reçu une liste ou un objet"))
    if erreurs:
        raise EntreeInvalide(erreurs)
    return {"texte": ecrire_texte(colonnes, lignes)}


def _colonnes_demandees(valeur: object) -> list[tuple[str, bool]]:
    if not isinstance(valeur, list) or not valeur:
        raise EntreeInvalide([Erreur("colonnes", f"liste de colonnes attendue, reçu {recu(valeur)}")])
    colonnes = []
    for i, colonne in enumerate(valeur):
        if not isinstance(colonne, dict) or not isinstance(colonne.get("titre"), str):
            raise EntreeInvalide([Erreur(f"colonnes[{i}]", 'objet {"titre": texte} attendu')])
        colonnes.append((colonne["titre"], colonne.get("facultative") is True))
    return colonnes


def lire(entree: dict, parametres: dict) -> dict:
    """Calculateur ``csv_lire`` : texte CSV → cellules des colonnes demandées, ligne par ligne.

    Un fichier vide, abîmé ou étranger (colonne obligatoire absente) est refusé par une erreur
    ``texte`` qui nomme le fichier et la ligne : l'appelant n'écrase alors rien."""
    fichier = entree.get("fichier") if isinstance(entree.get("fichier"), str) else "fichier"
    colonnes = _colonnes_demandees(entree.get("colonnes"))
    texte = entree.get("texte")
    if not isinstance(texte, str):
        raise EntreeInvalide([Erreur("texte", f"texte du fichier attendu, reçu {recu(texte)}")])
    if len(texte) > TAILLE_MAX:
        raise EntreeInvalide([Erreur("texte", f"{fichier} : fichier trop gros pour un tableau de calculateur.")])
    try:
        if "\x00" in texte:  # fichier binaire (tableur .xlsx, image…) lu comme du texte
            raise csv.Error("caractère nul")
        tableau = lire_texte(texte)
    except csv.Error:
        raise EntreeInvalide([Erreur("texte", f"{fichier} : fichier CSV abîmé ou d'un autre type (guillemet non fermé ou caractère illisible).")]) from None
    if not tableau:
        raise EntreeInvalide([Erreur("texte", f"{fichier} : fichier vide.")])
    entetes = [normaliser(e) for e in tableau[0]]
    positions = [entetes.index(normaliser(titre)) if normaliser(titre) in entetes else -1 for titre, _ in colonnes]
    absentes = [f"« {titre} »" for (titre, facultative), p in zip(colonnes, positions, strict=True) if p < 0 and not facultative]
    if absentes:
        s = "s" if len(absentes) > 1 else ""
        raise EntreeInvalide([Erreur("texte", f"{fichier}, ligne 1 : colonne{s} manquante{s} : {', '.join(absentes)}.")])
    lignes = [
        [None if p < 0 else (ligne[p].strip() if p < len(ligne) else "") for p in positions]
        for ligne in tableau[1:]
    ]
    return {"lignes": lignes}
