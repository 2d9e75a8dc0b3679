// Tests du relais de la recherche (docs/assets/javascripts/workers/recherche-differee.js, script de worker classique) :
// node --test tests/js/. Le script est exécuté dans une portée de worker simulée (node:vm).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../docs/assets/javascripts/workers/recherche-differee.js", import.meta.url), "utf8");
const DEMARRAGE = readFileSync(new URL("../../docs/assets/js/demarrage.js", import.meta.url), "utf8");
const ADRESSE = "http://exemple.test/assets/javascripts/workers/recherche-differee.js#search.a7633da7.min.js";

/** Portée de worker simulée : écouteurs, canaux, minuteries ; `importScripts` installe un faux worker
 * de Material qui note les messages reçus. */
function portee() {
  const ecouteurs = new Set();
  const canaux = [];
  const minuteries = [];
  const recus = [];
  const importes = [];
  const p = {
    location: new URL(ADRESSE),
    URL,
    MessageEvent,
    addEventListener: (type, f) => { if (type === "message") ecouteurs.add(f); },
    removeEventListener: (type, f) => { if (type === "message") ecouteurs.delete(f); },
    dispatchEvent: (evenement) => { for (const f of [...ecouteurs]) f(evenement); return true; },
    setTimeout: (f, ms) => { minuteries.push({ f, ms, annulee: false }); return minuteries.length - 1; },
    clearTimeout: (n) => { if (minuteries[n]) minuteries[n].annulee = true; },
    BroadcastChannel: class {
      constructor(nom) { this.nom = nom; this.ferme = false; this.onmessage = null; canaux.push(this); }
      close() { this.ferme = true; }
    },
    importScripts: (adresse) => {
      importes.push(adresse);
      p.addEventListener("message", (e) => recus.push(e.data));
    },
  };
  p.self = p;
  vm.runInNewContext(SOURCE, p);
  const message = (data) => p.dispatchEvent(new MessageEvent("message", { data }));
  return { p, canaux, minuteries, recus, importes, message };
}

const MISE_EN_PLACE = { type: 0, data: { docs: [] } };
const REQUETE = { type: 2, data: "prévention" };

test("les messages de Material sont gardés jusqu'au signal du moteur, puis rejoués dans l'ordre", () => {
  const { canaux, recus, importes, message } = portee();
  message(MISE_EN_PLACE);
  assert.deepEqual(importes, []);
  assert.deepEqual(recus, []);
  assert.equal(canaux.length, 1);
  canaux[0].onmessage({ data: "pret" });
  assert.deepEqual(importes, ["http://exemple.test/assets/javascripts/workers/search.a7633da7.min.js"]);
  assert.deepEqual(recus, [MISE_EN_PLACE]);
  assert.equal(canaux[0].ferme, true);
  message(REQUETE); // ensuite, le worker de Material reçoit directement, une seule fois
  assert.deepEqual(recus, [MISE_EN_PLACE, REQUETE]);
  canaux[0].onmessage({ data: "pret" });
  assert.equal(importes.length, 1);
});

test("une recherche du lecteur lance le worker sans attendre le moteur", () => {
  const { recus, importes, message, minuteries } = portee();
  message(MISE_EN_PLACE);
  message(REQUETE);
  assert.equal(importes.length, 1);
  assert.deepEqual(recus, [MISE_EN_PLACE, REQUETE]);
  assert.equal(minuteries[0].annulee, true);
});

test("sans signal ni recherche, le worker est lancé au bout du délai maximal", () => {
  const { recus, importes, message, minuteries } = portee();
  message(MISE_EN_PLACE);
  assert.equal(minuteries.length, 1);
  assert.equal(minuteries[0].ms, 5000);
  minuteries[0].f();
  assert.equal(importes.length, 1);
  assert.deepEqual(recus, [MISE_EN_PLACE]);
});

test("le relais et demarrage.js parlent sur le même canal", () => {
  const canal = (texte) => texte.match(/const CANAL_MOTEUR = "([^"]+)"/)[1];
  const { canaux } = portee();
  assert.equal(canaux[0].nom, canal(DEMARRAGE));
  assert.equal(canal(SOURCE), canal(DEMARRAGE));
});
