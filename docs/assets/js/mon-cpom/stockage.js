// Enregistrement du dossier dans ce navigateur seulement (localStorage) — une seule responsabilité.
// Rien n'est envoyé sur internet. Le stockage est passé en argument (tests : un faux stockage).
// Testé par tests/js/mon-cpom-stockage.test.mjs (node --test).

export const CLE = "guide-cpom-bfc:mon-cpom";

/** Le dossier enregistré : {dossier} (null si rien), ou {dossier: null, message} s'il est illisible
 * (le texte enregistré est alors laissé tel quel : rien n'est effacé sans demande). */
export function charger(stockage) {
  let texte;
  try {
    texte = stockage.getItem(CLE);
  } catch (erreur) {
    return { dossier: null, message: "Le stockage de ce navigateur est inaccessible : le dossier ne sera pas conservé après fermeture de la page." };
  }
  if (texte === null || texte === undefined) return { dossier: null };
  try {
    const dossier = JSON.parse(texte);
    if (dossier === null || typeof dossier !== "object" || Array.isArray(dossier)) throw new Error("pas un objet");
    return { dossier };
  } catch (erreur) {
    return { dossier: null, message: "Le dossier enregistré dans ce navigateur est illisible ; il n'a pas été chargé (il reste enregistré tant que vous ne l'effacez pas)." };
  }
}

/** Enregistre le dossier ; {ok: true} ou {ok: false, message} (stockage plein ou interdit). */
export function enregistrer(stockage, dossier) {
  try {
    stockage.setItem(CLE, JSON.stringify(dossier));
    return { ok: true };
  } catch (erreur) {
    return { ok: false, message: "Le dossier n'a pas pu être enregistré dans ce navigateur (stockage plein ou interdit) : exportez-le en fichier pour le conserver." };
  }
}

/** Efface le dossier enregistré. */
export function effacer(stockage) {
  try {
    stockage.removeItem(CLE);
    return { ok: true };
  } catch (erreur) {
    return { ok: false, message: "Le dossier enregistré n'a pas pu être effacé (stockage inaccessible)." };
  }
}
