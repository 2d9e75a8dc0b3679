// Tests de la mise en forme des résultats (docs/assets/js/formats.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { formater, nombreAffichable, VIDE } from "../../docs/assets/js/formats.js";

const ESPACE = /[\u00a0\u202f]/g;
const f = (...args) => formater(...args).replace(ESPACE, " ");

test("valeurs vides et booléens", () => {
  assert.equal(formater(null), VIDE);
  assert.equal(formater(undefined, "pourcentage"), VIDE);
  assert.equal(formater("", "nombre"), VIDE);
  assert.equal(formater(true), "oui");
  assert.equal(formater(false, "texte"), "non");
});

test("pourcentage : deux décimales et signe % insécable", () => {
  assert.equal(formater(75, "pourcentage"), "75,00\u00a0%");
  assert.equal(f("88.987", "pourcentage"), "88,99 %");
  assert.equal(f(12.3456, "pourcentage", undefined, "1"), "12,3 %");
});

test("euros, nombre, unité", () => {
  assert.equal(f(1234567.891, "euros"), "1 234 567,89 €");
  assert.equal(f(1234.5), "1 234,5");
  assert.equal(f(27740, "nombre", "journées"), "27 740 journées");
  assert.equal(f(3, "nombre", undefined, "2"), "3,00");
});

test("texte et valeurs non numériques", () => {
  assert.equal(formater("Prévention"), "Prévention");
  assert.equal(formater("12.5", "texte"), "12.5");
  assert.equal(formater("non calculable", "pourcentage"), "non calculable");
  assert.equal(formater(Number.NaN, "nombre"), VIDE);
  assert.equal(nombreAffichable("-3.25"), -3.25);
  assert.equal(nombreAffichable("3,25"), null);
  assert.equal(nombreAffichable(Infinity), null);
});
