// Tableaux éditables d'un formulaire — une seule responsabilité (DOM) : créer, relire et réécrire les
// lignes d'un conteneur [data-lignes=chemin] à partir de son <template data-ligne=chemin>
// (__n__ = indice, __N__ = numéro). Les valeurs sont des textes bruts {suffixe du nom: texte}.

import { versSaisie } from "./saisie.js";

export function conteneursLignes(formulaire) {
  return [...formulaire.querySelectorAll("[data-lignes]")];
}

function gabaritLigne(conteneur) {
  return conteneur.closest("[data-calculateur]").querySelector(`template[data-ligne="${conteneur.dataset.lignes}"]`);
}

/** Une ligne neuve (non insérée) à l'indice donné. */
export function nouvelleLigne(conteneur, indice) {
  const html = gabaritLigne(conteneur).innerHTML
    .replaceAll("__n__", String(indice))
    .replaceAll("__N__", String(indice + 1));
  const gabarit = document.createElement("template");
  gabarit.innerHTML = html.trim();
  return gabarit.content.firstElementChild;
}

/** Suffixe du nom d'un champ de la ligne `indice` (« etablissements[0].nom » → « .nom »). */
function suffixe(conteneur, indice, champ) {
  return champ.name.slice(`${conteneur.dataset.lignes}[${indice}]`.length);
}

/** Donne sa valeur à un champ ; une valeur importée absente d'une liste y est ajoutée telle quelle
 * pour que Python la refuse avec son message (elle n'est jamais remplacée en silence). */
export function garderValeur(champ, valeur) {
  if (champ.tagName === "SELECT" && valeur !== "" && ![...champ.options].some((o) => o.value === valeur)) {
    champ.append(new Option(`${valeur} (valeur inconnue)`, valeur));
  }
  champ.value = valeur;
}

/** Recrée les lignes à partir de valeurs {suffixe: valeur} ; avec `completes` (import d'un fichier),
 * une clé absente vide son champ (ex. ESMS sans « categorie » → option « Autre ») au lieu de garder la
 * valeur par défaut du gabarit, pour qu'un export se relise à l'identique. */
export function ecrireLignes(conteneur, lignes, completes = false) {
  conteneur.replaceChildren();
  lignes.forEach((valeurs, indice) => {
    const ligne = nouvelleLigne(conteneur, indice);
    conteneur.append(ligne);
    for (const champ of ligne.querySelectorAll("[name]")) {
      const cle = suffixe(conteneur, indice, champ);
      if (valeurs && cle in valeurs) garderValeur(champ, versSaisie(valeurs[cle], champ.dataset.type === "nombre"));
      else if (valeurs && completes) garderValeur(champ, "");
      if (champ.tagName === "SELECT" && champ.selectedIndex < 0) champ.selectedIndex = 0;
    }
  });
}

/** Textes bruts des lignes : [{suffixe: texte}]. */
export function lireLignes(conteneur) {
  return [...conteneur.children].map((ligne, indice) => {
    const valeurs = {};
    for (const champ of ligne.querySelectorAll("[name]")) valeurs[suffixe(conteneur, indice, champ)] = champ.value;
    return valeurs;
  });
}

export function nombreLignesVoulu(conteneur) {
  return Number.parseInt(conteneur.dataset.lignesInitiales || "1", 10);
}
