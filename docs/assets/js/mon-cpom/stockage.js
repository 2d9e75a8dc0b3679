// Enregistrement du dossier Mon CPOM dans ce navigateur seulement : sa clé et ses messages ; la
// lecture et l'écriture sont celles de ../stockage.js (un seul module touche au stockage).
// Testé par tests/js/mon-cpom-stockage.test.mjs (node --test).

import * as stockageLocal from "../stockage.js";

export const CLE = "guide-cpom-bfc:mon-cpom";

const MESSAGES = {
  inaccessible: "Le stockage de ce navigateur est inaccessible : le dossier ne sera pas conservé après fermeture de la page.",
  illisible: "Le dossier enregistré dans ce navigateur est illisible ; il n'a pas été chargé (il reste enregistré tant que vous ne l'effacez pas).",
  enregistrement: "Le dossier n'a pas pu être enregistré dans ce navigateur (stockage plein ou interdit) : exportez-le en fichier pour le conserver.",
  effacement: "Le dossier enregistré n'a pas pu être effacé (stockage inaccessible).",
};

/** Le dossier enregistré : {dossier} (null si rien), ou {dossier: null, message} s'il est illisible
 * (le texte enregistré est alors laissé tel quel : rien n'est effacé sans demande). */
export function charger(stockage) {
  const { donnees, probleme } = stockageLocal.lire(stockage, CLE);
  return probleme ? { dossier: null, message: MESSAGES[probleme] } : { dossier: donnees };
}

/** Enregistre le dossier ; {ok: true} ou {ok: false, message} (stockage plein ou interdit). */
export function enregistrer(stockage, dossier) {
  return stockageLocal.enregistrer(stockage, CLE, dossier) ? { ok: true } : { ok: false, message: MESSAGES.enregistrement };
}

/** Efface le dossier enregistré. */
export function effacer(stockage) {
  return stockageLocal.effacer(stockage, CLE) ? { ok: true } : { ok: false, message: MESSAGES.effacement };
}
