// Affichage d'un résultat — une seule responsabilité (DOM) : remplir une zone du gabarit avec le JSON
// rendu par Python, selon ses attributs :
//   [data-valeur=chemin]  reçoit la valeur (data-format, data-unite, data-decimales : formats.js)
//   [data-liste=chemin] + <template>  une copie du gabarit par élément ([data-rang] : numéro)
//   [data-si=chemin]      affiché seulement si le résultat a une valeur non vide à ce chemin
// Testé par tests/js/affichage.test.mjs (node --test, DOM minimal).

import { lire } from "./chemins.js";
import { formater } from "./formats.js";

const NOEUD_TEXTE = 3;

/** Texte d'un élément sans celui de ses parties masquées (ex. signe absent d'une trajectoire). */
export function texteVisible(el) {
  return [...el.childNodes].map((n) => (n.nodeType === NOEUD_TEXTE ? n.textContent : (n.hidden ? "" : texteVisible(n)))).join("");
}

/** Remplit une zone avec un résultat ; une liste ne descend que dans ses propres copies. */
export function remplir(zone, donnees) {
  const visiter = (el) => {
    if (el.dataset.si !== undefined) {
      const v = lire(donnees, el.dataset.si);
      el.hidden = v === undefined || v === null || v === "" || v === false || (Array.isArray(v) && v.length === 0);
    }
    if (el.dataset.valeur !== undefined) {
      el.textContent = formater(lire(donnees, el.dataset.valeur), el.dataset.format, el.dataset.unite, el.dataset.decimales);
    }
    if (el.dataset.liste !== undefined && el !== zone) {
      const gabarit = el.querySelector(":scope > template");
      const elements = lire(donnees, el.dataset.liste);
      [...el.children].forEach((enfant) => { if (enfant !== gabarit) enfant.remove(); });
      for (const [rang, element] of (Array.isArray(elements) ? elements : []).entries()) {
        const copie = gabarit.content.firstElementChild.cloneNode(true);
        for (const numero of copie.querySelectorAll("[data-rang]")) numero.textContent = String(rang + 1);
        remplir(copie, element);
        el.append(copie);
      }
      return;
    }
    for (const enfant of [...el.children]) visiter(enfant);
  };
  visiter(zone);
}
