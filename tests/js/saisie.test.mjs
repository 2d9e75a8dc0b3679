// Tests de la conversion saisie ↔ JSON (docs/assets/js/saisie.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { versJson, versSaisie } from "../../docs/assets/js/saisie.js";

test("un nombre à la française devient un nombre JSON", () => {
  assert.equal(versJson("12,5", true), 12.5);
  assert.equal(versJson(" 1\u202f234,50 ", true), 1234.5);
  assert.equal(versJson("-0,25", true), -0.25);
  assert.equal(versJson("+7", true), 7);
  assert.equal(versJson("007", true), 7);
});

test("ce qui n'est pas un nombre exact reste du texte, pour que Python nomme l'erreur", () => {
  assert.equal(versJson(" dix ", true), "dix");
  assert.equal(versJson("1,2,3", true), "1,2,3");
  assert.equal(versJson("12345678901234567890123", true), "12345678901234567890123"); // perdrait des chiffres
  assert.equal(versJson("1e5", true), "1e5");
});

test("un champ texte garde son texte tel quel", () => {
  assert.equal(versJson(" Répit ", false), " Répit ");
});

test("valeur JSON → texte du champ", () => {
  assert.equal(versSaisie(12.5, true), "12,5");
  assert.equal(versSaisie(12.5, false), "12.5");
  assert.equal(versSaisie(null, true), "");
  assert.equal(versSaisie(undefined, false), "");
  assert.equal(versSaisie("PA", false), "PA");
});
