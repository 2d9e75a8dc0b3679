// Liaison formulaire ↔ dossier — une seule responsabilité : lire les champs du formulaire en un
// objet, le convertir en dossier JSON (le fichier décrit dans calculators/DOSSIER.md), et l'inverse.
//
// Les champs portent un chemin JSON dans `name` (« esms[0].capacite », « modules.prevention.date ») ;
// `data-type="nombre"` : nombre (le texte à la française est converti quand il est simple, sinon
// laissé tel quel pour que le moteur nomme l'erreur) ; `data-type="liste"` : liste de textes séparés
// par des virgules ; case à cocher seule : booléen ; cases de même nom avec `value` : liste.
// Les listes éditables : conteneur [data-lignes=chemin] + <template data-ligne=chemin> (__n__ : indice,
// __N__ : numéro). Fonctions pures testées par tests/js/mon-cpom-liaison.test.mjs (node --test).

export const FORMAT = "guide-cpom-bfc/dossier";
export const VERSION = 1;
const NOMBRE_SIMPLE = /^[+-]?\d+([.,]\d+)?$/;
const ESPACES = /[\s\u00a0\u202f]/g;

export { ecrire, lire, segments } from "../chemins.js"; // chemins JSON : un seul module pour le site
import { ecrire, lire, segments } from "../chemins.js";

/** « 1 234,5 » → 1234.5 ; un texte qui n'est pas un nombre simple est rendu tel quel. */
export function convertirNombre(texte) {
  const compact = String(texte).replace(ESPACES, "");
  if (!NOMBRE_SIMPLE.test(compact)) return String(texte).trim();
  return Number(compact.replace(",", "."));
}

/** « a, b ,, c » → ["a", "b", "c"]. */
export function convertirListe(texte) {
  return String(texte).split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** Retire récursivement les textes vides, listes vides et objets vides (champs non saisis). */
export function nettoyer(valeur) {
  if (Array.isArray(valeur)) {
    const liste = valeur.map(nettoyer);
    return liste.every((v) => v === undefined) ? undefined : liste.map((v) => (v === undefined ? {} : v));
  }
  if (valeur !== null && typeof valeur === "object") {
    const objet = {};
    for (const [cle, v] of Object.entries(valeur)) {
      const propre = nettoyer(v);
      if (propre !== undefined) objet[cle] = propre;
    }
    return Object.keys(objet).length ? objet : undefined;
  }
  if (typeof valeur === "string" && valeur.trim() === "") return undefined;
  return valeur;
}

/** Dossier vide, prêt à remplir. */
export function dossierVide(premiereAnnee = 2026) {
  return { format: FORMAT, version: VERSION, og: {}, premiere_annee: premiereAnnee, annee_suivi: 1 };
}

/**
 * État du formulaire → dossier JSON. `modules` : [{id, statut}] dans l'ordre des paramètres.
 * Un module obligatoire n'est écrit que s'il a un contenu ; un module à la carte seulement s'il est
 * retenu (case « retenu »). Une liste dont toutes les lignes sont vides est omise ; une ligne vide au
 * milieu de lignes saisies reste (objet vide) pour que le moteur la signale avec son indice.
 */
export function versDossier(etat, modules) {
  const dossier = { format: FORMAT, version: VERSION };
  for (const cle of ["og", "premiere_annee", "annee_suivi", "esms"]) {
    const valeur = nettoyer(etat[cle]);
    if (valeur !== undefined) dossier[cle] = valeur;
  }
  const liste = [];
  for (const { id, statut } of modules) {
    const saisi = { ...((etat.modules && etat.modules[id]) || {}) };
    const retenu = saisi.retenu === true;
    delete saisi.retenu;
    const propre = nettoyer(saisi) || {};
    if (statut === "a_la_carte" ? retenu : Object.keys(propre).length > 0) liste.push({ id, ...propre });
  }
  if (liste.length) dossier.modules = liste;
  const actions = nettoyer(etat.actions);
  if (actions !== undefined) dossier.actions = actions;
  const points = nettoyer((etat.points_fragilite || []).map((p) => ({ ...p, retenu: p.retenu === false ? false : undefined })));
  if (points !== undefined) dossier.points_fragilite = points;
  return dossier;
}

/** Chemin d'une erreur du moteur (chemin dans le dossier) → chemin du formulaire : les modules y sont
 * rangés par id (« modules[1].suivi.N1 » → « modules.prevention.suivi.N1 ») ; le reste est identique. */
export function cheminFormulaire(chemin, dossier) {
  const m = /^modules\[(\d+)\](.*)$/.exec(chemin);
  const module = m && dossier && Array.isArray(dossier.modules) ? dossier.modules[Number(m[1])] : null;
  return module && typeof module.id === "string" ? `modules.${module.id}${m[2]}` : chemin;
}

/** Dossier JSON → état du formulaire (modules indexés par id, à la carte cochés « retenu »). */
export function versFormulaire(dossier, modules) {
  const etat = {
    og: { ...(dossier.og || {}) },
    premiere_annee: dossier.premiere_annee,
    annee_suivi: dossier.annee_suivi,
    esms: (dossier.esms || []).map((e) => ({ ...e })),
    modules: {},
    actions: (dossier.actions || []).map((a) => ({ ...a })),
    points_fragilite: (dossier.points_fragilite || []).map((p) => ({ ...p, retenu: p.retenu !== false })),
  };
  const statuts = new Map(modules.map((m) => [m.id, m.statut]));
  for (const module of dossier.modules || []) {
    const { id, ...reste } = module;
    etat.modules[id] = statuts.get(id) === "a_la_carte" ? { ...reste, retenu: true } : { ...reste };
  }
  return etat;
}

/** Ce que le formulaire ne montre pas, par FINESS, pour ne pas le perdre entre un import et
 * l'enregistrement suivant : les chiffres d'autodiagnostic des indicateurs absents du formulaire
 * (`affiches` : ids des indicateurs que le formulaire de chaque ESMS permet de saisir). */
export function horsFormulaire(dossier, affiches = []) {
  const montres = new Set(affiches);
  const diagnostics = {};
  for (const e of dossier.esms || []) {
    if (!e || !e.finess || e.diagnostic === null || typeof e.diagnostic !== "object") continue;
    const caches = Object.fromEntries(Object.entries(e.diagnostic).filter(([id]) => !montres.has(id)));
    if (Object.keys(caches).length) diagnostics[e.finess] = caches;
  }
  return { diagnostics };
}

/** Remet dans le dossier ce que `horsFormulaire` a gardé (ESMS retrouvés par leur FINESS), à côté des
 * chiffres saisis dans le formulaire. */
export function reattacher(dossier, hors) {
  for (const e of dossier.esms || []) {
    if (e && e.finess && hors.diagnostics[e.finess] !== undefined) e.diagnostic = { ...hors.diagnostics[e.finess], ...(e.diagnostic || {}) };
  }
  return dossier;
}

// ---------------------------------------------------------------- DOM (navigateur)

function valeurChamp(champ, racine) {
  if (champ.type === "checkbox") {
    if (champ.hasAttribute("value")) {
      return [...racine.querySelectorAll(`input[type=checkbox][name="${champ.name}"]`)].filter((c) => c.checked).map((c) => c.value);
    }
    return champ.checked;
  }
  if (champ.dataset.type === "nombre") return champ.value.trim() === "" ? "" : convertirNombre(champ.value);
  if (champ.dataset.type === "liste") return convertirListe(champ.value);
  return champ.value;
}

/** Lit tous les champs nommés du formulaire en un état. */
export function lireChamps(racine) {
  const etat = {};
  for (const champ of racine.querySelectorAll("[name]")) {
    if (champ.closest("template")) continue;
    ecrire(etat, champ.name, valeurChamp(champ, racine));
  }
  return etat;
}

/** Met autant de lignes dans chaque liste éditable que l'état en demande. */
export function ajusterLignes(racine, etat) {
  for (const conteneur of racine.querySelectorAll("[data-lignes]")) {
    const chemin = conteneur.dataset.lignes;
    const voulu = (lire(etat, chemin) || []).length;
    while (conteneur.children.length > voulu) conteneur.lastElementChild.remove();
    while (conteneur.children.length < voulu) ajouterLigne(racine, chemin);
  }
}

/** Ajoute une ligne vide à la liste `chemin` ; rend la ligne ajoutée. */
export function ajouterLigne(racine, chemin) {
  const conteneur = racine.querySelector(`[data-lignes="${chemin}"]`);
  const modele = racine.querySelector(`template[data-ligne="${chemin}"]`);
  const n = conteneur.children.length;
  const html = modele.innerHTML.replaceAll("__n__", String(n)).replaceAll("__N__", String(n + 1));
  const gabarit = document.createElement("template");
  gabarit.innerHTML = html;
  const ligne = gabarit.content.firstElementChild;
  conteneur.append(ligne);
  return ligne;
}

/** Écrit l'état dans les champs (après `ajusterLignes`). */
export function remplirChamps(racine, etat) {
  for (const champ of racine.querySelectorAll("[name]")) {
    if (champ.closest("template")) continue;
    const valeur = lire(etat, champ.name);
    if (champ.type === "checkbox") {
      champ.checked = champ.hasAttribute("value") ? Array.isArray(valeur) && valeur.includes(champ.value) : valeur === true;
    } else if (champ.dataset.type === "liste" && Array.isArray(valeur)) {
      champ.value = valeur.join(", ");
    } else {
      champ.value = valeur === undefined || valeur === null ? "" : String(valeur);
    }
  }
}
