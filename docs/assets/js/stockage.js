// Saisie gardée dans ce navigateur seulement (localStorage) — une seule responsabilité : lire, écrire
// et effacer un enregistrement JSON sous une clé, sans jamais lever d'exception. Le stockage est passé
// en argument (tests : un faux stockage). Rien n'est envoyé sur internet.
// Seul module qui touche au stockage : les calculateurs (clé « guide-cpom:<nom> », `charger`) et
// Mon CPOM (mon-cpom/stockage.js, qui y ajoute ses messages) s'en servent.
// Testé par tests/js/stockage.test.mjs (node --test).

/** Lit l'objet JSON enregistré sous `cle` : {donnees} (null si rien), ou {donnees: null, probleme}
 * avec probleme « inaccessible » (stockage interdit) ou « illisible » (pas un objet JSON ; le texte
 * enregistré est laissé tel quel). */
export function lire(stockage, cle) {
  let texte;
  try {
    texte = stockage.getItem(cle);
  } catch (erreur) {
    return { donnees: null, probleme: "inaccessible" };
  }
  if (texte === null || texte === undefined) return { donnees: null };
  try {
    const donnees = JSON.parse(texte);
    if (donnees !== null && typeof donnees === "object" && !Array.isArray(donnees)) return { donnees };
  } catch (erreur) {
    // texte abîmé : traité comme illisible ci-dessous
  }
  return { donnees: null, probleme: "illisible" };
}

/** L'objet enregistré sous `cle` s'il est lisible et de la version attendue, sinon null. */
export function charger(stockage, cle, version = 1) {
  const { donnees } = lire(stockage, cle);
  return donnees && donnees.version === version ? donnees : null;
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
