// Calculateurs du guide : liaison d'une page à ses modules — transport et DOM seulement.
// AUCUN calcul ici : l'entrée est lue dans le formulaire, envoyée telle quelle au moteur Python
// (le même JSON que pour la CLI `python -m guide calcul` ou `python -m calculators`) et le JSON reçu est
// affiché. Les fichiers CSV sont lus et écrits par Python (calculateurs csv_lire et csv_ecrire).
//
// Le HTML (gabarits guide/rendu/templates/calculateurs/) décrit tout de façon déclarative :
//   [data-calculateur=nom]          racine d'un calculateur (nom : avancement, modulation, indicateur, trajectoire)
//   champs name="a[0].b"            chemin JSON de la valeur ; data-type="nombre" pour un nombre
//   [data-lignes=chemin] + <template data-ligne>  tableau éditable (lignes.js)
//   [data-valeur], [data-liste], [data-si]        affichage du résultat (affichage.js)
//   [data-colonne]                  colonne du fichier CSV (fichiers.js)
// État observable (tests, styles) : data-moteur, data-etat-calcul, data-en-cours, data-pret sur la racine.

import { remplir, texteVisible } from "./affichage.js";
import { afficherErreurs, effacerErreurs } from "./erreurs.js";
import {
  cellulesCsv, colonnesCsv, entreeDepuisJson, estCsv, nomFichier, resultatOuErreur, telecharger, valeursDepuisCsv,
} from "./fichiers.js";
import { champsNommes, lireBrut, lireEntree, racinesAttendues, remplirDepuisEntree } from "./formulaire.js";
import { conteneursLignes, ecrireLignes, lireLignes, nombreLignesVoulu, nouvelleLigne } from "./lignes.js";
import { FileDeCalcul, PERIMEE } from "./moteur.js";
import { prechaufferAuSurvol } from "./prechauffage.js";
import { charger, effacer, enregistrer } from "./stockage.js";
import { moteurDuSite as moteur } from "./transport.js";

const VERSION_SAUVEGARDE = 1;

/** Champs [data-colonne] d'une ligne modèle du tableau (ordre des colonnes du CSV). */
function champsColonnes(conteneur) {
  return [...nouvelleLigne(conteneur, 0).querySelectorAll("[data-colonne]")];
}

async function exporterCsv(conteneur) {
  const colonnes = champsColonnes(conteneur).map((champ) => champ.dataset.colonne);
  const lignes = [...conteneur.children].map((ligne) => cellulesCsv([...ligne.querySelectorAll("[data-colonne]")]));
  return resultatOuErreur(await moteur.executerObjet("csv_ecrire", { colonnes, lignes })).texte;
}

async function importerCsv(conteneur, texte, fichier) {
  const champs = champsColonnes(conteneur);
  const lu = resultatOuErreur(await moteur.executerObjet("csv_lire", { texte, fichier, colonnes: colonnesCsv(champs) }));
  const prefixe = `${conteneur.dataset.lignes}[0]`;
  return lu.lignes.map((cellules) => valeursDepuisCsv(champs, prefixe, cellules));
}

function lierCalculateur(racine) {
  if (racine.dataset.lie) return;
  racine.dataset.lie = "oui";
  const nom = racine.dataset.calculateur;
  const formulaire = racine.querySelector("form");
  const etat = racine.querySelector("[data-etat-moteur]");
  const zoneResultats = racine.querySelector("[data-resultats]");
  const annonce = racine.querySelector("[data-annonce]");
  const cleStockage = racine.dataset.sauvegarde ? `guide-cpom:${racine.dataset.sauvegarde}` : null;
  // Un calcul par saisie, sans délai : la plus récente gagne, la file ne grandit pas (moteur.js).
  const file = new FileDeCalcul((entree) => moteur.executer(nom, entree));
  let toutesErreurs = false;

  const desabonner = moteur.surEtat((etatMoteur) => montrerEtat(etatMoteur));
  function montrerEtat({ etat: code, message }) {
    if (!racine.isConnected && racine.dataset.pret) {
      desabonner(); // page quittée (navigation instantanée)
      return;
    }
    if (etat) {
      etat.textContent = message;
      etat.dataset.etat = code;
    }
    racine.dataset.moteur = code;
  }
  montrerEtat(moteur.etat);

  const annoncer = (texte) => { if (annonce) annonce.textContent = texte; };
  const toucherTout = () => { for (const champ of champsNommes(formulaire)) champ.dataset.touche = "oui"; };

  const sauvegarder = () => {
    if (!cleStockage) return;
    const lignes = Object.fromEntries(conteneursLignes(formulaire).map((c) => [c.dataset.lignes, lireLignes(c)]));
    enregistrer(localStorage, cleStockage, { version: VERSION_SAUVEGARDE, champs: lireBrut(formulaire), lignes });
  };

  const restaurer = (donnees) => {
    for (const conteneur of conteneursLignes(formulaire)) {
      const lignes = donnees.lignes && donnees.lignes[conteneur.dataset.lignes];
      ecrireLignes(conteneur, Array.isArray(lignes) ? lignes : Array.from({ length: nombreLignesVoulu(conteneur) }, () => ({})));
    }
    for (const champ of champsNommes(formulaire)) {
      if (donnees.champs && champ.name in donnees.champs && !champ.closest("[data-lignes]")) champ.value = donnees.champs[champ.name];
    }
  };

  const calculer = async () => {
    racine.dataset.enCours = "oui";
    const entree = lireEntree(formulaire);
    sauvegarder();
    zoneResultats.setAttribute("aria-busy", "true");
    let texte;
    try {
      texte = await file.demander(entree);
    } catch (erreur) {
      zoneResultats.removeAttribute("aria-busy");
      delete racine.dataset.enCours;
      racine.dataset.etatCalcul = "erreur";
      annoncer(erreur.message);
      return;
    }
    if (texte === PERIMEE) return; // une saisie plus récente est en cours de calcul
    zoneResultats.removeAttribute("aria-busy");
    delete racine.dataset.enCours;
    const reponse = JSON.parse(texte);
    racine.dataset.dernierJson = texte;
    if (reponse.ok) {
      effacerErreurs(racine);
      remplir(zoneResultats, reponse.resultat);
      zoneResultats.hidden = false;
      racine.dataset.etatCalcul = "ok";
      const resume = zoneResultats.querySelector("[data-resume]");
      annoncer(resume ? texteVisible(resume).replace(/\s+/g, " ").trim() : "Résultat mis à jour.");
    } else {
      const { resume, masquees } = afficherErreurs(racine, formulaire, reponse.erreurs || [], toutesErreurs);
      zoneResultats.hidden = true;
      racine.dataset.etatCalcul = "erreurs";
      const n = resume.length;
      annoncer(n
        ? `${n} erreur${n > 1 ? "s" : ""} à corriger : ${resume.join(" ; ")}`
        : `Complétez le formulaire pour obtenir le résultat (${masquees} champ${masquees > 1 ? "s" : ""} à remplir).`);
    }
  };

  const saisie = (evenement) => {
    if (evenement.target.type === "file") return; // l'import a son propre traitement (sinon son annonce serait écrasée)
    if (evenement.target.name) evenement.target.dataset.touche = "oui";
    calculer();
  };
  formulaire.addEventListener("input", saisie);
  formulaire.addEventListener("change", saisie);
  formulaire.addEventListener("submit", (evenement) => {
    evenement.preventDefault();
    toutesErreurs = true;
    toucherTout();
    calculer();
  });

  const actions = {
    "ajouter-ligne": (conteneur) => {
      const lignes = lireLignes(conteneur);
      lignes.push({});
      ecrireLignes(conteneur, lignes);
      conteneur.lastElementChild.querySelector("input, select").focus();
      annoncer(`Ligne ${lignes.length} ajoutée.`);
      calculer();
    },
    "supprimer-ligne": (conteneur, bouton) => {
      const indice = [...conteneur.children].indexOf(bouton.closest("[data-lignes] > *"));
      const lignes = lireLignes(conteneur);
      lignes.splice(indice, 1);
      ecrireLignes(conteneur, lignes);
      const suivante = conteneur.children[Math.min(indice, conteneur.children.length - 1)];
      (suivante ? suivante.querySelector("button[data-action=supprimer-ligne]") : racine.querySelector("button[data-action=ajouter-ligne]")).focus();
      annoncer(`Ligne ${indice + 1} supprimée.`);
      calculer();
    },
    "effacer-sauvegarde": () => {
      file.annuler(); // une réponse encore attendue ne réaffichera ni ne réenregistrera rien
      delete racine.dataset.enCours;
      delete racine.dataset.etatCalcul;
      if (cleStockage) effacer(localStorage, cleStockage);
      formulaire.reset();
      restaurer({});
      effacerErreurs(racine);
      zoneResultats.hidden = true;
      toutesErreurs = false;
      annoncer("Saisie effacée de ce navigateur.");
    },
    "exporter-json": () => {
      telecharger(document, nomFichier(racine, "json"), `${JSON.stringify(lireEntree(formulaire), null, 2)}\n`, "application/json");
    },
    "exporter-csv": async (conteneur) => {
      try {
        telecharger(document, nomFichier(racine, "csv"), await exporterCsv(conteneur), "text/csv;charset=utf-8");
      } catch (erreur) {
        annoncer(`Export impossible : ${erreur.message}`);
      }
    },
    imprimer: () => window.print(),
  };
  racine.addEventListener("click", (evenement) => {
    const bouton = evenement.target.closest("button[data-action]");
    if (!bouton || !racine.contains(bouton) || !(bouton.dataset.action in actions)) return;
    actions[bouton.dataset.action](formulaire.querySelector("[data-lignes]"), bouton);
  });

  const importer = racine.querySelector("input[type=file][data-importer]");
  if (importer) {
    importer.addEventListener("change", async () => {
      const fichier = importer.files && importer.files[0];
      if (!fichier) return;
      try {
        const texte = await fichier.text();
        const conteneur = formulaire.querySelector("[data-lignes]");
        // Tout est lu et contrôlé avant d'écrire dans le formulaire : un fichier refusé n'écrase rien.
        if (estCsv(fichier)) {
          ecrireLignes(conteneur, await importerCsv(conteneur, texte, fichier.name), true);
        } else {
          remplirDepuisEntree(formulaire, entreeDepuisJson(texte, fichier.name, racinesAttendues(formulaire)));
        }
        toucherTout();
        toutesErreurs = true;
        annoncer(`Fichier ${fichier.name} importé : vérification en cours.`);
        await calculer();
      } catch (erreur) {
        annoncer(`Import impossible : ${erreur.message}`);
      } finally {
        importer.value = "";
      }
    });
  }

  const sauvegarde = cleStockage ? charger(localStorage, cleStockage, VERSION_SAUVEGARDE) : null;
  restaurer(sauvegarde || {});
  if (sauvegarde) {
    toucherTout();
    annoncer("Saisie précédente restaurée depuis ce navigateur.");
  }
  racine.dataset.pret = "oui";
  moteur.demarrer().then(() => {
    if (sauvegarde || racine.dataset.calculImmediat !== undefined) calculer();
  }, () => {});
}

function lierPage() {
  document.querySelectorAll("[data-calculateur]").forEach((racine) => lierCalculateur(racine));
}

// Page de calculateur : le moteur démarre dès l'évaluation de ce module (le document est déjà lu),
// sans attendre l'initialisation de Material (document$) qui lie ensuite les formulaires.
if (document.querySelector("[data-calculateur]")) moteur.demarrer();

// Page du guide : aucun octet de Pyodide, sauf si un lien vers un calculateur est survolé ou reçoit le focus.
prechaufferAuSurvol(document, new URL("../../", import.meta.url).href, () => { moteur.demarrer(); });

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(lierPage);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", lierPage);
} else {
  lierPage();
}
