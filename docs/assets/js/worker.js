// Moteur des calculateurs : Web Worker module qui exécute le paquet Python `calculators` avec Pyodide
// auto-hébergé. Aucun calcul ici : on transmet l'entrée à `calculators.contrat.executer_json` et on
// renvoie son texte JSON tel quel.
//
// Deux départs possibles :
// - « instantané » : la mémoire de Pyodide prise à la construction après l'import des calculateurs
//   (guide/publication/instantane.mjs) ; son nom porte la version de Pyodide qui l'a faite. Python n'est ni
//   réinitialisé ni réimporté, et ni la bibliothèque standard ni calculators.zip ne sont téléchargés
//   (tout ce qui sert est déjà en mémoire : une archive vide tient la place de la bibliothèque) ;
// - « ordinaire » (repli) : Pyodide démarre, calculators.zip est décompressé et importé. Utilisé
//   quand l'instantané manque ou vient d'une autre construction de Pyodide ; dit dans la console.
//
// Messages reçus : {id, nom, entree}  (entree : objet JSON, le même que pour la CLI)
//                 {id, nom, entree, parametres}  (parametres : texte JSON remplaçant parametres.json, pour les tests)
// Messages émis : {type: "pret", duree_ms, depart} (depart : "instantane" ou "ordinaire")
//                 {type: "erreur_chargement", message}
//                 {type: "reponse", id, json}  (json : texte renvoyé par executer_json)
//                 {type: "reponse", id, erreur} (erreur imprévue du moteur, en français)

import { loadPyodide, version } from "../pyodide/pyodide.mjs";

const DOSSIER_PAQUETS = "/home/pyodide/guide_cpom"; // le même que dans guide/publication/instantane.mjs
const racine = new URL("../", import.meta.url); // …/assets/
const indexURL = new URL("pyodide/", racine).href;
const INSTANTANE = `pyodide/instantane-${version}.bin`;
const BIBLIOTHEQUE_VIDE = "pyodide/python_stdlib_vide.zip";

async function telecharger(chemin, format) {
  const reponse = await fetch(new URL(chemin, racine));
  if (!reponse.ok) {
    throw new Error(`téléchargement de ${chemin} impossible (HTTP ${reponse.status})`);
  }
  return format === "texte" ? reponse.text() : reponse.arrayBuffer();
}

async function depuisInstantane() {
  const octets = telecharger(INSTANTANE, "octets");
  octets.catch(() => {}); // l'échec est traité par loadPyodide (repli) : pas de rejet « non traité »
  const pyodide = await loadPyodide({
    indexURL,
    stdLibURL: new URL(BIBLIOTHEQUE_VIDE, racine).href,
    _loadSnapshot: octets,
  });
  return pyodide.pyimport("calculators.contrat").executer_json; // déjà dans sys.modules
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
  try {
    executerJson = await depuisInstantane();
  } catch (erreur) {
    console.info(`Calculateurs : démarrage sans instantané mémoire (${(erreur && erreur.message) || erreur}) ; démarrage ordinaire de Pyodide ${version}.`);
    depart = "ordinaire";
    executerJson = await demarrageOrdinaire();
  }
  return { executerJson, parametres: await parametres, depart, duree: performance.now() - debut };
}

const moteur = demarrer();

moteur.then(
  ({ duree, depart }) => self.postMessage({ type: "pret", duree_ms: Math.round(duree), depart }),
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
