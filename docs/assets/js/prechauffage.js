// Préchauffage du moteur depuis une page du guide : une page sans calculateur ne télécharge aucun
// octet de Pyodide, sauf quand le pointeur ou le focus clavier atteint un lien vers une page de
// calculateur. Le moteur démarre alors (une fois) : grâce à la navigation instantanée, le worker
// survit au clic et le calculateur s'ouvre avec un moteur déjà prêt ou en chemin ; sans elle, les
// fichiers sont au moins dans le cache HTTP.

/** Vrai si `adresse` (URL absolue) mène à une page de calculateur du site dont la racine est `racine`.
 * Pages de calculateur : calculateurs/<nom>/ et calculateurs/indicateurs/<id>/ ; pas calculateurs/. */
export function estLienCalculateur(adresse, racine) {
  let cible;
  let base;
  try {
    cible = new URL(adresse);
    base = new URL(racine);
  } catch (erreur) {
    return false;
  }
  if (cible.origin !== base.origin || !cible.pathname.startsWith(base.pathname)) return false;
  const reste = cible.pathname.slice(base.pathname.length);
  return /^calculateurs\/[^/]+\/([^/]+\/)?(index\.html)?$/.test(reste) && reste !== "calculateurs/indicateurs/";
}

/** Appelle `demarrer()` une fois, au premier survol ou focus d'un lien vers un calculateur. */
export function prechaufferAuSurvol(document, racine, demarrer) {
  const surveiller = (evenement) => {
    const lien = evenement.target && evenement.target.closest ? evenement.target.closest("a[href]") : null;
    if (!lien || !estLienCalculateur(lien.href, racine)) return;
    document.removeEventListener("pointerover", surveiller);
    document.removeEventListener("focusin", surveiller);
    demarrer();
  };
  document.addEventListener("pointerover", surveiller, { passive: true });
  document.addEventListener("focusin", surveiller);
}
