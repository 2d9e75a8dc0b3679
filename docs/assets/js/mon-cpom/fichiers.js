// Fichiers du dossier — une seule responsabilité : texte exporté, nom de fichier, lecture d'un fichier
// importé, téléchargement. Le contrôle du contenu (format, version, champs) est fait par le moteur
// Python (calculators/dossier.py) ; ici, seulement ce qui précède : le texte est-il un objet JSON ?
// Testé par tests/js/mon-cpom-fichiers.test.mjs (node --test).

export const FORMAT = "guide-cpom-bfc/dossier";
/** Champs d'erreur du moteur qui signalent un fichier étranger ou abîmé : l'import est alors refusé. */
export const CHAMPS_ETRANGER = new Set(["entrée", "format", "version"]);

/** Texte JSON exporté (indenté, UTF-8, fin de ligne finale). */
export function texteExport(dossier) {
  return `${JSON.stringify(dossier, null, 2)}\n`;
}

/** Nom du fichier : « mon-cpom-<FINESS juridique>.json » (ou « mon-cpom.json »). */
export function nomFichier(dossier, extension = "json", suffixe = "") {
  const finess = dossier && dossier.og && typeof dossier.og.finess_juridique === "string"
    ? dossier.og.finess_juridique.replace(/[^0-9A-Za-z]/g, "") : "";
  return `mon-cpom${finess ? `-${finess}` : ""}${suffixe ? `-${suffixe}` : ""}.${extension}`;
}

/** Analyse le texte d'un fichier importé : {ok: true, dossier} ou {ok: false, message} en français. */
export function analyserImport(texte) {
  if (typeof texte !== "string" || texte.trim() === "") {
    return { ok: false, message: "Le fichier est vide : rien n'a été importé." };
  }
  let dossier;
  try {
    dossier = JSON.parse(texte.replace(/^\uFEFF/, ""));
  } catch (erreur) {
    return { ok: false, message: "Ce fichier n'est pas un fichier JSON lisible (fichier abîmé ou d'un autre type) : rien n'a été importé." };
  }
  if (dossier === null || typeof dossier !== "object" || Array.isArray(dossier)) {
    return { ok: false, message: "Ce fichier JSON ne contient pas un dossier « Mon CPOM » : rien n'a été importé." };
  }
  if (dossier.format !== FORMAT) {
    const recu = dossier.format === undefined ? "aucun marqueur de format" : `le format « ${String(dossier.format)} »`;
    return { ok: false, message: `Ce fichier n'est pas un dossier « Mon CPOM » du guide (${recu}, format attendu « ${FORMAT} ») : rien n'a été importé.` };
  }
  return { ok: true, dossier };
}

/** Réponse du moteur sur un dossier importé : null si l'import est accepté (les erreurs de contenu
 * sont affichées ensuite, le dossier est gardé), sinon le message qui le refuse. */
export function refusDuMoteur(reponse) {
  if (reponse.ok) return null;
  const bloquantes = reponse.erreurs.filter((e) => CHAMPS_ETRANGER.has(e.champ));
  if (bloquantes.length === 0) return null;
  return `${bloquantes.map((e) => `${e.champ} : ${e.message}`).join(" ; ")}. Rien n'a été importé.`;
}

/** Lit le texte d'un fichier choisi (File) ; rejette avec un message français. */
export async function lireFichier(fichier) {
  try {
    return await fichier.text();
  } catch (erreur) {
    throw new Error("Le fichier n'a pas pu être lu.");
  }
}

export { telecharger } from "../fichiers.js"; // un seul téléchargement pour tout le site
