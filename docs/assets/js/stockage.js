// Saisie gardée dans ce navigateur seulement (localStorage) — une seule responsabilité : lire, écrire
// et effacer un enregistrement JSON sous une clé, sans jamais lever d'exception. Le stockage est passé
// en argument (tests : un faux stockage). Rien n'est envoyé sur internet.
// Partageable : les calculateurs (clé « guide-cpom:<nom> ») comme un dossier complet.
// Testé par tests/js/stockage.test.mjs (node --test).

/** L'objet enregistré sous `cle` s'il est lisible et de la version attendue, sinon null. */
export function charger(stockage, cle, version = 1) {
  let texte;
  try {
    texte = stockage.getItem(cle);
  } catch (erreur) {
    return null; // stockage interdit : la saisie reste à l'écran
  }
  if (texte === null || texte === undefined) return null;
  try {
    const donnees = JSON.parse(texte);
    return donnees !== null && typeof donnees === "object" && !Array.isArray(donnees) && donnees.version === version ? donnees : null;
  } catch (erreur) {
    return null;
  }
}

/** Enregistre `donnees` (objet JSON) ; rend false si le stockage est plein ou interdit. */
export function enregistrer(stockage, cle, donnees) {
  try {
    stockage.setItem(cle, JSON.stringify(donnees));
    return true;
  } catch (erreur) {
    return false;
  }
}

/** Efface l'enregistrement ; rend false si le stockage est inaccessible. */
export function effacer(stockage, cle) {
  try {
    stockage.removeItem(cle);
    return true;
  } catch (erreur) {
    return false;
  }
}
