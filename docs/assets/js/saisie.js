// Texte saisi ↔ valeur JSON — une seule responsabilité : la conversion de transport d'un champ, sans
// calcul. Fonctions pures, testées par tests/js/saisie.test.mjs (node --test).

/** Texte saisi → nombre JSON s'il s'écrit exactement comme un nombre JavaScript (« 12,5 » → 12.5) ;
 * sinon le texte (rogné) : Python lit lui-même les grands nombres (sans perte) et refuse le reste
 * avec un message nommant le champ. Un champ qui n'est pas numérique rend son texte tel quel. */
export function versJson(brut, estNombre) {
  if (!estNombre) return brut;
  const texte = brut.trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(texte)) return brut.trim();
  const canonique = texte.replace(/^\+/, "").replace(/^(-?)0+(?=\d)/, "$1").replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  const nombre = Number(texte);
  return String(nombre) === canonique ? nombre : brut.trim();
}

/** Valeur JSON → texte du champ (virgule décimale pour un champ numérique). */
export function versSaisie(valeur, estNombre) {
  if (valeur === null || valeur === undefined) return "";
  if (typeof valeur === "number" && estNombre) return String(valeur).replace(".", ",");
  return String(valeur);
}
