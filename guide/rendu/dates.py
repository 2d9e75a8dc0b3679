"""Date de dernière mise à jour d'une page : celle du dernier commit git de son fichier source.

Le fichier source est le YAML du module pour une page générée (``guide_source``), le fichier
Markdown de docs/ sinon. Repli, quand git ne peut pas répondre (pas de git, fichier jamais commité,
clone superficiel dont l'historique est tronqué) : la date de la dernière entrée du journal de
``modules/communs/publication.yml`` (``guide.donnees.chemins.FICHIER_PUBLICATION``).

>>> dates_des_fichiers("\\x002026-11-20\\n\\ndocs/a.md\\nmodules/b.yml\\n\\x002026-11-01\\n\\ndocs/a.md\\n")
{'docs/a.md': datetime.date(2026, 11, 20), 'modules/b.yml': datetime.date(2026, 11, 20)}
"""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterable
from pathlib import Path

__all__ = ["MOIS", "MiseAJour", "date_de_publication", "date_fr", "dates_des_fichiers", "dates_git", "mise_a_jour",
           "mise_a_jour_page"]

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")


def date_fr(valeur) -> str:
    """Date en toutes lettres : « 11 mars 2025 », « mars 2025 ».

    >>> date_fr(datetime.date(2025, 3, 1)), date_fr("2025-03"), date_fr("2026-11-22")
    ('1er mars 2025', 'mars 2025', '22 novembre 2026')
    """
    if isinstance(valeur, str):
        parties = [int(p) for p in valeur.split("-")]
        if len(parties) == 2:
            return f"{MOIS[parties[1] - 1]} {parties[0]}"
        valeur = datetime.date(*parties)
    jour = "1er" if valeur.day == 1 else str(valeur.day)
    return f"{jour} {MOIS[valeur.month - 1]} {valeur.year}"


class MiseAJour(tuple):
    """``(date, origine)`` : origine = « git » ou « journal » (date de publication, en repli)."""

    @property
    def date(self) -> datetime.date:
        return self[0]

    @property
    def texte(self) -> str:
        """« 22 novembre 2026 »."""
        return date_fr(self[0])

    @property
    def iso(self) -> str:
        return self[0].isoformat()


def date_de_publication(publication: dict) -> datetime.date:
    """Date de la dernière entrée du journal de publication.yml.

    >>> date_de_publication({"journal": [{"date": datetime.date(2026, 1, 2)}, {"date": "2026-11-22"}]})
    datetime.date(2026, 11, 22)
    """
    dates = [e["date"] if isinstance(e["date"], datetime.date) else datetime.date.fromisoformat(str(e["date"]))
             for e in publication["journal"]]
    return max(dates)


def dates_des_fichiers(sortie_git_log: str) -> dict[str, datetime.date]:
    """Analyse ``git log --format=%x00%cs --name-only`` : chemin -> date de son commit le plus récent."""
    dates: dict[str, datetime.date] = {}
    for bloc in sortie_git_log.split("\x00")[1:]:
        lignes = bloc.splitlines()
        if not lignes:
            continue
        date = datetime.date.fromisoformat(lignes[0].strip())
        for chemin in lignes[1:]:
            if chemin.strip():
                dates.setdefault(chemin.strip(), date)  # le log va du plus récent au plus ancien
    return dates


def _git(racine: Path, *arguments: str) -> str | None:
    try:
        resultat = subprocess.run(["git", "-C", str(racine), *arguments], capture_output=True, text=True,
                                  timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return resultat.stdout if resultat.returncode == 0 else None


def _dates_du_depot(racine: Path) -> dict[str, datetime.date]:
    sortie = _git(racine, "-c", "core.quotepath=off", "log", "--format=%x00%cs", "--name-only", "--no-renames", "HEAD")
    return dates_des_fichiers(sortie) if sortie else {}


def dates_git(racine: Path | str) -> dict[str, datetime.date]:
    """Chemin (relatif au dépôt) -> date du dernier commit ; vide sans git ou dans un clone superficiel."""
    racine = Path(racine).resolve()
    etat = (_git(racine, "rev-parse", "--is-shallow-repository", "HEAD", "--show-prefix") or "").split("\n")
    if len(etat) < 3 or etat[0] != "false":  # pas de dépôt, pas de commit, ou clone superficiel
        return {}
    prefixe = etat[2]
    dates = _dates_du_depot(racine)
    if prefixe:  # projet dans un sous-dossier du dépôt
        dates = {c[len(prefixe):]: d for c, d in dates.items() if c.startswith(prefixe)}
    return dates


def mise_a_jour(sources: Iterable[str], dates: dict[str, datetime.date], publication: dict) -> MiseAJour:
    """La plus récente des dates git de ``sources`` ; la date de publication si l'une n'a pas de date git.

    >>> pub = {"journal": [{"date": "2026-11-22"}]}
    >>> mise_a_jour(["docs/a.md"], {"docs/a.md": datetime.date(2026, 11, 20)}, pub)
    (datetime.date(2026, 11, 20), 'git')
    >>> mise_a_jour(["docs/a.md", "docs/neuf.md"], {"docs/a.md": datetime.date(2026, 11, 20)}, pub).texte
    '22 novembre 2026'
    """
    sources = list(sources)
    if sources and all(s in dates for s in sources):
        return MiseAJour((max(dates[s] for s in sources), "git"))
    return MiseAJour((date_de_publication(publication), "journal"))


def mise_a_jour_page(page, config, publication: dict, dates: dict[str, datetime.date]) -> MiseAJour:
    """Date de mise à jour d'une page MkDocs (sources : méta ou fichier de docs/), pour ``on_page_context`` ;
    ``dates`` : celles de ``dates_git``, lues une fois par construction."""
    racine = Path(config["config_file_path"]).resolve().parent
    sources = page.meta.get("guide_sources") or ([page.meta["guide_source"]] if page.meta.get("guide_source") else [])
    if not sources:
        chemin = Path(config["docs_dir"]).resolve() / page.file.src_uri
        sources = [chemin.relative_to(racine).as_posix() if chemin.is_relative_to(racine) else str(chemin)]
    return mise_a_jour(sources, dates, publication)
