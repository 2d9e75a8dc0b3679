// Erreurs à côté des champs — une seule responsabilité (DOM) : placer les erreurs rendues par Python
// ({champ: chemin, message}) sous le champ qu'elles nomment (aria-invalid, aria-describedby) et en
// faire le résumé annoncé ; les effacer.

export function effacerErreurs(racine) {
  for (const message of racine.querySelectorAll(".calculateur__erreur-champ")) message.remove();
  for (const champ of racine.querySelectorAll("[aria-invalid]")) {
    champ.removeAttribute("aria-invalid");
    const ids = (champ.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.startsWith("erreur-"));
    if (ids.length) champ.setAttribute("aria-describedby", ids.join(" "));
    else champ.removeAttribute("aria-describedby");
  }
}

/** Le champ nommé par le chemin renvoyé par Python, ou le plus proche parent qui le représente. Un nom
 * porté par plusieurs éléments (cases d'un même groupe) ne désigne aucun d'eux : le groupe
 * ([data-champ], sa légende) le représente. */
export function champDe(formulaire, chemin) {
  let courant = chemin;
  while (courant) {
    const nommes = [...formulaire.elements].filter((c) => c.name === courant && !c.closest("template"));
    const champ = (nommes.length === 1 ? nommes[0] : null)
      || formulaire.querySelector(`[data-champ="${CSS.escape(courant)}"]`);
    if (champ) return champ;
    const coupure = Math.max(courant.lastIndexOf("."), courant.lastIndexOf("["));
    courant = coupure > 0 ? courant.slice(0, coupure) : "";
  }
  return null;
}

/** Libellé d'un champ (son <label>), ou légende d'un groupe (<fieldset data-champ>). */
export function libelleDe(champ) {
  if (champ.labels && champ.labels.length) return champ.labels[0].textContent.trim();
  const legende = champ.tagName === "FIELDSET" ? champ.querySelector(":scope > legend") : null;
  if (legende) return legende.textContent.trim();
  return champ.getAttribute("aria-label") || champ.dataset.libelle || "";
}

/** Affiche les erreurs ; sans `toutes`, celles d'un champ pas encore touché sont comptées, pas montrées.
 * Rend {resume: [texte], masquees: nombre}. */
export function afficherErreurs(racine, formulaire, erreurs, toutes) {
  effacerErreurs(racine);
  const resume = [];
  let masquees = 0;
  erreurs.forEach((erreur, i) => {
    const champ = champDe(formulaire, erreur.champ || "");
    if (champ && !toutes && champ.name && !champ.dataset.touche) {
      masquees += 1;
      return;
    }
    const libelle = champ ? libelleDe(champ) : "";
    resume.push(libelle ? `${libelle} : ${erreur.message}` : erreur.message);
    if (!champ) return;
    const message = document.createElement("p");
    message.className = "calculateur__erreur-champ";
    message.id = `erreur-${racine.id}-${i}`;
    message.textContent = `Erreur : ${erreur.message}`;
    if (champ.name) {
      champ.setAttribute("aria-invalid", "true");
      const ids = (champ.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      champ.setAttribute("aria-describedby", [...ids, message.id].join(" "));
      (champ.closest("td, .calculateur__champ") || champ).append(message);
    } else {
      champ.append(message);
    }
  });
  return { resume, masquees };
}
