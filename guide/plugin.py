"""Greffon MkDocs du guide (``plugins: [guide]`` dans mkdocs.yml, point d'entrée dans pyproject.toml).

Il ne fait que déléguer aux trois couches de guide/ :

- on_config : charge et valide tout le YAML (rien n'est publié s'il y a une erreur) et complète la
  navigation (modules et fiches, calculateurs d'indicateurs) ;
- on_files : ajoute les pages générées (modules, fiches, calculateurs d'indicateurs, guide complet) ;
- on_page_markdown : liens internes relatifs et infobulles des sigles du glossaire ;
- on_page_context : date de mise à jour et lien « Modifier cette page » vers le YAML d'origine ;
- on_page_content : typographie française du contenu (guide.rendu.typographie), lue ensuite par
  l'index de recherche ; en aperçu, bandeau des erreurs du YAML en tête de chaque page ;
- on_post_page, on_post_template : typographie de la page entière (titre, navigation, pied de page ;
  le contenu, déjà traité, est recopié tel quel), donc aussi de /guide-complet/ dont le PDF est imprimé ;
- on_post_build : moteur Python du navigateur, données ouvertes, PDF, puis CSP et pré-compression.

Aperçu (``mkdocs serve``) : un YAML cassé pendant l'aperçu n'arrête pas le serveur ; les pages sont
construites avec le dernier YAML valide et chacune montre, en tête, les erreurs situées
(``fichier:ligne:colonne``), jusqu'à la correction. Au premier démarrage, un YAML cassé arrête
``mkdocs serve`` avec les mêmes messages, comme ``mkdocs build``.

L'état d'une construction (référentiel, pages du guide complet) est porté par l'instance et remis à
zéro à chaque ``on_config`` : ``mkdocs serve`` garde l'instance d'une reconstruction à l'autre.

Options (mkdocs.yml), chacune oui/non ; absente, elle suit la commande : tout est fait par
``mkdocs build`` (publication), rien par ``mkdocs serve`` (aperçu rapide) :

    plugins:
      - guide:
          pdf: true             # PDF du guide complet (Chromium, ~5 s)
          csp: true             # politique CSP sur chaque page et extraits de configuration des serveurs
          precompression: true  # variantes .gz et .br des fichiers du site
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from guide.donnees.chemins import NOM_PDF
from guide.donnees.erreurs import ErreurReferentiel
from guide.donnees.referentiel import Referentiel, charger_referentiel, parametres_calculateurs
from guide.publication import export, finalisation, navigateur, pdf
from guide.rendu import apercu, dates, guide_complet, pages, postrendu, typographie

__all__ = ["GuideConfig", "GuidePlugin"]

log = logging.getLogger("mkdocs.plugins.guide")
# Hors de la hiérarchie « mkdocs » : en mode strict, MkDocs compterait ces lignes comme des
# avertissements et abandonnerait la reconstruction de l'aperçu.
log_apercu = logging.getLogger("guide.apercu")
GENERE_PAR = "guide"
COMMANDE_APERCU = "serve"


class GuideConfig(Config):
    """Options du greffon ; ``None`` (absente) : oui pour ``mkdocs build``, non pour ``mkdocs serve``."""

    pdf = c.Optional(c.Type(bool))
    csp = c.Optional(c.Type(bool))
    precompression = c.Optional(c.Type(bool))


class GuidePlugin(BasePlugin[GuideConfig]):
    """Construit le guide depuis modules/ ; l'état de la construction en cours est sur l'instance."""

    def __init__(self) -> None:
        super().__init__()
        self.commande: str | None = None          # « build », « serve », « gh-deploy » (None : appel direct)
        self.referentiel: Referentiel | None = None
        self.dates_git: dict | None = None        # chemin -> date du dernier commit, lu une fois par construction
        self.incluses: set[str] = set()           # pages reprises dans /guide-complet/
        # Aperçu : gardés d'une reconstruction à l'autre (MkDocs garde l'instance, car on_startup existe)
        self.dernier_valide: Referentiel | None = None
        self.erreurs_apercu: list[str] = []      # erreurs situées du YAML refusé, montrées dans les pages

    # ------------------------------------------------------------------ options

    def active(self, option: str) -> bool:
        """Valeur effective d'une option : celle de mkdocs.yml, sinon non en aperçu, oui sinon."""
        valeur = self.config[option]
        return (self.commande != COMMANDE_APERCU) if valeur is None else valeur

    # ------------------------------------------------------------------ événements

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.commande = command

    @event_priority(100)  # avant mkdocs-macros, dont define_env (macros.py) lit self.referentiel
    def on_config(self, config):
        self.referentiel, self.incluses, self.dates_git = None, set(), None
        self.erreurs_apercu = []
        racine = Path(config.config_file_path).resolve().parent
        try:
            ref = charger_referentiel(racine, strict=bool(config.strict))
        except ErreurReferentiel as exc:
            if self.commande != COMMANDE_APERCU or self.dernier_valide is None:
                raise PluginError(exc.rapport()) from None
            log_apercu.error("%s\nL'aperçu garde la dernière version valide jusqu'à la correction.", exc.rapport())
            self.erreurs_apercu = [str(e) for e in exc.erreurs]
            ref = self.dernier_valide
        else:
            self.dernier_valide = ref
        self.referentiel = ref
        for avertissement in ref.avertissements:
            log.warning(str(avertissement))
        docs = Path(config.docs_dir)
        if config.nav:
            config.nav = pages.completer_nav(config.nav, ref, lambda chemin: (docs / chemin).is_file())
        return config

    def on_files(self, files, config):
        for page in pages.pages_generees(self.referentiel):
            if files.get_file_from_path(page.chemin) is not None:
                raise PluginError(f"docs/{page.chemin} existe déjà : cette page est générée depuis {page.source}, "
                                  "supprimez le fichier écrit à la main.")
            self._ajouter(files, config, page.chemin, page.contenu())
        docs = Path(config.docs_dir)
        contenu, self.incluses = guide_complet.page(self.referentiel, config.nav or [],
                                                    lambda chemin: (docs / chemin).read_text(encoding="utf-8"),
                                                    config.site_description or "")
        self._ajouter(files, config, guide_complet.CHEMIN, contenu)
        return files

    @staticmethod
    def _ajouter(files, config, chemin: str, contenu: str) -> None:
        fichier = File.generated(config, chemin, content=contenu)
        fichier.generated_by = GENERE_PAR
        files.append(fichier)

    def section_guide_complet(self, texte: str, chemin: str, niveau: int = 2,
                              classe: str = guide_complet.CLASSE_SAUT) -> str:
        """Filtre Jinja ``guide_complet_section`` (macros.py) : pages incluses de la construction en cours."""
        return guide_complet.section(texte, chemin, niveau, classe, self.incluses)

    def on_env(self, env, config, files):
        env.globals["guide_pdf"] = NOM_PDF if self.active("pdf") else None  # lien du pied de page
        return env

    @event_priority(-100)  # après le rendu des macros
    def on_page_markdown(self, markdown, page, config, files):
        markdown = postrendu.resoudre_liens(markdown, page.file.src_uri)
        return postrendu.ajouter_abreviations(markdown, list(self.referentiel.sigles))

    def on_page_content(self, html, page, config, files):
        html = typographie.typographier_html(html)
        if self.erreurs_apercu:
            return apercu.bandeau(self.erreurs_apercu) + html
        return html

    def on_post_page(self, output, page, config):
        # le contenu (page.content) a déjà été traité par on_page_content : seul le reste est lu
        return typographie.typographier_autour(output, page.content or "")

    def on_post_template(self, output_content, template_name, config):
        return typographie.typographier_html(output_content) if template_name.endswith(".html") else output_content

    def on_page_context(self, context, page, config, nav):
        source = page.meta.get("guide_source")
        if source:
            page.edit_url = adresse_modification(config, source)
        if self.dates_git is None:
            self.dates_git = dates.dates_git(Path(config.config_file_path).resolve().parent)
        context["guide_mise_a_jour"] = dates.mise_a_jour_page(page, config, self.referentiel.publication, self.dates_git)
        return context

    def on_serve(self, server, config, builder):
        server.watch(str(Path(config.config_file_path).resolve().parent / "modules"))
        return server

    def on_post_build(self, config):
        racine = Path(config.config_file_path).resolve().parent
        site = Path(config.site_dir)
        navigateur.publier_moteur(racine, site, parametres_calculateurs(self.referentiel))
        export.ecrire_donnees(site, self.referentiel)
        if self.active("pdf"):
            pdf.publier_pdf(site, config.site_url)
        # CSP puis compression : toujours en dernier (voir guide.publication.finalisation)
        finalisation.finaliser_site(site, avec_csp=self.active("csp"), avec_precompression=self.active("precompression"),
                                    gabarits=config.theme.dirs)


def adresse_modification(config, source: str) -> str | None:
    """Adresse d'édition du YAML source, seulement si repo_url et edit_uri sont configurés."""
    if not config.repo_url or not config.edit_uri:
        return None
    base = posixpath.join(config.repo_url, config.edit_uri) if "://" not in config.edit_uri else config.edit_uri
    dossier_docs = Path(config.docs_dir).name
    base = base.rstrip("/")
    if base.endswith("/" + dossier_docs):  # edit_uri vise docs/ ; le YAML est à la racine du dépôt
        base = base[: -len(dossier_docs) - 1]
    return f"{base}/{source}"
