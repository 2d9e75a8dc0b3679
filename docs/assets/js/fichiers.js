// Fichiers importés et exportés — une seule responsabilité : préparer ce qui part vers le moteur
// Python (qui lit et écrit le CSV : calculators/tableur.py, dialecte Excel France) et contrôler ce
// qui arrive avant que rien ne soit écrasé ; proposer le téléchargement. Aucun CSV n'est lu ni écrit ici.
// Les « champs » sont les éléments [data-colonne] d'une ligne modèle (ou tout objet qui en a la forme :
// tagName, name, value, dataset, options, selectedIndex). Testé par tests/js/fichiers.test.mjs.

/** Vrai si le fichier choisi est un CSV (extension ou type). */
export function estCsv(fichier) {
  return /\.csv$/i.test(fichier.name) || fichier.type === "text/csv";
}

/** Colonnes demandées à `csv_lire` : [{titre, facultative}] (data-colonne, data-colonne-facultative). */
export function colonnesCsv(champs) {
  return champs.map((champ) => ({ titre: champ.dataset.colonne, facultative: champ.dataset.colonneFacultative !== undefined }));
}

/** Cellules d'une ligne pour `csv_ecrire` : texte affiché (libellé de l'option choisie), rogné. */
export function cellulesCsv(champs) {
  return champs.map((champ) => (champ.tagName === "SELECT" && champ.selectedIndex >= 0
    ? champ.options[champ.selectedIndex].text : champ.value).trim());
}

function normaliser(texte) {
  return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Cellules lues par `csv_lire` (null : colonne facultative absente) → valeurs {suffixe: texte} d'une
 * ligne ; pour une liste, le libellé d'une option est remplacé par sa valeur (valeur inconnue gardée). */
export function valeursDepuisCsv(champs, prefixe, cellules) {
  const valeurs = {};
  champs.forEach((champ, i) => {
    let texte = cellules[i] === null || cellules[i] === undefined ? "" : cellules[i];
    if (champ.tagName === "SELECT") {
      const option = [...champ.options].find((o) => normaliser(o.text) === normaliser(texte) || o.value === texte);
      texte = option ? option.value : texte;
    }
    valeurs[champ.name.slice(prefixe.length)] = texte;
  });
  return valeurs;
}

/** Réponse de `csv_lire` ou `csv_ecrire` → résultat, ou Error au message français du moteur. */
export function resultatOuErreur(reponse) {
  if (reponse.ok) return reponse.resultat;
  throw new Error(reponse.erreurs.map((e) => e.message).join(" ; "));
}

/** Texte d'un fichier JSON importé → entrée (objet), après contrôle : JSON lisible, objet, et au moins
 * une des données attendues par ce calculateur (`racines`) ; sinon Error en français (rien n'est écrit). */
export function entreeDepuisJson(texte, nomFichier, racines) {
  let entree;
  try {
    entree = JSON.parse(texte.replace(/^\ufeff/, ""));
  } catch (erreur) {
    throw new Error(`${nomFichier} : JSON illisible (${erreur.message}).`);
  }
  if (entree === null || typeof entree !== "object" || Array.isArray(entree)) {
    throw new Error("le fichier doit contenir un objet JSON (le même que pour « python -m calculators »).");
  }
  if (!racines.some((racine) => racine in entree)) {
    throw new Error(`${nomFichier} ne correspond pas à ce calculateur : aucune des données attendues (${racines.map((r) => `« ${r} »`).join(", ")}).`);
  }
  return entree;
}

/** Nom du fichier exporté : data-fichier de la racine, sinon nom du calculateur. */
export function nomFichier(racine, extension) {
  return `${racine.dataset.fichier || racine.dataset.calculateur}.${extension}`;
}

/** Propose le téléchargement d'un texte. */
export function telecharger(document, nom, contenu, type) {
  const lien = document.createElement("a");
  lien.href = URL.createObjectURL(new Blob([contenu], { type }));
  lien.download = nom;
  document.body.append(lien);
  lien.click();
  lien.remove();
  setTimeout(() => URL.revokeObjectURL(lien.href), 1000);
}
