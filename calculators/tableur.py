r"""CSV « Excel France », le seul dialecte du projet (navigateur et ligne de commande) : séparateur
``;``, virgule décimale, fin de ligne CRLF, UTF-8 avec BOM (Excel reconnaît alors l'encodage).

Fonctions du dossier (``calculators/sorties.py``) : ``ecrire``, ``lire``, ``nombre``, ``date``.

Deux « calculateurs » du contrat (``calculators/contrat.py``), appelés par le navigateur pour l'export
et l'import des tableaux des calculateurs seuls (``docs/assets/js/calculateurs.js``) :

- ``csv_ecrire`` : ``{"colonnes": [titre, …], "lignes": [[cellule, …], …]}`` → ``{"texte": "…"}`` ;
- ``csv_lire`` : ``{"texte": "…", "fichier": "plan.csv", "colonnes": [{"titre", "facultative"}]}``
  → ``{"lignes": [[cellule ou null, …], …]}`` dans l'ordre des colonnes demandées (``null`` : colonne
  facultative absente du fichier). Les en-têtes sont comparés sans accents, casse ni espaces en trop ;
  un fichier séparé par des virgules (sans ``;`` dans sa première ligne) est aussi accepté.

>>> ecrire([["Taux", nombre(85.98)], ["Échéance", date("2027-06-30")]])
'\ufeffTaux;85,98\r\nÉchéance;30/06/2027\r\n'
>>> lire('\ufeffTaux;"85,98"\r\nA;"x;y"\r\n')
[['Taux', '85,98'], ['A', 'x;y']]
>>> ecrire_tableau(["Libellé", "%"], [["Répit; aidants", 12.5]])
'\ufeffLibellé;%\r\n"Répit; aidants";12,5\r\n'
"""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal

from calculators.entrees import recu
from calculators.erreurs import EntreeInvalide, Erreur
from calculators.nombres import arrondir, decimal_exact

__all__ = ["BOM", "csv_ecrire", "csv_lire", "date", "ecrire", "ecrire_tableau", "lire", "lire_import", "nombre", "normaliser"]

BOM = "\ufeff"
TAILLE_MAX = 5_000_000  # caractères : au-delà, le fichier n'est pas un export d'un calculateur
ABIME = "fichier CSV abîmé ou d'un autre type (guillemet non fermé ou caractère illisible)."


class ExcelFrance(csv.excel):
    delimiter = ";"
    lineterminator = "\r\n"


class ExcelFranceStrict(ExcelFrance):
    """À l'import : un guillemet non fermé est une erreur, pas une cellule qui avale la fin du fichier."""

    strict = True


def ecrire(lignes: list[list[object]]) -> str:
    """Texte CSV (avec BOM) ; ``None`` donne une cellule vide."""
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, dialect=ExcelFrance)
    for ligne in lignes:
        ecrivain.writerow(["" if cellule is None else cellule for cellule in ligne])
    return BOM + sortie.getvalue()


def lire(texte: str) -> list[list[str]]:
    """Lignes d'un texte CSV de ce dialecte (BOM facultatif) ; les lignes vides sont ignorées."""
    return [ligne for ligne in csv.reader(io.StringIO(texte.removeprefix(BOM)), dialect=ExcelFrance) if ligne]


def nombre(valeur: float | int | None, decimales: int = 2) -> str:
    """Nombre à virgule décimale, sans séparateur de milliers (``1234,5`` → ``"1234,50"``)."""
    if valeur is None:
        return ""
    return format(arrondir(decimal_exact(valeur), decimales), "f").replace(".", ",")


def date(iso: str | None) -> str:
    """``AAAA-MM-JJ`` → ``JJ/MM/AAAA``."""
    if not iso:
        return ""
    annee, mois, jour = iso.split("-")
    return f"{jour}/{mois}/{annee}"


# ------------------------------------------------------------ tableaux des calculateurs seuls


def cellule(valeur: object) -> str:
    """Texte d'une cellule : nombre tel quel à virgule décimale, ``None`` vide, texte tel quel."""
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, (int, float, Decimal)):
        return str(valeur).replace(".", ",")
    return str(valeur)


def ecrire_tableau(colonnes: list[str], lignes: list[list[object]]) -> str:
    """Texte CSV (BOM compris) d'un tableau à en-têtes."""
    return ecrire([[cellule(c) for c in colonnes], *([cellule(c) for c in ligne] for ligne in lignes)])


def lire_import(texte: str) -> list[list[str]]:
    """Lignes non vides d'un fichier importé (``;``, ou ``,`` si la première ligne n'a pas de ``;``).

    Lève ``csv.Error`` sur un fichier abîmé (guillemet non fermé, caractère nul)."""
    if "\x00" in texte:  # fichier binaire (tableur .xlsx, image…) lu comme du texte
        raise csv.Error("caractère nul")
    source = texte.removeprefix(BOM)
    premiere = source.splitlines()[0] if source else ""
    separateur = "," if "," in premiere and ";" not in premiere else ";"
    lecteur = csv.reader(io.StringIO(source, newline=""), dialect=ExcelFranceStrict, delimiter=separateur)
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


def csv_ecrire(entree: dict, parametres: dict) -> dict:
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
    return {"texte": ecrire_tableau(colonnes, lignes)}


def _colonnes_demandees(valeur: object) -> list[tuple[str, bool]]:
    if not isinstance(valeur, list) or not valeur:
        raise EntreeInvalide([Erreur("colonnes", f"liste de colonnes attendue, reçu {recu(valeur)}")])
    colonnes = []
    for i, colonne in enumerate(valeur):
        if not isinstance(colonne, dict) or not isinstance(colonne.get("titre"), str):
            raise EntreeInvalide([Erreur(f"colonnes[{i}]", 'objet {"titre": texte} attendu')])
        colonnes.append((colonne["titre"], colonne.get("facultative") is True))
    return colonnes


def csv_lire(entree: dict, parametres: dict) -> dict:
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
        tableau = lire_import(texte)
    except csv.Error:
        raise EntreeInvalide([Erreur("texte", f"{fichier} : {ABIME}")]) from None
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
