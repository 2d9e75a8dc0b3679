// Tests du transport vers le moteur (docs/assets/js/transport.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { MESSAGE_INDISPONIBLE, MoteurIndisponible, Transport } from "../../docs/assets/js/transport.js";

/** Faux worker : répond aux messages par `repondre(message)` (le message à émettre, ou null). */
function fauxWorker(repondre, { pret = { type: "pret", duree_ms: 1, depart: "instantane" } } = {}) {
  const worker = {
    messages: [],
    onmessage: null,
    onerror: null,
    postMessage(message) {
      this.messages.push(message);
      const reponse = repondre(message);
      if (reponse) setImmediate(() => this.onmessage({ data: reponse }));
    },
  };
  if (pret) setImmediate(() => worker.onmessage({ data: pret }));
  return worker;
}

const echo = (m) => ({ type: "reponse", id: m.id, json: JSON.stringify({ ok: true, resultat: { nom: m.nom, id: m.id } }) });

test("envoie {id, nom, entree}, rend le texte JSON du moteur et suit les états", async () => {
  let worker;
  let t = 0;
  const transport = new Transport(() => (worker = fauxWorker(echo)), () => (t += 10));
  const etats = [];
  transport.surEtat((e) => etats.push(e.etat));
  assert.equal(transport.etat.etat, "arret");
  assert.equal(transport.depart, null);
  const [a, b] = await Promise.all([transport.executer("avancement", { x: 1 }), transport.executer("csv_lire", { x: 2 })]);
  assert.equal(a, '{"ok":true,"resultat":{"nom":"avancement","id":1}}');
  assert.equal(b, '{"ok":true,"resultat":{"nom":"csv_lire","id":2}}');
  assert.deepEqual(worker.messages, [{ id: 1, nom: "avancement", entree: { x: 1 } }, { id: 2, nom: "csv_lire", entree: { x: 2 } }]);
  assert.deepEqual(etats, ["chargement", "pret"]);
  assert.equal(transport.depart, "instantane");
  assert.deepEqual(transport.instants, { chargement: 10, pret: 20 });
  assert.deepEqual(await transport.executerObjet("trajectoire", {}), { ok: true, resultat: { nom: "trajectoire", id: 3 } });
});

test("les paramètres de test ne sont envoyés que s'ils sont donnés", async () => {
  let worker;
  const transport = new Transport(() => (worker = fauxWorker(echo)));
  await transport.executer("trajectoire", "{}", '{"p": 1}');
  assert.deepEqual(worker.messages[0], { id: 1, nom: "trajectoire", entree: "{}", parametres: '{"p": 1}' });
});

test("un seul worker, même après plusieurs démarrages ; désabonnement", async () => {
  let crees = 0;
  const transport = new Transport(() => { crees += 1; return fauxWorker(() => null); });
  const vus = [];
  const desabonner = transport.surEtat((e) => vus.push(e.etat));
  desabonner();
  await Promise.all([transport.demarrer(), transport.demarrer()]);
  await transport.demarrer();
  assert.equal(crees, 1);
  assert.deepEqual(vus, []);
});

test("échec de chargement : message français, demandes en attente rejetées", async () => {
  const transport = new Transport(() => {
    const w = fauxWorker(() => null, { pret: null });
    setImmediate(() => w.onmessage({ data: { type: "erreur_chargement", message: "pyodide absent" } }));
    return w;
  });
  const attendu = "Le moteur de calcul n'a pas pu être chargé : pyodide absent. Rechargez la page pour réessayer.";
  await assert.rejects(transport.executer("avancement", {}), { message: attendu });
  assert.deepEqual(transport.etat, { etat: "erreur", message: attendu });
});

test("erreur du worker (onerror) : état erreur, l'événement est absorbé", async () => {
  let absorbe = false;
  const transport = new Transport(() => {
    const w = fauxWorker(() => null, { pret: null });
    setImmediate(() => w.onerror({ message: "script introuvable", preventDefault: () => { absorbe = true; } }));
    return w;
  });
  await assert.rejects(transport.demarrer(), /script introuvable/);
  assert.equal(transport.etat.etat, "erreur");
  assert.ok(absorbe);
});

test("navigateur sans WebAssembly : état indisponible, sans chargement", async () => {
  const transport = new Transport(() => { throw new MoteurIndisponible(MESSAGE_INDISPONIBLE); });
  const etats = [];
  transport.surEtat((e) => etats.push(e.etat));
  await assert.rejects(transport.demarrer(), { message: MESSAGE_INDISPONIBLE });
  assert.deepEqual(etats, ["indisponible"]);
});

test("réponse d'erreur du moteur : la demande est rejetée avec son message, les autres continuent", async () => {
  const transport = new Transport(() => fauxWorker((m) => (m.nom === "casse"
    ? { type: "reponse", id: m.id, erreur: "Le moteur de calcul n'a pas pu traiter la demande : boum" }
    : echo(m))));
  await assert.rejects(transport.executer("casse", {}), /boum/);
  assert.equal(JSON.parse(await transport.executer("avancement", {})).ok, true);
});

test("un abonné arrivé après le démarrage apprend aussitôt l'état courant, puis les suivants", async () => {
  const transport = new Transport(() => fauxWorker(echo));
  const pret = transport.demarrer(); // démarrage précoce (demarrage.js) avant que la page s'abonne
  const etats = [];
  transport.surEtat((e) => etats.push(e.etat));
  assert.deepEqual(etats, ["chargement"]);
  await pret;
  assert.deepEqual(etats, ["chargement", "pret"]);
  const tard = [];
  transport.surEtat((e) => tard.push(e.etat));
  assert.deepEqual(tard, ["pret"]);
});

test("origine de l'instantané et copie locale gardée : lues dans les messages du worker", async () => {
  let worker;
  let t = 0;
  const transport = new Transport(
    () => (worker = fauxWorker(() => null, { pret: { type: "pret", duree_ms: 1, depart: "instantane", origine: "reseau" } })),
    () => (t += 10));
  assert.equal(transport.origine, null);
  assert.equal(transport.copieGardee, null);
  await transport.demarrer();
  assert.equal(transport.origine, "reseau");
  assert.equal(transport.copieGardee, null);
  worker.onmessage({ data: { type: "copie_gardee", ok: true } });
  assert.equal(transport.copieGardee, true);
  assert.deepEqual(transport.instants, { chargement: 10, pret: 20, copie_gardee: 30 });
  worker.onmessage({ data: { type: "copie_gardee", ok: false } });
  assert.equal(transport.copieGardee, false);
});
