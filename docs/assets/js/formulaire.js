// Formulaire ↔ entrée JSON — une seule responsabilité (DOM) : lire les champs nommés (name = chemin
// JSON, data-type="nombre") en l'entrée envoyée à Python, et remplir le formulaire depuis une entrée
// (format de la CLI). Les valeurs sont revalidées par Python ; aucun calcul ici.

import { aplatir, ecrire, lire } from "./chemins.js";
import { conteneursLignes, ecrireLignes, garderValeur } from "./lignes.js";
import { versJson, versSaisie } from "./saisie.js";

export function champsNommes(formulaire) {
  return [...formulaire.elements].filter((c) => c.name && !c.disabled && c.type !== "file" && c.type !== "button" && c.type !== "submit");
}

/** Entrée JSON du calculateur ; un champ vide est absent (Python dit s'il est obligatoire). */
export function lireEntree(formulaire) {
  const entree = {};
  for (const conteneur of conteneursLignes(formulaire)) ecrire(entree, conteneur.dataset.lignes, []);
  for (const champ of champsNommes(formulaire)) {
    if (champ.value.trim() === "") continue;
    ecrire(entree, champ.name, versJson(champ.value, champ.dataset.type === "nombre"));
  }
  return entree;
}

/** Textes bruts des champs : {nom: texte}. */
export function lireBrut(formulaire) {
  return Object.fromEntries(champsNommes(formulaire).map((champ) => [champ.name, champ.value]));
}

/** Premiers segments des chemins attendus par le formulaire (ex. ["actions"]). */
export function racinesAttendues(formulaire) {
  const noms = [...conteneursLignes(formulaire).map((c) => c.dataset.lignes), ...champsNommes(formulaire).map((c) => c.name)];
  return [...new Set(noms.map((nom) => nom.split(/[.[]/)[0]))];
}

/** Entrée JSON (format de la CLI) → champs du formulaire. */
export function remplirDepuisEntree(formulaire, entree) {
  for (const conteneur of conteneursLignes(formulaire)) {
    const elements = lire(entree, conteneur.dataset.lignes);
    ecrireLignes(conteneur, (Array.isArray(elements) ? elements : []).map((element) => {
      const valeurs = {};
      for (const [chemin, valeur] of Object.entries(aplatir(element))) valeurs[chemin.startsWith("[") ? chemin : `.${chemin}`] = valeur;
      return valeurs;
    }), true);
  }
  const plat = aplatir(entree);
  for (const champ of champsNommes(formulaire)) {
    if (champ.type === "hidden" || champ.closest("[data-lignes]")) continue;
    garderValeur(champ, versSaisie(plat[champ.name], champ.dataset.type === "nombre"));
  }
}
