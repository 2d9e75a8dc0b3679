// Tests de la saisie gardée dans le navigateur (docs/assets/js/stockage.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { charger, effacer, enregistrer, lire } from "../../docs/assets/js/stockage.js";

function fauxStockage({ plein = false, interdit = false } = {}) {
  const donnees = new Map();
  const garde = () => { if (interdit) throw new Error("SecurityError"); };
  return {
    donnees,
    getItem: (cle) => { garde(); return donnees.has(cle) ? donnees.get(cle) : null; },
    setItem: (cle, valeur) => { garde(); if (plein) throw new Error("QuotaExceededError"); donnees.set(cle, String(valeur)); },
    removeItem: (cle) => { garde(); donnees.delete(cle); },
  };
}

const CLE = "guide-cpom:avancement";

test("enregistrer puis charger redonne la saisie", () => {
  const stockage = fauxStockage();
  const saisie = { version: 1, champs: { "actions[0].libelle": "Répit" }, lignes: { actions: [{ ".libelle": "Répit" }] } };
  assert.equal(enregistrer(stockage, CLE, saisie), true);
  assert.deepEqual(charger(stockage, CLE), saisie);
  assert.equal(effacer(stockage, CLE), true);
  assert.equal(charger(stockage, CLE), null);
});

test("rien, texte abîmé, autre version ou pas un objet : null, et rien n'est effacé", () => {
  const stockage = fauxStockage();
  assert.equal(charger(stockage, CLE), null);
  for (const texte of ["{abîmé", "[1, 2]", "null", '{"version": 2, "champs": {}}', '"texte"']) {
    stockage.donnees.set(CLE, texte);
    assert.equal(charger(stockage, CLE), null, texte);
    assert.equal(stockage.donnees.get(CLE), texte);
  }
  stockage.donnees.set(CLE, '{"version": 2}');
  assert.deepEqual(charger(stockage, CLE, 2), { version: 2 });
});

test("stockage plein ou interdit : jamais d'exception", () => {
  assert.equal(enregistrer(fauxStockage({ plein: true }), CLE, { version: 1 }), false);
  const interdit = fauxStockage({ interdit: true });
  assert.equal(enregistrer(interdit, CLE, { version: 1 }), false);
  assert.equal(charger(interdit, CLE), null);
  assert.equal(effacer(interdit, CLE), false);
});

test("lire distingue rien, illisible et inaccessible, sans rien effacer", () => {
  const stockage = fauxStockage();
  assert.deepEqual(lire(stockage, CLE), { donnees: null });
  for (const texte of ["{abîmé", "[1, 2]", "null", "3", '"texte"']) {
    stockage.donnees.set(CLE, texte);
    assert.deepEqual(lire(stockage, CLE), { donnees: null, probleme: "illisible" }, texte);
    assert.equal(stockage.donnees.get(CLE), texte);
  }
  stockage.donnees.set(CLE, '{"a": 1}');
  assert.deepEqual(lire(stockage, CLE), { donnees: { a: 1 } });
  assert.deepEqual(lire(fauxStockage({ interdit: true }), CLE), { donnees: null, probleme: "inaccessible" });
});
