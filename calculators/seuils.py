"""Seuils d'indicateurs : une valeur est-elle du bon côté d'un seuil, et quels seuils sont franchis.

Un seuil est une donnée (``modules/communs/bibliotheque_indicateurs.yml``) : un sens (``superieur``,
``inferieur``, ``entre``, ``egal``), strict ou non, une valeur (ou ``min`` et ``max`` pour
``entre``) et la source qui le fixe. Les fonctions sont pures (aucune lecture de fichier).

>>> seuil = Seuil("superieur", valeur=Decimal(70), strict=True, source="guide-idf")
>>> respecte(Decimal("52.28"), seuil), respecte(Decimal(70), seuil), respecte(Decimal("70.01"), seuil)
(False, False, True)
>>> texte(seuil, "%")
'> 70\\xa0%'
>>> texte(Seuil("entre", minimum=Decimal(5), maximum=Decimal(10)), "%")
'entre 5\\xa0% et 10\\xa0%'
>>> respecte("Non", Seuil("egal", valeur="Oui"))
False

``ecarts`` prépare l'autodiagnostic : à partir de chiffres ``{id: valeur}``, la liste des seuils
franchis, chacun avec sa source.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calculators.entrees import Lecteur, recu
from calculators.nombres import arrondir, francais

__all__ = [
    "BORNE",
    "COMPARATEURS",
    "OUI_NON",
    "SENS",
    "Seuil",
    "calculer",
    "depuis_comparateur",
    "ecarts",
    "lire",
    "lire_oui_non",
    "respecte",
    "texte",
]

SENS = ("superieur", "inferieur", "entre", "egal")
OUI_NON = ("Oui", "Non")
BORNE = Decimal("1e12")
# Comparateur écrit par l'utilisateur (ou dans une fiche e-CARS) -> (sens, strict).
COMPARATEURS = {
    ">": ("superieur", True),
    "≥": ("superieur", False),
    ">=": ("superieur", False),
    "<": ("inferieur", True),
    "≤": ("inferieur", False),
    "<=": ("inferieur", False),
    "=": ("egal", False),
}
_SIGNES = {("superieur", True): ">", ("superieur", False): "≥", ("inferieur", True): "<",
           ("inferieur", False): "≤", ("egal", False): "=", ("egal", True): "="}
_ESPACE_UNITE = "\u00a0"  # espace insécable entre un nombre et son unité


@dataclass(frozen=True)
class Seuil:
    """Un seuil : ``valeur`` (nombre, ou « Oui »/« Non » pour ``egal``) ou ``minimum``/``maximum`` (``entre``)."""

    sens: str
    valeur: Decimal | str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    strict: bool = False
    source: str = ""
    lieu: str = ""


def respecte(valeur: Decimal | str, seuil: Seuil) -> bool:
    """``True`` si ``valeur`` est du bon côté du seuil (``strict`` : l'égalité ne suffit pas).

    >>> respecte(Decimal(4300), Seuil("inferieur", valeur=Decimal(4300), strict=True))
    False
    >>> respecte(Decimal(0), Seuil("superieur", valeur=Decimal(0)))
    True
    >>> [respecte(Decimal(x), Seuil("entre", minimum=Decimal(5), maximum=Decimal(10))) for x in (4, 5, 10, 11)]
    [False, True, True, False]
    """
    if seuil.sens == "egal":
        return valeur == seuil.valeur
    if isinstance(valeur, str):
        return False
    if seuil.sens == "superieur":
        return valeur > seuil.valeur if seuil.strict else valeur >= seuil.valeur
    if seuil.sens == "inferieur":
        return valeur < seuil.valeur if seuil.strict else valeur <= seuil.valeur
    if seuil.strict:
        return seuil.minimum < valeur < seuil.maximum
    return seuil.minimum <= valeur <= seuil.maximum


def _nombre(valeur: Decimal, unite: str) -> str:
    return francais(valeur) + (_ESPACE_UNITE + unite if unite else "")


def texte(seuil: Seuil, unite: str = "") -> str:
    """Le seuil écrit à la française : « > 70 % », « ≥ 0 € », « entre 5 % et 10 % », « = Oui »."""
    if seuil.sens == "entre":
        exclues = " (bornes exclues)" if seuil.strict else ""
        return f"entre {_nombre(seuil.minimum, unite)} et {_nombre(seuil.maximum, unite)}{exclues}"
    signe = _SIGNES[(seuil.sens, seuil.strict)]
    if isinstance(seuil.valeur, str):
        return f"{signe} {seuil.valeur}"
    return f"{signe} {_nombre(seuil.valeur, unite)}"


def depuis_comparateur(comparateur: str, valeur: Decimal | str) -> Seuil:
    """Seuil d'un comparateur écrit (« > », « ≥ », « >= », « < », « ≤ », « <= », « = »)."""
    sens, strict = COMPARATEURS[comparateur]
    return Seuil(sens, valeur=valeur, strict=strict)


def lire_oui_non(lecteur: Lecteur, objet: dict, cle: str, champ: str) -> str | None:
    """« Oui » ou « Non » (casse et espaces ignorés) ; sinon une erreur qui nomme le champ."""
    valeur = objet.get(cle)
    if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
        lecteur.erreur(champ, "champ obligatoire manquant")
        return None
    if isinstance(valeur, str):
        for forme in OUI_NON:
            if valeur.strip().casefold() == forme.casefold():
                return forme
    lecteur.erreur(champ, f"« Oui » ou « Non » attendu, reçu {recu(valeur)}")
    return None


def lire(lecteur: Lecteur, objet: dict, chemin: str) -> Seuil | None:
    """Un seuil des paramètres (``{"sens", "strict", "valeur" | "min" + "max", "source", "lieu"}``)."""
    sens = lecteur.choix(objet, "sens", f"{chemin}.sens", list(SENS), "sens de seuil inconnu")
    strict = objet.get("strict", False)
    if not isinstance(strict, bool):
        lecteur.erreur(f"{chemin}.strict", f"booléen attendu, reçu {recu(strict)}")
        strict = False
    source = objet.get("source") if isinstance(objet.get("source"), str) else ""
    lieu = objet.get("lieu") if isinstance(objet.get("lieu"), str) else ""
    if sens == "entre":
        minimum = lecteur.nombre(objet, "min", f"{chemin}.min", minimum=-BORNE, maximum=BORNE)
        maximum = lecteur.nombre(objet, "max", f"{chemin}.max", minimum=-BORNE, maximum=BORNE)
        if minimum is None or maximum is None:
            return None
        if minimum > maximum:
            lecteur.erreur(f"{chemin}.min", f"min ({francais(minimum)}) supérieur à max ({francais(maximum)})")
            return None
        return Seuil(sens, minimum=minimum, maximum=maximum, strict=strict, source=source, lieu=lieu)
    if sens == "egal" and isinstance(objet.get("valeur"), str) and objet["valeur"].strip().casefold() in ("oui", "non"):
        valeur = lire_oui_non(lecteur, objet, "valeur", f"{chemin}.valeur")
    elif sens is not None:
        valeur = lecteur.nombre(objet, "valeur", f"{chemin}.valeur", minimum=-BORNE, maximum=BORNE)
    else:
        return None
    if valeur is None:
        return None
    return Seuil(sens, valeur=valeur, strict=strict, source=source, lieu=lieu)


def ecarts(chiffres: dict, indicateurs: list[dict]) -> list[dict]:
    """Les seuils franchis : ``chiffres`` ``{id: valeur}`` (valeurs déjà lues : ``Decimal`` ou
    « Oui »/« Non »), ``indicateurs`` les définitions lues (``calculators.parametres.indicateur``).

    Rend, dans l'ordre des indicateurs puis de leurs seuils, ``{"id", "libelle", "valeur", "seuil",
    "source", "lieu"}`` pour chaque seuil non respecté.

    >>> occupation = {"id": "idf-occupation-aj", "libelle": "Occupation AJ", "unite": "%",
    ...               "seuils": [Seuil("superieur", valeur=Decimal(70), strict=True, source="guide-idf")]}
    >>> ecarts({"idf-occupation-aj": Decimal("52.28")}, [occupation])[0]["seuil"]
    '> 70\\xa0%'
    >>> ecarts({"idf-occupation-aj": Decimal(71)}, [occupation])
    []
    """
    resultat = []
    for definition in indicateurs:
        if definition["id"] not in chiffres:
            continue
        valeur = chiffres[definition["id"]]
        for seuil in definition.get("seuils", []):
            if not respecte(valeur, seuil):
                resultat.append({
                    "id": definition["id"],
                    "libelle": definition.get("libelle", definition["id"]),
                    "valeur": valeur,
                    "seuil": texte(seuil, definition.get("unite", "")),
                    "source": seuil.source,
                    "lieu": seuil.lieu,
                })
    return resultat


def calculer(entree: dict, parametres: dict) -> dict:
    """Calculateur ``seuils`` : ``{"chiffres": {id: valeur}}`` → seuils franchis et bilan.

    Rend ``{"ecarts": [...], "verifies": n, "sans_seuil": [ids]}`` : ``verifies`` compte les seuils
    confrontés aux chiffres, ``sans_seuil`` les indicateurs saisis qui n'ont pas de seuil.
    """
    from calculators import parametres as lire_parametres
    from calculators.indicateur import lire_valeur, valeur_json

    lecteur = Lecteur()
    chiffres = entree.get("chiffres")
    if chiffres is None:
        lecteur.erreur("chiffres", "champ obligatoire manquant")
    elif not isinstance(chiffres, dict) or not chiffres:
        lecteur.erreur("chiffres", f"objet non vide {{id d'indicateur : valeur}} attendu, reçu {recu(chiffres)}")
    lecteur.terminer()
    connus = lire_parametres.ids_indicateurs(parametres)
    definitions, lues = [], {}
    for id_, valeur in chiffres.items():
        definition = lire_parametres.indicateur(parametres, id_) if id_ in connus else None
        if definition is None:
            lecteur.erreur(f"chiffres.{id_}", "indicateur inconnu")
            continue
        lue = lire_valeur(lecteur, definition, chiffres, id_, f"chiffres.{id_}")
        if lue is not None:  # comparée arrondie, comme la valeur affichée par le calculateur d'indicateur
            definitions.append(definition)
            lues[id_] = lue if isinstance(lue, str) else arrondir(lue, definition["decimales"])
    lecteur.terminer()
    ordre = {id_: rang for rang, id_ in enumerate(connus)}
    definitions.sort(key=lambda d: ordre[d["id"]])
    trouves = ecarts(lues, definitions)
    for ecart in trouves:
        if not isinstance(ecart["valeur"], str):
            definition = next(d for d in definitions if d["id"] == ecart["id"])
            ecart["valeur"] = valeur_json(ecart["valeur"], definition["decimales"])
    return {
        "ecarts": trouves,
        "verifies": sum(len(d["seuils"]) for d in definitions),
        "sans_seuil": [d["id"] for d in definitions if not d["seuils"]],
    }
