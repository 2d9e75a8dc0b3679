// Tests de l'affichage des résultats (docs/assets/js/affichage.js) sur un DOM minimal : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { remplir, texteVisible } from "../../docs/assets/js/affichage.js";
import { h } from "./dom-minimal.mjs";

const sansEspaces = (t) => t.replace(/[\u00a0\u202f]/g, " ");

test("valeurs formatées, bloc conditionnel, liste avec numéros", () => {
  const gabarit = h("template", {}, h("li", {}, "Module ", h("span", { rang: "" }), " : ", h("span", { valeur: "taux", format: "pourcentage" })));
  const zone = h("div", {},
    h("p", { valeur: "global", format: "pourcentage" }),
    h("p", { si: "avertissements" }, h("span", { valeur: "avertissements.0" })),
    h("p", { si: "absent" }, "jamais"),
    h("ul", { liste: "modules" }, gabarit));
  remplir(zone, { global: 62.5, avertissements: ["6 types d'actions en PA"], modules: [{ taux: 50 }, { taux: "75.125" }] });
  const [global, avertissement, absent, ul] = zone.children;
  assert.equal(sansEspaces(global.textContent), "62,50 %");
  assert.equal(avertissement.hidden, false);
  assert.equal(avertissement.textContent, "6 types d'actions en PA");
  assert.equal(absent.hidden, true);
  assert.deepEqual(ul.children.slice(1).map((li) => sansEspaces(li.textContent)), ["Module 1 : 50,00 %", "Module 2 : 75,13 %"]);
  // Un nouveau résultat remplace les copies (le gabarit reste) ; liste vide : aucune copie.
  remplir(zone, { global: null, avertissements: [], modules: [] });
  assert.equal(global.textContent, "—");
  assert.equal(avertissement.hidden, true);
  assert.deepEqual(ul.children.map((e) => e.tagName), ["TEMPLATE"]);
});

test("le texte annoncé ignore les parties masquées", () => {
  const resume = h("p", {}, "Cible : ", h("span", { signe: "" }, "+"), "92 %");
  resume.children[0].hidden = true;
  assert.equal(texteVisible(resume), "Cible : 92 %");
});
