// Moteur des calculateurs : Web Worker module qui exécute le paquet Python `calculators` avec Pyodide
// auto-hébergé. Aucun calcul ici : on transmet l'entrée à `calculators.contrat.executer_json` et on
// renvoie son texte JSON tel quel.
//
// Deux départs possibles :
// - « instantané » : la mémoire de Pyodide prise à la construction après l'import des calculateurs
//   (guide/publication/instantane.mjs ; identité publiée dans assets/pyodide/instantane.js : fichier,
//   version de Pyodide, taille, empreinte SHA-256). Python n'est ni réinitialisé ni réimporté, et ni
//   la bibliothèque standard ni calculators.zip ne sont téléchargés (tout ce qui sert est déjà en
//   mémoire : une archive vide tient la place de la bibliothèque). Les octets viennent de la copie
//   locale gardée par une visite précédente (copie-locale.js : pas de brotli à décoder) ou, à défaut,
//   du réseau ; après un départ depuis le réseau, la copie locale est écrite, moteur déjà prêt, si
//   l'empreinte des octets est celle annoncée. Si Pyodide échoue avec la copie, un second essai part
//   du réseau (et sa réussite remplace la copie) ;
// - « ordinaire » (repli) : Pyodide démarre, calculators.zip est décompressé et importé. Utilisé
//   quand l'instantané n'est pas publié (identité absente ou null), manque, ou vient d'une autre
//   construction de Pyodide ; dit dans la console.
//
// Messages reçus : {id, nom, entree}  (entree : objet JSON, le même que pour la CLI)
//                 {id, nom, entree, parametres}  (parametres : texte JSON remplaçant parametres.json, pour les tests)
// Messages émis : {type: "pret", duree_ms, depart, origine} (depart : "instantane" ou "ordinaire" ;
//                   origine des octets de l'instantané : "copie", "reseau", ou null au départ ordinaire)
//                 {type: "copie_gardee", ok} (après un départ depuis le réseau : copie locale écrite ou non)
//                 {type: "erreur_chargement", message}
//                 {type: "reponse", id, json}  (json : texte renvoyé par executer_json)
//                 {type: "reponse", id, erreur} (erreur imprévue du moteur, en français)

import { loadPyodide, version } from "../pyodide/pyodide.mjs";
import { dossierPrive, garderCopie, lireFichier, nomCopie, trouverCopie } from "./copie-locale.js";

const DOSSIER_PAQUETS = "/home/pyodide/guide_cpom"; // le même que dans guide/publication/instantane.mjs
const racine = new URL("../", import.meta.url); // …/assets/
const indexURL = new URL("pyodide/", racine).href;
const BIBLIOTHEQUE_VIDE = "pyodide/python_stdlib_vide.zip";
// Identité de l'instantané publié ; importée à part (pas en import statique) : si le fichier manque,
// le moteur démarre quand même, de façon ordinaire.
const identite = import("../pyodide/instantane.js").then((module) => module.INSTANTANE, () => null);
const dossier = dossierPrive(); // stockage privé de l'origine (ou null), ouvert dès maintenant

// Au premier démarrage dans un profil, ouvrir le stockage privé de l'origine prend 0,02 à 0,17 s
// (mesuré) contre 0,01 à 0,02 s ensuite : si la copie locale n'est pas trouvée dans ce délai,
// l'instantané part aussi du réseau, et ce téléchargement est abandonné si la copie arrive ensuite.
const ATTENTE_COPIE_MS = 50;
const ATTENTE_MAX_MS = 5000;

async function telecharger(chemin, format, signal) {
  const reponse = await fetch(new URL(chemin, racine), { signal });
  if (!reponse.ok) {
    throw new Error(`téléchargement de ${chemin} impossible (HTTP ${reponse.status})`);
  }
  return format === "texte" ? reponse.text() : reponse.arrayBuffer();
}

/** Octets de l'instantané : {octets, origine, garder (fonction qui écrit la copie locale, ou null)}.
 * `essai.copie` devient vrai dès que des octets de la copie locale sont rendus. */
async function octetsInstantane(essai, permettreCopie) {
  const INSTANTANE = await identite;
  if (!INSTANTANE) throw new Error("aucun instantané publié avec ce site");
  if (INSTANTANE.version !== version) throw new Error(`instantané de Pyodide ${INSTANTANE.version}, chargé : ${version}`);
  const nom = nomCopie(INSTANTANE);
  let reseau = null;
  let abandon = null;
  const telechargerInstantane = () => {
    abandon = new AbortController();
    reseau = telecharger(`pyodide/${INSTANTANE.fichier}`, "octets", abandon.signal);
    reseau.catch(() => {}); // attendu plus bas, ou abandonné
  };
  const trouvee = permettreCopie ? dossier.then((d) => trouverCopie(d, nom, INSTANTANE.octets)) : Promise.resolve(null);
  const delai = (ms) => new Promise((resoudre) => { setTimeout(() => resoudre(undefined), ms); });
  let fichier = await Promise.race([trouvee, delai(ATTENTE_COPIE_MS)]);
  if (fichier === undefined) {
    telechargerInstantane();
    // Un stockage qui ne répond jamais ne bloque pas le moteur : le réseau l'emporte s'il finit
    // d'abord ; s'il échoue, la copie a encore ATTENTE_MAX_MS pour arriver, puis c'est le repli.
    fichier = await Promise.race([trouvee, reseau.then(() => null, () => Promise.race([trouvee, delai(ATTENTE_MAX_MS)]))]);
  }
  if (fichier) {
    if (abandon) abandon.abort(); // copie trouvée : le téléchargement s'arrête avant de la lire
    const copie = await lireFichier(fichier, INSTANTANE.octets);
    if (copie) {
      essai.copie = true;
      return { octets: copie, origine: "copie", garder: null };
    }
    reseau = null; // copie illisible : nouveau téléchargement
  }
  if (!reseau) telechargerInstantane();
  const octets = new Uint8Array(await reseau);
  const garder = octets.length === INSTANTANE.octets
    ? async () => garderCopie(await dossier, nom, octets, INSTANTANE.empreinte)
    : null;
  return { octets, origine: "reseau", garder };
}

async function depuisInstantane(essai, permettreCopie) {
  const source = octetsInstantane(essai, permettreCopie);
  const octets = source.then((s) => s.octets);
  // L'échec est traité par loadPyodide (repli), qui n'attend les octets qu'après sa configuration :
  // pas de rejet « non traité » d'ici là.
  source.catch(() => {});
  octets.catch(() => {});
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL: new URL(BIBLIOTHEQUE_VIDE, racine).href,
    _loadSnapshot: octets,
  });
  const { origine, garder } = await source;
  return { executerJson: pyodide.pyimport("calculators.contrat").executer_json, origine, garder }; // déjà dans sys.modules
}

async function demarrageOrdinaire() {
  const [pyodide, archive] = await Promise.all([
    loadPyodide({ indexURL }),
    telecharger("py/calculators.zip", "octets"),
  ]);
  pyodide.unpackArchive(archive, "zip", { extractDir: DOSSIER_PAQUETS });
  pyodide.runPython(`import sys\nif ${JSON.stringify(DOSSIER_PAQUETS)} not in sys.path: sys.path.insert(0, ${JSON.stringify(DOSSIER_PAQUETS)})`);
  return pyodide.pyimport("calculators.contrat").executer_json;
}

async function demarrer() {
  const debut = performance.now();
  const parametres = telecharger("data/parametres.json", "texte");
  parametres.catch(() => {}); // attendue plus bas ; évite un rejet « non traité » pendant le repli
  let executerJson;
  let depart = "instantane";
  let origine = null;
  let garder = null;
  try {
    const essai = { copie: false };
    try {
      ({ executerJson, origine, garder } = await depuisInstantane(essai, true));
    } catch (erreur) {
      if (!essai.copie) throw erreur;
      // Copie locale refusée : second essai depuis le réseau, dont la réussite remplace la copie.
      console.info(`Calculateurs : copie locale de l'instantané écartée (${(erreur && erreur.message) || erreur}) ; instantané téléchargé.`);
      ({ executerJson, origine, garder } = await depuisInstantane(essai, false));
    }
  } catch (erreur) {
    console.info(`Calculateurs : démarrage sans instantané mémoire (${(erreur && erreur.message) || erreur}) ; démarrage ordinaire de Pyodide ${version}.`);
    depart = "ordinaire";
    executerJson = await demarrageOrdinaire();
  }
  return { executerJson, parametres: await parametres, depart, origine, garder, duree: performance.now() - debut };
}

const moteur = demarrer();

moteur.then(
  ({ duree, depart, origine, garder }) => {
    self.postMessage({ type: "pret", duree_ms: Math.round(duree), depart, origine });
    // Moteur prêt d'abord ; la copie locale s'écrit ensuite (écriture asynchrone du navigateur).
    if (garder) garder().then((ok) => self.postMessage({ type: "copie_gardee", ok }));
  },
  (erreur) => self.postMessage({
    type: "erreur_chargement",
    message: String((erreur && erreur.message) || erreur),
  }),
);

self.onmessage = async (evenement) => {
  const { id, nom, entree, parametres: autres } = evenement.data || {};
  try {
    const { executerJson, parametres } = await moteur;
    const texte = typeof entree === "string" ? entree : JSON.stringify(entree);
    self.postMessage({ type: "reponse", id, json: executerJson(String(nom), texte, typeof autres === "string" ? autres : parametres) });
  } catch (erreur) {
    self.postMessage({
      type: "reponse",
      id,
      erreur: `Le moteur de calcul n'a pas pu traiter la demande : ${(erreur && erreur.message) || erreur}`,
    });
  }
};
