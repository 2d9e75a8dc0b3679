// Moteur des calculateurs : Web Worker module qui exécute le paquet Python `calculators` avec Pyodide
// auto-hébergé. Aucun calcul ici : on transmet l'entrée à `calculators.contrat.executer_json` et on
// renvoie son texte JSON tel quel.
//
// Messages reçus : {id, nom, entree}  (entree : objet JSON, le même que pour la CLI)
//                 {id, nom, entree, parametres}  (parametres : texte JSON remplaçant parametres.json, pour les tests)
// Messages émis : {type: "pret", duree_ms} | {type: "erreur_chargement", message}
//                 {type: "reponse", id, json}  (json : texte renvoyé par executer_json)
//                 {type: "reponse", id, erreur} (erreur imprévue du moteur, en français)

import { loadPyodide } from "../pyodide/pyodide.mjs";

const DOSSIER_PAQUETS = "/home/pyodide/guide_cpom";
const racine = new URL("../", import.meta.url); // …/assets/

async function telecharger(chemin, format) {
  const reponse = await fetch(new URL(chemin, racine));
  if (!reponse.ok) {
    throw new Error(`téléchargement de ${chemin} impossible (HTTP ${reponse.status})`);
  }
  return format === "texte" ? reponse.text() : reponse.arrayBuffer();
}

async function demarrer() {
  const debut = performance.now();
  const [pyodide, archive, parametres] = await Promise.all([
    loadPyodide({ indexURL: new URL("pyodide/", racine).href }),
    telecharger("py/calculators.zip", "octets"),
    telecharger("data/parametres.json", "texte"),
  ]);
  pyodide.unpackArchive(archive, "zip", { extractDir: DOSSIER_PAQUETS });
  pyodide.runPython(`import sys\nif ${JSON.stringify(DOSSIER_PAQUETS)} not in sys.path: sys.path.insert(0, ${JSON.stringify(DOSSIER_PAQUETS)})`);
  const executerJson = pyodide.pyimport("calculators.contrat").executer_json;
  return { executerJson, parametres, duree: performance.now() - debut };
}

const moteur = demarrer();

moteur.then(
  ({ duree }) => self.postMessage({ type: "pret", duree_ms: Math.round(duree) }),
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
