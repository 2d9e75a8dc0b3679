r"""CSV « Excel France », le seul dialecte du projet (navigateur et ligne de commande) : séparateur
``;``, virgule décimale, fin de ligne CRLF, UTF-8 avec BOM (Excel reconnaît alors l'encodage).

>>> ecrire([["Taux", nombre(85.98)], ["Échéance", date("2027-06-30")]])
'\ufeffTaux;85,98\r\nÉchéance;30/06/2027\r\n'
>>> lire('\ufeffTaux;"85,98"\r\nA;"x;y"\r\n')
[['Taux', '85,98'], ['A', 'x;y']]
"""

from __future__ import annotations

import csv
import io

from calculators.nombres import arrondir, decimal_exact

__all__ = ["BOM", "date", "ecrire", "lire", "nombre"]

BOM = "\ufeff"


class ExcelFrance(csv.excel):
    delimiter = ";"
    lineterminator = "\r\n"


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
