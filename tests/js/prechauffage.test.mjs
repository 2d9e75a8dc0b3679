// Tests du préchauffage (docs/assets/js/prechauffage.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { estLienCalculateur, prechaufferAuSurvol } from "../../docs/assets/js/prechauffage.js";

const RACINE = "https://exemple.fr/guide/";

test("liens vers une page de calculateur", () => {
  for (const chemin of ["calculateurs/avancement/", "calculateurs/modulation/#saisie",
    "calculateurs/indicateurs/taux-activite/", "calculateurs/trajectoire/index.html"]) {
    assert.equal(estLienCalculateur(RACINE + chemin, RACINE), true, chemin);
  }
});

test("liens qui ne mènent pas à un calculateur", () => {
  for (const adresse of [RACINE, `${RACINE}calculateurs/`, `${RACINE}calculateurs/indicateurs/`,
    `${RACINE}modules/prevention/`, `${RACINE}calculateurs/a/b/c/`, "https://autre.fr/guide/calculateurs/avancement/",
    "https://exemple.fr/calculateurs/avancement/", "pas une adresse"]) {
    assert.equal(estLienCalculateur(adresse, RACINE), false, adresse);
  }
});

/** Document minimal : addEventListener / removeEventListener, événements envoyés à la main. */
function faux_document() {
  const ecouteurs = new Map();
  return {
    addEventListener: (type, f) => ecouteurs.set(type, f),
    removeEventListener: (type, f) => { if (ecouteurs.get(type) === f) ecouteurs.delete(type); },
    envoyer(type, href) {
      const lien = href === null ? null : { href };
      const f = ecouteurs.get(type);
      if (f) f({ target: { closest: () => lien } });
    },
    ecouteurs,
  };
}

test("démarre une seule fois, au survol ou au focus d'un lien de calculateur", () => {
  for (const type of ["pointerover", "focusin"]) {
    const doc = faux_document();
    let demarrages = 0;
    prechaufferAuSurvol(doc, RACINE, () => { demarrages += 1; });
    doc.envoyer(type, null); // hors lien
    doc.envoyer(type, `${RACINE}modules/prevention/`);
    assert.equal(demarrages, 0);
    doc.envoyer(type, `${RACINE}calculateurs/avancement/`);
    doc.envoyer(type, `${RACINE}calculateurs/modulation/`);
    doc.envoyer("pointerover", `${RACINE}calculateurs/trajectoire/`);
    assert.equal(demarrages, 1);
    assert.equal(doc.ecouteurs.size, 0);
  }
});
