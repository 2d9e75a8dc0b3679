// Page « Mon CPOM » : assemble les modules (transport, file de calcul, liaison, stockage, fichiers) et
// affiche la réponse du moteur Python. Aucun calcul ici. Chargé sur toutes les pages ; n'agit que
// sur une page qui contient [data-mon-cpom] (gabarit guide/templates/calculateurs/mon_cpom.html).

import { FileDeCalcul, INCHANGEE, PERIMEE } from "../moteur.js";
import { analyserImport, lireFichier, nomFichier, refusDuMoteur, telecharger, texteExport } from "./fichiers.js";
import { champDe, libelleDe } from "../erreurs.js";
import {
  ajouterLigne, ajusterLignes, cheminFormulaire, dossierVide, horsFormulaire, lire, lireChamps, reattacher, remplirChamps, versDossier, versFormulaire,
} from "./liaison.js";
import { charger, effacer, enregistrer } from "./stockage.js";
import { moteurDuSite } from "../transport.js";

const POURCENT = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const EUROS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

function cloner(racine, nom) {
  return racine.querySelector(`template[data-gabarit="${nom}"]`).content.firstElementChild.cloneNode(true);
}

function element(nom, texte) {
  const e = document.createElement(nom);
  if (texte !== undefined) e.textContent = texte;
  return e;
}

function pourcent(valeur) {
  return valeur === null || valeur === undefined ? "—" : `${POURCENT.format(valeur)} %`;
}

function svgDepuisTexte(texte) {
  const svg = new DOMParser().parseFromString(texte, "image/svg+xml").documentElement;
  return document.importNode(svg, true);
}

function demarrer(racine) {
  const modules = JSON.parse(racine.dataset.modules);
  const diagnostic = JSON.parse(racine.dataset.diagnostic || "[]"); // indicateurs à seuils saisis par ESMS
  const titresSources = JSON.parse(racine.dataset.sources || "{}"); // id de source → titre (publication.yml)
  const formulaire = racine.querySelector("[data-formulaire]");
  const annonce = racine.querySelector("[data-annonce]");
  const etatMoteur = racine.querySelector("[data-etat-moteur]");
  const zones = Object.fromEntries(["erreurs", "avertissements", "bilan", "fragilites", "modulation", "fiches"]
    .map((nom) => [nom, racine.querySelector(`[data-${nom}]`)]));
  const transport = moteurDuSite; // un seul moteur par visite, partagé avec les calculateurs
  // Clé = le dossier lui-même : un « change » qui suit les « input » ne relance rien (voir moteur.js).
  const file = new FileDeCalcul((dossier) => transport.executerObjet("dossier", dossier), { cle: JSON.stringify });
  let dernierResultat = null;
  let hors = { diagnostics: {} };

  transport.surEtat(({ etat, message }) => { etatMoteur.textContent = message; etatMoteur.dataset.etat = etat; });
  const annoncer = (message) => { annonce.textContent = message; };

  const montrer = (dossier) => {
    hors = horsFormulaire(dossier, diagnostic);
    const etat = versFormulaire(dossier, modules);
    ajusterLignes(formulaire, etat);
    remplirChamps(formulaire, etat);
  };
  const dossierSaisi = () => reattacher(versDossier(lireChamps(formulaire), modules), hors);

  async function calculer() {
    const dossier = dossierSaisi();
    const enregistre = enregistrer(localStorage, dossier);
    if (!enregistre.ok) annoncer(enregistre.message);
    racine.dataset.enCours = "oui"; // retiré quand la file est vide : la réponse affichée est la dernière
    let reponse;
    try {
      reponse = await file.demander(dossier);
    } catch (erreur) {
      annoncer(String(erreur.message || erreur));
      reponse = PERIMEE;
    }
    if (reponse !== PERIMEE && reponse !== INCHANGEE) afficher(reponse, dossier);
    if (file.taille === 0) delete racine.dataset.enCours;
  }

  function vider() {
    for (const zone of Object.values(zones)) zone.replaceChildren();
    for (const champ of formulaire.querySelectorAll("[aria-invalid]")) champ.removeAttribute("aria-invalid");
  }

  /** Erreurs du moteur : chacune nomme le champ (ou le groupe) par son libellé, avec un lien qui y
   * mène ; le champ lui-même est marqué aria-invalid. */
  function afficherErreursMoteur(erreurs, dossier) {
    const bloc = cloner(racine, "erreurs");
    for (const e of erreurs) {
      const champ = champDe(formulaire, cheminFormulaire(e.champ || "", dossier));
      const li = element("li");
      const libelle = champ ? libelleDe(champ) : "";
      if (champ && champ.id && libelle) {
        const lien = element("a", libelle);
        lien.href = `#${champ.id}`;
        li.append(lien, ` : ${e.message}`);
      } else {
        li.textContent = `${libelle || e.champ} : ${e.message}`;
      }
      bloc.querySelector("[data-liste]").append(li);
      if (champ && champ.name) champ.setAttribute("aria-invalid", "true");
    }
    zones.erreurs.append(bloc);
  }

  function afficher(reponse, dossier) {
    vider();
    racine.dataset.calculs = String(Number(racine.dataset.calculs || 0) + 1); // nombre de réponses affichées
    racine.dataset.etatCalcul = reponse.ok ? "ok" : "erreurs";
    if (!reponse.ok) {
      dernierResultat = null;
      afficherErreursMoteur(reponse.erreurs, dossier);
      return;
    }
    const r = reponse.resultat;
    dernierResultat = r;
    if (r.avertissements.length) {
      const bloc = cloner(racine, "avertissements");
      for (const texte of r.avertissements) bloc.querySelector("[data-liste]").append(element("li", texte));
      zones.avertissements.append(bloc);
    }
    afficherBilan(r);
    afficherFragilites(r);
    afficherModulation(r);
    afficherFiches(r);
  }

  function afficherBilan(r) {
    const bloc = cloner(racine, "bilan");
    bloc.querySelector("[data-titre]").textContent = `Bilan de l'année ${r.bilan.annee} (${r.bilan.annee_civile})`;
    bloc.querySelector("[data-resume]").textContent = r.og.raison_sociale ? `${r.og.raison_sociale} (FINESS juridique ${r.og.finess_juridique || "—"})` : "";
    bloc.querySelector("[data-liste]").remove();
    for (const m of r.bilan.modules) {
      const article = cloner(racine, "module-bilan");
      article.querySelector("[data-titre]").textContent = m.titre;
      const atteinte = m.atteinte === null ? "" : m.atteinte ? " : cible atteinte" : " : cible non atteinte";
      const valeur = m.valeur === null ? (m.non_calculable ? `non calculable (${m.non_calculable})` : "non renseigné") : pourcent(m.valeur);
      article.querySelector("[data-resume]").textContent = `${m.indicateur} : ${valeur} ; cible ${pourcent(m.cible)}${atteinte}. `
        + `${m.nombre_actions} action(s), dont ${m.actions_realisees.length} réalisée(s).`;
      article.querySelector("[data-graphique]").append(svgDepuisTexte(m.graphique));
      article.querySelector("[data-legende]").textContent = m.tableau.legende;
      const corps = article.querySelector("[data-lignes-tableau]");
      for (const ligne of m.tableau.lignes) {
        const tr = element("tr");
        tr.append(element("th", ligne.annee), element("td", String(ligne.annee_civile)), element("td", ligne.cible), element("td", ligne.valeur), element("td", ligne.ecart));
        tr.firstElementChild.scope = "row";
        corps.append(tr);
      }
      article.querySelector("[data-retard]").textContent = m.actions_en_retard.length
        ? `Actions en retard : ${m.actions_en_retard.map((a) => `${a.libelle} (échéance ${a.echeance}, ${pourcent(a.taux)})`).join(" ; ")}.`
        : "Aucune action en retard.";
      bloc.append(article);
    }
    zones.bilan.append(bloc);
  }

  function afficherFragilites(r) {
    if (!r.fragilites.proposes.length) return;
    const bloc = cloner(racine, "fragilites");
    const decides = new Set((lireChamps(formulaire).points_fragilite || []).map((p) => p && p.diagnostic).filter(Boolean));
    for (const p of r.fragilites.proposes) {
      const sources = p.sources.map((s) => `${titresSources[s.source] || s.source}${s.lieu ? `, ${s.lieu}` : ""}`).join(" ; ");
      const li = element("li", `${p.esms_nom} (${p.esms}) — ${p.libelle} — source : ${sources} `);
      if (!decides.has(p.id)) { // point retenu d'office : l'OG peut le reprendre dans sa liste pour l'écarter ou le dater
        const bouton = element("button", `Reprendre ce point dans la liste (${p.esms})`);
        bouton.type = "button";
        bouton.className = "md-button";
        bouton.dataset.reprendre = p.id;
        bouton.dataset.libelle = p.libelle;
        bouton.dataset.esms = p.esms;
        li.append(bouton);
      }
      bloc.querySelector("[data-liste]").append(li);
    }
    zones.fragilites.append(bloc);
  }

  function afficherModulation(r) {
    if (!r.modulation || !r.modulation.total) return;
    const bloc = cloner(racine, "modulation");
    const t = r.modulation.total;
    bloc.querySelector("[data-resume]").textContent = `Abattement total simulé : ${EUROS.format(t.montant_abattement)} sur ${EUROS.format(t.dotation)} de dotation globalisée commune ; ${r.modulation.avertissement}`;
    for (const e of r.modulation.etablissements) {
      bloc.querySelector("[data-liste]").append(element("li", `${e.nom} (${e.finess}) : taux d'activité ${pourcent(e.taux_activite)}, abattement ${EUROS.format(e.montant_abattement)}`));
    }
    zones.modulation.append(bloc);
  }

  function afficherFiches(r) {
    const bloc = cloner(racine, "fiches");
    for (const fiche of r.fiches) {
      const bouton = element("button", `Télécharger la fiche « ${fiche.titre} » (CSV)`);
      bouton.type = "button";
      bouton.className = "md-button";
      bouton.dataset.fiche = fiche.module;
      const li = element("li");
      li.append(bouton);
      bloc.querySelector("[data-liste]").append(li);
    }
    zones.fiches.append(bloc);
  }

  async function importer(champ) {
    const [fichier] = champ.files;
    champ.value = "";
    if (!fichier) return;
    let texte;
    try {
      texte = await lireFichier(fichier);
    } catch (erreur) {
      annoncer(erreur.message);
      return;
    }
    const lu = analyserImport(texte);
    if (!lu.ok) {
      annoncer(lu.message);
      return;
    }
    const refus = refusDuMoteur(await transport.executerObjet("dossier", lu.dossier));
    if (refus) {
      annoncer(`Import refusé : ${refus}`);
      return;
    }
    montrer(lu.dossier);
    annoncer(`Dossier « ${fichier.name} » importé.`);
    await calculer();
  }

  function supprimerLigne(chemin, ligne) {
    const rang = [...ligne.parentElement.children].indexOf(ligne);
    const etat = lireChamps(formulaire);
    (lire(etat, chemin) || []).splice(rang, 1);
    ajusterLignes(formulaire, etat);
    remplirChamps(formulaire, etat);
    racine.querySelector(`[data-ajouter="${chemin}"]`).focus();
    annoncer("Ligne supprimée.");
  }

  racine.addEventListener("click", (evenement) => {
    const lien = evenement.target.closest("[data-erreurs] a[href^='#']");
    if (lien) { // lien d'une erreur : le focus va au champ (un lien d'ancre seul ne fait que défiler)
      const cible = formulaire.querySelector(`#${CSS.escape(lien.getAttribute("href").slice(1))}`);
      // un groupe (fieldset) ne prend pas le focus : son premier contrôle le reçoit
      const champ = cible && cible.matches("fieldset") ? cible.querySelector("input:not([type=hidden]), select, textarea") : cible;
      if (champ) {
        evenement.preventDefault();
        champ.focus();
      }
      return;
    }
    const bouton = evenement.target.closest("button");
    if (!bouton) return;
    if (bouton.dataset.ajouter) {
      const ligne = ajouterLigne(formulaire, bouton.dataset.ajouter);
      ligne.querySelector("input:not([type=hidden]), select, textarea").focus();
      calculer();
    } else if (bouton.dataset.supprimer) {
      supprimerLigne(bouton.dataset.supprimer, bouton.closest("[data-lignes] > *"));
      calculer();
    } else if (bouton.dataset.reprendre) {
      const ligne = ajouterLigne(formulaire, "points_fragilite");
      ligne.querySelector("[name$='.diagnostic']").value = bouton.dataset.reprendre;
      ligne.querySelector("[name$='.libelle']").value = bouton.dataset.libelle;
      ligne.querySelector("[name$='.esms']").value = bouton.dataset.esms;
      ligne.querySelector("[name$='.retenu']").focus();
      annoncer("Point repris dans la liste des points de fragilité : décochez « retenu » pour l'écarter.");
      calculer();
    } else if (bouton.dataset.fiche && dernierResultat) {
      const fiche = dernierResultat.fiches.find((f) => f.module === bouton.dataset.fiche);
      telecharger(document, nomFichier(dernierResultat, "csv", fiche.module), fiche.csv, "text/csv;charset=utf-8");
    } else if (bouton.dataset.action === "exporter") {
      const dossier = dossierSaisi();
      telecharger(document, nomFichier(dossier), texteExport(dossier), "application/json");
    } else if (bouton.dataset.action === "imprimer") {
      window.print();
    } else if (bouton.dataset.action === "effacer") {
      if (!window.confirm("Effacer le dossier enregistré dans ce navigateur ? Exportez-le d'abord pour le conserver.")) return;
      const efface = effacer(localStorage);
      montrer(dossierVide());
      annoncer(efface.ok ? "Dossier effacé de ce navigateur." : efface.message);
      calculer();
    }
  });
  formulaire.addEventListener("input", () => calculer());
  formulaire.addEventListener("change", () => calculer());
  racine.querySelector("[data-importer]").addEventListener("change", (e) => importer(e.target));

  const { dossier, message } = charger(localStorage);
  montrer(dossier || dossierVide());
  if (message) annoncer(message);
  calculer();
}

const racine = document.querySelector("[data-mon-cpom]");
if (racine) demarrer(racine);
