// Tests de l'enregistrement local (docs/assets/js/mon-cpom/stockage.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { CLE, charger, effacer, enregistrer } from "../../docs/assets/js/mon-cpom/stockage.js";

function fauxStockage(initial = {}) {
  const donnees = new Map(Object.entries(initial));
  return {
    donnees,
    getItem: (cle) => (donnees.has(cle) ? donnees.get(cle) : null),
    setItem: (cle, valeur) => donnees.set(cle, String(valeur)),
    removeItem: (cle) => donnees.delete(cle),
  };
}

const DOSSIER = { format: "guide-cpom-bfc/dossier", version: 1, og: { raison_sociale: "CCAS de Besançon" }, esms: [{ capacite: 80 }] };

test("aller-retour : le dossier rechargé est identique", () => {
  const stockage = fauxStockage();
  assert.deepEqual(charger(stockage), { dossier: null });
  assert.deepEqual(enregistrer(stockage, DOSSIER), { ok: true });
  assert.deepEqual(charger(stockage), { dossier: DOSSIER });
  assert.equal(stockage.donnees.get(CLE), JSON.stringify(DOSSIER));
});

test("effacer retire le dossier, et lui seul", () => {
  const stockage = fauxStockage({ autre: "x" });
  enregistrer(stockage, DOSSIER);
  assert.deepEqual(effacer(stockage), { ok: true });
  assert.deepEqual(charger(stockage), { dossier: null });
  assert.equal(stockage.donnees.get("autre"), "x");
});

test("contenu illisible : message, et rien n'est effacé", () => {
  for (const texte of ["{abîmé", "[1, 2]", "null", "3"]) {
    const stockage = fauxStockage({ [CLE]: texte });
    const lu = charger(stockage);
    assert.equal(lu.dossier, null);
    assert.match(lu.message, /^Le dossier enregistré dans ce navigateur est illisible/);
    assert.equal(stockage.donnees.get(CLE), texte);
  }
});

test("stockage plein ou interdit : messages, pas d'exception", () => {
  const interdit = { getItem() { throw new Error("SecurityError"); }, setItem() { throw new Error("QuotaExceededError"); }, removeItem() { throw new Error("x"); } };
  assert.match(charger(interdit).message, /inaccessible/);
  assert.deepEqual(enregistrer(interdit, DOSSIER), { ok: false, message: "Le dossier n'a pas pu être enregistré dans ce navigateur (stockage plein ou interdit) : exportez-le en fichier pour le conserver." });
  assert.equal(effacer(interdit).ok, false);
});
