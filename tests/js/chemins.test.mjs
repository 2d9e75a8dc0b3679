// Tests des chemins JSON (docs/assets/js/chemins.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { aplatir, ecrire, lire, segments } from "../../docs/assets/js/chemins.js";

test("segments d'un chemin", () => {
  assert.deepEqual(segments("etablissements[2].capacite"), ["etablissements", "2", "capacite"]);
  assert.deepEqual(segments("cibles.-1"), ["cibles", "-1"]);
  assert.deepEqual(segments(""), []);
});

test("lire : objet, liste, indice négatif, absent", () => {
  const objet = { a: [{ b: 1 }, { b: 2 }], cibles: [85.98, 92], n: null };
  assert.equal(lire(objet, "a[1].b"), 2);
  assert.equal(lire(objet, "cibles.-1"), 92);
  assert.equal(lire(objet, "a[5].b"), undefined);
  assert.equal(lire(objet, "n.x"), undefined);
  assert.equal(lire(objet, "."), objet);
  assert.equal(lire(objet, ""), objet);
});

test("écrire crée listes et objets intermédiaires", () => {
  const objet = {};
  ecrire(objet, "actions[0].libelle", "A");
  ecrire(objet, "actions[1].avancement_phase", 12.5);
  ecrire(objet, "valeurs.x", 3);
  assert.deepEqual(objet, { actions: [{ libelle: "A" }, { avancement_phase: 12.5 }], valeurs: { x: 3 } });
});

test("aplatir puis écrire redonne l'objet", () => {
  const entree = { etablissements: [{ nom: "SSIAD", capacite: 10 }, { nom: "EHPAD", taux_cible: 98.5 }], annees: 5 };
  const plat = aplatir(entree);
  assert.deepEqual(plat, {
    "etablissements[0].nom": "SSIAD", "etablissements[0].capacite": 10,
    "etablissements[1].nom": "EHPAD", "etablissements[1].taux_cible": 98.5, annees: 5,
  });
  const relu = {};
  for (const [chemin, valeur] of Object.entries(plat)) ecrire(relu, chemin, valeur);
  assert.deepEqual(relu, entree);
});

test("ecrire remplace un intermédiaire qui n'est pas un objet (null, texte)", () => {
  assert.deepEqual(ecrire({ a: null }, "a[0].b", 1), { a: [{ b: 1 }] });
  assert.deepEqual(ecrire({ a: "x" }, "a.b", 2), { a: { b: 2 } });
});
