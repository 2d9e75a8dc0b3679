"""Stratégies Hypothesis partagées par les tests de propriétés des calculateurs."""

from decimal import Decimal

from hypothesis import strategies as st

from parametres_essai import PARAMETRES

PHASES = [phase["id"] for phase in PARAMETRES["phases"]]
MODULES = [module["id"] for module in PARAMETRES["modules"]]
TYPES = {module["id"]: [t["id"] for t in module.get("types_actions") or []] for module in PARAMETRES["modules"]}
CATEGORIES = [c for groupe in PARAMETRES["jours_ouverture"] for c in groupe["categories"]]


def decimaux(minimum, maximum, places=2):
    """Décimaux bornés, à ``places`` décimales au plus."""
    return st.decimals(min_value=Decimal(minimum), max_value=Decimal(maximum), places=places, allow_nan=False, allow_infinity=False)


def nombres(minimum, maximum, places=2):
    """Un même nombre écrit comme l'écrirait un formulaire ou un fichier : entier, flottant ou texte français."""
    return decimaux(minimum, maximum, places).flatmap(
        lambda d: st.sampled_from(
            [float(d), str(d).replace(".", ","), str(d)] + ([int(d)] if d == d.to_integral_value() else [])
        )
    )


def casse(texte):
    """Le texte tel quel, en minuscules ou en majuscules (les choix ignorent la casse)."""
    return st.sampled_from([texte, texte.lower(), texte.upper()])


def _action(module):
    """Une action valide du module : son type d'actions est l'un de ceux du module (aucun s'il n'en propose pas)."""
    champs = {
        "libelle": st.text(min_size=1, max_size=30).filter(str.strip),
        "module": st.just(module),
        "secteur": st.sampled_from(["PA", "PH"]).flatmap(casse),
        "phase": st.sampled_from(PHASES),
        "avancement_phase": st.one_of(st.none(), nombres(0, 100, 3)),
    }
    if TYPES[module]:
        champs["type_actions"] = st.sampled_from(TYPES[module]).flatmap(casse)
    return st.fixed_dictionaries(champs)


actions = st.sampled_from(MODULES).flatmap(_action)

entrees_avancement = st.fixed_dictionaries({"actions": st.lists(actions, min_size=1, max_size=25)})

_bases = st.one_of(
    st.fixed_dictionaries({"categorie": st.sampled_from(CATEGORIES).flatmap(casse), "capacite": nombres("0.5", 500)}),
    st.fixed_dictionaries({"jours_ouverture": st.integers(1, 366), "capacite": nombres("0.5", 500)}),
    st.fixed_dictionaries({"activite_theorique": nombres(1, 200000)}),
)

esms = st.tuples(
    _bases,
    st.fixed_dictionaries(
        {
            "nom": st.text(min_size=1, max_size=30).filter(str.strip),
            "activite_realisee": nombres(0, 250000),
            "taux_cible": nombres(0, 100),
            "dotation": nombres(0, 50_000_000),
        }
    ),
).map(lambda paire: {**paire[0], **paire[1]})

entrees_modulation = st.fixed_dictionaries({"etablissements": st.lists(esms, min_size=1, max_size=10)})

entrees_trajectoire = st.fixed_dictionaries(
    {
        "valeur_initiale": nombres(-1000, 100000),
        "cible_finale": nombres(-1000, 100000),
        "annees": st.integers(1, 20),
    }
)

# Valeurs JSON quelconques, pour vérifier qu'aucune entrée ne fait planter le contrat.
json_quelconque = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=20),
        st.sampled_from(["12,5", "NaN", "-1", "EHPAD", "execution", "PA", "1e400", ""]),
    ),
    lambda enfants: st.one_of(
        st.lists(enfants, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["actions", "etablissements", "libelle", "module", "secteur", "phase", "avancement_phase", "type_actions", "nom",
                 "categorie", "capacite", "jours_ouverture", "activite_theorique", "activite_realisee", "taux_cible",
                 "dotation", "id", "valeurs", "valeur_initiale", "cible_finale", "annees", "x"]
            ),
            enfants,
            max_size=6,
        ),
    ),
    max_leaves=20,
)

# Formules autorisées, construites depuis la grammaire (variables a, b, c).
_feuilles = st.one_of(
    st.sampled_from(["a", "b", "c"]),
    st.integers(0, 1000).map(str),
    decimaux(0, 1000, 3).map(str),
)


def _composer(enfants):
    binaire = st.tuples(enfants, st.sampled_from(["+", "-", "*", "/"]), enfants).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    unaire = st.tuples(st.sampled_from(["-", "+"]), enfants).map(lambda t: f"{t[0]}({t[1]})")
    appel = st.one_of(
        enfants.map(lambda e: f"abs({e})"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(enfants, min_size=2, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
    )
    return st.one_of(binaire, unaire, appel)


formules = st.recursive(_feuilles, _composer, max_leaves=12).filter(lambda f: len(f) <= 500)
