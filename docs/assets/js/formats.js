// Mise en forme française d'une valeur de résultat — une seule responsabilité : valeur JSON → texte
// affiché (pourcentage, euros, nombre, texte). Aucun calcul : les valeurs viennent de Python.
// Fonction pure, testée par tests/js/formats.test.mjs (node --test).

export const VIDE = "—";
const FORMAT_NOMBRE = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const FORMAT_EUROS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** Nombre affichable (nombre fini, ou texte décimal JSON de Python), sinon null. */
export function nombreAffichable(valeur) {
  if (typeof valeur === "number") return Number.isFinite(valeur) ? valeur : null;
  if (typeof valeur === "string" && /^-?\d+(\.\d+)?$/.test(valeur)) return Number(valeur);
  return null;
}

/** Texte affiché ; `format` : pourcentage, euros, nombre, texte (data-format du gabarit). */
export function formater(valeur, format, unite, decimales) {
  if (valeur === null || valeur === undefined || valeur === "") return VIDE;
  if (typeof valeur === "boolean") return valeur ? "oui" : "non";
  if (format === "texte" || (format === undefined && typeof valeur === "string")) return String(valeur);
  const nombre = nombreAffichable(valeur);
  if (nombre === null) return typeof valeur === "string" ? valeur : VIDE;
  if (format === "euros") return FORMAT_EUROS.format(nombre);
  const chiffres = decimales !== undefined ? Number(decimales) : (format === "pourcentage" ? 2 : undefined);
  const formatNombre = chiffres === undefined ? FORMAT_NOMBRE
    : new Intl.NumberFormat("fr-FR", { minimumFractionDigits: chiffres, maximumFractionDigits: chiffres });
  const suffixe = format === "pourcentage" ? "%" : unite;
  return suffixe ? `${formatNombre.format(nombre)}\u00a0${suffixe}` : formatNombre.format(nombre);
}
