"""Hooks MkDocs du guide : uniquement des gestionnaires d'événements qui délèguent à guide/.

- on_config : charge et valide tout le YAML (rien n'est publié s'il y a une erreur) et complète la
  navigation (modules et fiches, calculateurs d'indicateurs) ;
- on_files : ajoute les pages générées (modules, fiches, calculateurs d'indicateurs) ;
- on_page_markdown : liens internes relatifs et infobulles des sigles du glossaire ;
- on_page_context : lien « Modifier cette page » vers le fichier YAML d'origine ;
- on_post_build : publie le moteur Python du navigateur (guide.navigateur), les données ouvertes
  (guide.export) et le PDF du guide complet (guide.pdf).
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from guide import dates, export, finalisation, guide_complet, navigateur, pages, pdf, postrendu, referentiel
from guide.erreurs import ErreurReferentiel

log = logging.getLogger("mkdocs.plugins.guide")
GENERE_PAR = "guide"


def _ref():
    return referentiel.referentiel_du_projet()


@event_priority(100)
def on_config(config):
    racine = Path(config.config_file_path).resolve().parent
    referentiel.utiliser_racine(racine)
    referentiel.oublier()
    try:
        ref = referentiel.charger_referentiel(racine, strict=bool(config.strict))
    except ErreurReferentiel as exc:
        raise PluginError(exc.rapport()) from None
    referentiel.mettre_en_cache(ref)
    for avertissement in ref.avertissements:
        log.warning(str(avertissement))
    docs = Path(config.docs_dir)
    if config.nav:
        config.nav = pages.completer_nav(config.nav, ref, lambda chemin: (docs / chemin).is_file())
    return config


def on_files(files, config):
    for page in pages.pages_generees(_ref()):
        if files.get_file_from_path(page.chemin) is not None:
            raise PluginError(f"docs/{page.chemin} existe déjà : cette page est générée depuis {page.source}, "
                              "supprimez le fichier écrit à la main.")
        fichier = File.generated(config, page.chemin, content=page.contenu())
        fichier.generated_by = GENERE_PAR
        files.append(fichier)
    guide_complet.page_generee(files, config)
    return files


@event_priority(-100)  # après le rendu des macros
def on_page_markdown(markdown, page, config, files):
    markdown = postrendu.resoudre_liens(markdown, page.file.src_uri)
    return postrendu.ajouter_abreviations(markdown, list(_ref().sigles))


def on_page_context(context, page, config, nav):
    source = page.meta.get("guide_source")
    if source:
        page.edit_url = _adresse_modification(config, source)
    context["guide_mise_a_jour"] = dates.mise_a_jour_page(page, config)
    context["guide_prechargement"] = navigateur.fichiers_a_precharger(config)
    return context


def _adresse_modification(config, source: str) -> str | None:
    """Adresse d'édition du YAML source, seulement si repo_url et edit_uri sont configurés."""
    if not config.repo_url or not config.edit_uri:
        return None
    base = posixpath.join(config.repo_url, config.edit_uri) if "://" not in config.edit_uri else config.edit_uri
    dossier_docs = Path(config.docs_dir).name
    base = base.rstrip("/")
    if base.endswith("/" + dossier_docs):  # edit_uri vise docs/ ; le YAML est à la racine du dépôt
        base = base[: -len(dossier_docs) - 1]
    return f"{base}/{source}"


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).resolve().parent / "modules"))
    return server


def on_post_build(config):
    navigateur.publier_moteur(config)
    export.publier_donnees(config)
    pdf.publier_pdf(config)
    finalisation.finaliser_site(config)  # CSP puis compression : toujours en dernier
