"""Modulation de la dotation selon l'activité (CPOM BFC § 4.2, art. R. 314-43-2 du CASF).

Par établissement ou service (ESMS) :

1. activité théorique = capacité × jours d'ouverture théoriques — jours donnés par la catégorie
   (paramètres ``jours_ouverture``) ou fournis (``jours_ouverture`` : 366, structure expérimentale) ;
   ou ``activite_theorique`` fournie directement (activité en actes ou en file active) ;
2. taux d'activité = activité réalisée ÷ activité théorique × 100 ;
3. écart en points = max(0 ; taux cible − taux d'activité) ;
4. taux d'abattement = taux d'abattement par point (0,5 %) × écart, plafonné à 100 % ;
5. montant de l'abattement = dotation × taux d'abattement ÷ 100 ; dotation après abattement.

Règle d'arrondi : chaque grandeur affichée est arrondie au demi supérieur (taux et points à
2 décimales, euros au centime) et la grandeur suivante est calculée sur la valeur arrondie
affichée (l'écart sur le taux d'activité affiché, le montant sur le taux d'abattement affiché),
pour que les chiffres affichés s'enchaînent. Les totaux sont les sommes des lignes affichées.

Le résultat est une simulation indicative d'un abattement maximal, pas une décision tarifaire.
"""

from __future__ import annotations

from decimal import Decimal

from calculators import parametres as lire
from calculators.entrees import Lecteur
from calculators.nombres import arrondir, en_json, francais

__all__ = ["BASES", "calculer", "ligne"]

BASES = ("categorie", "jours_ouverture", "activite_theorique")
MAX_ETABLISSEMENTS = 500
MAX_EUROS = Decimal("1e12")


def ligne(theorique: Decimal, realisee: Decimal, cible: Decimal, dotation: Decimal, par_point: Decimal) -> dict[str, Decimal]:
    """Calcul d'un ESMS (valeurs arrondies comme affichées).

    >>> r = ligne(Decimal(29200), Decimal(27740), Decimal(98), Decimal(1000000), Decimal("0.5"))
    >>> [str(r[c]) for c in ("taux_activite", "ecart_points", "taux_abattement", "montant_abattement")]
    ['95.00', '3.00', '1.50', '15000.00']
    """
    taux = arrondir(realisee / theorique * 100)
    ecart = max(Decimal(0), arrondir(cible - taux))
    taux_abattement = min(Decimal(100), arrondir(par_point * ecart))
    montant = arrondir(dotation * taux_abattement / 100)
    return {
        "activite_theorique": arrondir(theorique),
        "taux_activite": taux,
        "ecart_points": ecart,
        "taux_abattement": taux_abattement,
        "montant_abattement": montant,
        "dotation_apres_abattement": arrondir(dotation) - montant,
    }


def _theorique(lecteur: Lecteur, esms: dict, chemin: str, jours: dict[str, int]) -> Decimal | None:
    fournies = [base for base in BASES if esms.get(base) not in (None, "")]
    if len(fournies) != 1:
        recues = ", ".join(fournies) if fournies else "aucune"
        lecteur.erreur(chemin, f"une seule base attendue parmi categorie, jours_ouverture, activite_theorique (reçu : {recues})")
        return None
    base = fournies[0]
    if base == "activite_theorique":
        return lecteur.nombre(esms, base, f"{chemin}.{base}", minimum=0, strict=True)
    if base == "categorie":
        categorie = lecteur.choix(esms, base, f"{chemin}.{base}", list(jours), "catégorie inconnue")
        nombre_jours = Decimal(jours[categorie]) if categorie else None
    else:
        nombre_jours = lecteur.nombre(esms, base, f"{chemin}.{base}", minimum=1, maximum=366, entier=True)
    capacite = lecteur.nombre(esms, "capacite", f"{chemin}.capacite", minimum=0, strict=True)
    if capacite is None or nombre_jours is None:
        return None
    return capacite * nombre_jours


def calculer(entree: dict, parametres: dict) -> dict:
    """``{"etablissements": [...]}`` → abattement par ESMS et total sur la dotation globalisée commune."""
    jours = lire.jours_par_categorie(parametres)
    par_point, reference = lire.modulation(parametres)
    lecteur = Lecteur()
    lignes = []
    for chemin, esms in lecteur.elements(entree, "etablissements", "etablissements", maximum=MAX_ETABLISSEMENTS):
        lu = (
            lecteur.texte(esms, "nom", f"{chemin}.nom"),
            _theorique(lecteur, esms, chemin, jours),
            lecteur.nombre(esms, "activite_realisee", f"{chemin}.activite_realisee", minimum=0),
            lecteur.nombre(esms, "taux_cible", f"{chemin}.taux_cible", minimum=0, maximum=100),
            lecteur.nombre(esms, "dotation", f"{chemin}.dotation", minimum=0, maximum=MAX_EUROS),
        )
        if None not in lu:
            lignes.append(lu)
    lecteur.terminer()

    etablissements = []
    total = {"dotation": Decimal(0), "montant_abattement": Decimal(0), "dotation_apres_abattement": Decimal(0)}
    for nom, theorique, realisee, cible, dotation in lignes:
        calcul = ligne(theorique, realisee, cible, dotation, par_point)
        etablissements.append({"nom": nom, **{cle: en_json(valeur) for cle, valeur in calcul.items()}})
        total["dotation"] += arrondir(dotation)
        total["montant_abattement"] += calcul["montant_abattement"]
        total["dotation_apres_abattement"] += calcul["dotation_apres_abattement"]
    return {
        "etablissements": etablissements,
        "total": {cle: en_json(valeur) for cle, valeur in total.items()},
        "avertissement": (
            f"Simulation indicative d'un abattement maximal ({reference}) : ce n'est pas une décision tarifaire."
        ),
        "regle": (
            f"Abattement de {francais(par_point)} % de la dotation par point d'activité non réalisé "
            "(écart entre le taux cible et le taux d'activité, arrondi à 2 décimales), "
            "montant arrondi au centime ; aucun abattement à ou au-dessus de la cible."
        ),
    }

