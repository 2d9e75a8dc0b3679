// Tests du relais de la recherche (docs/assets/javascripts/workers/recherche-differee.js, script de
// worker classique) : node --test tests/js/. Le script est exécuté dans une portée de worker simulée
// (node:vm) ; la page est jouée par docs/assets/js/recherche.js sur un faux canal partagé.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

import { CANAL, libererRecherche } from "../../docs/assets/js/recherche.js";

const SOURCE = readFileSync(new URL("../../docs/assets/javascripts/workers/recherche-differee.js", import.meta.url), "utf8");
const ADRESSE = "http://exemple.test/assets/javascripts/workers/recherche-differee.js#search.a7633da7.min.js";

/** Faux BroadcastChannel : les canaux d'un même nom se transmettent les messages (pas à l'émetteur). */
function fauxCanaux() {
  const ouverts = [];
  class Canal {
    constructor(nom) { this.nom = nom; this.ferme = false; this.onmessage = null; this.envoyes = []; ouverts.push(this); }
    postMessage(data) {
      this.envoyes.push(data);
      for (const autre of ouverts) {
        if (autre !== this && !autre.ferme && autre.nom === this.nom && autre.onmessage) autre.onmessage({ data });
      }
    }
    close() { this.ferme = true; }
  }
  return { Canal, ouverts };
}

/** Portée de worker simulée : écouteurs, minuteries ; `importScripts` installe un faux worker de
 * Material qui note les messages reçus. */
function relais(Canal) {
  const ecouteurs = new Set();
  const minuteries = [];
  const recus = [];
  const importes = [];
  const p = {
    location: new URL(ADRESSE),
    URL,
    MessageEvent,
    BroadcastChannel: Canal,
    addEventListener: (type, f) => { if (type === "message") ecouteurs.add(f); },
    removeEventListener: (type, f) => { if (type === "message") ecouteurs.delete(f); },
    dispatchEvent: (evenement) => { for (const f of [...ecouteurs]) f(evenement); return true; },
    setTimeout: (f, ms) => { minuteries.push({ f, ms, annulee: false }); return minuteries.length - 1; },
    clearTimeout: (n) => { if (minuteries[n]) minuteries[n].annulee = true; },
    importScripts: (adresse) => {
      importes.push(adresse);
      p.addEventListener("message", (e) => recus.push(e.data));
    },
  };
  p.self = p;
  vm.runInNewContext(SOURCE, p);
  const message = (data) => p.dispatchEvent(new MessageEvent("message", { data }));
  return { minuteries, recus, importes, message };
}

/** Faux moteur (Transport : surEtat) et faux document (focusin). */
function fauxMoteur() {
  const abonnes = [];
  return { surEtat: (f) => { abonnes.push(f); return () => {}; }, signaler: (etat) => abonnes.forEach((f) => f({ etat })) };
}
function fauxDocument() {
  const ecouteurs = [];
  return {
    addEventListener: (type, f) => { if (type === "focusin") ecouteurs.push(f); },
    focus: (selecteur) => ecouteurs.forEach((f) => f({ target: { matches: (s) => s === selecteur } })),
  };
}

const CHAMP = 'input[data-md-component="search-query"]';
const MISE_EN_PLACE = { type: 0, data: { docs: [] } };
const REQUETE = { type: 2, data: "prévention" };
const WORKER_MATERIAL = "http://exemple.test/assets/javascripts/workers/search.a7633da7.min.js";

test("les messages de Material sont gardés jusqu'à la fin du démarrage du moteur, puis rejoués", () => {
  const { Canal } = fauxCanaux();
  const moteur = fauxMoteur();
  libererRecherche(moteur, fauxDocument(), Canal);
  const { recus, importes, message, minuteries } = relais(Canal);
  message(MISE_EN_PLACE);
  moteur.signaler("chargement");
  assert.deepEqual(importes, []);
  moteur.signaler("pret");
  assert.deepEqual(importes, [WORKER_MATERIAL]);
  assert.deepEqual(recus, [MISE_EN_PLACE]);
  assert.equal(minuteries[0].annulee, true);
  message(REQUETE); // ensuite, le worker de Material reçoit directement, une seule fois
  assert.deepEqual(recus, [MISE_EN_PLACE, REQUETE]);
  moteur.signaler("erreur");
  assert.equal(importes.length, 1);
});

test("le lecteur qui ouvre la recherche la libère sans attendre le moteur", () => {
  const { Canal } = fauxCanaux();
  const document = fauxDocument();
  libererRecherche(fauxMoteur(), document, Canal);
  const { importes, message } = relais(Canal);
  message(MISE_EN_PLACE);
  document.focus("input.autre-champ");
  assert.deepEqual(importes, []);
  document.focus(CHAMP);
  assert.deepEqual(importes, [WORKER_MATERIAL]);
});

test("un relais arrivé après la fin du démarrage est libéré aussitôt (poignée de main)", () => {
  const { Canal } = fauxCanaux();
  const moteur = fauxMoteur();
  libererRecherche(moteur, null, Canal);
  moteur.signaler("indisponible"); // diffusé avant que le relais existe : perdu pour lui
  const { importes, message } = relais(Canal);
  message(MISE_EN_PLACE);
  assert.deepEqual(importes, [WORKER_MATERIAL]);
});

test("sans signal, le worker de Material est lancé au bout du délai maximal ; sans canal, la page ne fait rien", () => {
  const { Canal } = fauxCanaux();
  const { recus, importes, message, minuteries } = relais(Canal);
  message(MISE_EN_PLACE);
  assert.equal(minuteries.length, 1);
  assert.equal(minuteries[0].ms, 5000);
  minuteries[0].f();
  assert.deepEqual(importes, [WORKER_MATERIAL]);
  assert.deepEqual(recus, [MISE_EN_PLACE]);
  const fermer = libererRecherche(fauxMoteur(), null, null); // navigateur sans BroadcastChannel
  assert.equal(typeof fermer, "function");
});

test("le relais et la page parlent sur le même canal", () => {
  const { Canal, ouverts } = fauxCanaux();
  relais(Canal);
  assert.equal(ouverts[0].nom, CANAL);
});
