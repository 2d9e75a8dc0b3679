// Instantané mémoire de Pyodide, pris dans Node à la construction du site (appelé par guide/publication/navigateur.py).
//
// Pyodide démarre, le paquet `calculators` est décompressé et importé, chaque calculateur est appelé
// une fois (les imports faits à la demande entrent ainsi dans l'instantané), puis la mémoire
// WebAssembly est écrite dans un fichier. Le worker du site repart de cette mémoire au lieu de
// réinitialiser Python et de réimporter les calculateurs.
//
// Usage : node guide/publication/instantane.mjs <dossier pyodide> <calculators.zip> <parametres.json> <sortie>
// Écrit <sortie> (octets de l'instantané) ; imprime la version de Pyodide sur la sortie standard.
//
// Les options _makeSnapshot / makeMemorySnapshot sont privées à Pyodide : la version est épinglée dans
// package.json, le nom du fichier publié porte la version, et le worker garde le démarrage ordinaire
// en repli.

import { readFileSync, writeFileSync, renameSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Même dossier que dans docs/assets/js/worker.js (sys.path de l'instantané).
const DOSSIER_PAQUETS = "/home/pyodide/guide_cpom";

const [dossierPyodide, archive, fichierParametres, sortie] = process.argv.slice(2);
if (!sortie) {
  console.error("usage : node instantane.mjs <dossier pyodide> <calculators.zip> <parametres.json> <sortie>");
  process.exit(2);
}

const indexURL = `${path.resolve(dossierPyodide)}${path.sep}`;
const { loadPyodide, version } = await import(pathToFileURL(path.join(indexURL, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });

// Un Buffer de Node est refusé par unpackArchive (« Unknown typed array type 'Buffer' »).
pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: DOSSIER_PAQUETS });
pyodide.globals.set("parametres_json", readFileSync(fichierParametres, "utf8"));
pyodide.runPython(`
import sys
if ${JSON.stringify(DOSSIER_PAQUETS)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(DOSSIER_PAQUETS)})
import calculators.contrat as _contrat
# Chaque calculateur une fois, entrée vide et entrée invalide : les imports paresseux du chemin
# d'erreur (messages, décimaux) sont faits maintenant plutôt qu'au premier calcul.
for _nom in _contrat.CALCULS:
    _contrat.executer_json(_nom, "{}", parametres_json)
    _contrat.executer_json(_nom, "[", parametres_json)
_contrat.executer_json("inconnu", "{}", parametres_json)
del _nom, _contrat
del parametres_json
import gc
gc.collect()
`);

const octets = pyodide.makeMemorySnapshot();
const provisoire = `${sortie}.${process.pid}.tmp`;
writeFileSync(provisoire, octets);
renameSync(provisoire, sortie); // jamais de fichier à moitié écrit
process.stdout.write(`${version}\n`);
