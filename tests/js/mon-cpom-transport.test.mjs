// Tests du transport vers le moteur (docs/assets/js/mon-cpom/transport.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { Transport } from "../../docs/assets/js/mon-cpom/transport.js";

/** Faux worker : répond aux messages par `repondre(message)` (renvoie le message à émettre ou null). */
function fauxWorker(repondre, { pret = true } = {}) {
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
  if (pret) setImmediate(() => worker.onmessage({ data: { type: "pret", duree_ms: 1 } }));
  return worker;
}

test("envoie {id, nom, entree} et rend le texte JSON du moteur, réponse par réponse", async () => {
  let worker;
  const transport = new Transport(() => (worker = fauxWorker((m) => ({ type: "reponse", id: m.id, json: `{"ok": true, "n": ${m.id}}` }))));
  const etats = [];
  transport.surEtat((e) => etats.push(e.etat));
  const [a, b] = await Promise.all([transport.executer("dossier", { x: 1 }), transport.executer("dossier", { x: 2 })]);
  assert.equal(a, '{"ok": true, "n": 1}');
  assert.equal(b, '{"ok": true, "n": 2}');
  assert.deepEqual(worker.messages, [{ id: 1, nom: "dossier", entree: { x: 1 } }, { id: 2, nom: "dossier", entree: { x: 2 } }]);
  assert.deepEqual(etats, ["chargement", "pret"]);
  assert.deepEqual(await transport.executerObjet("dossier", {}), { ok: true, n: 3 });
});

test("un seul worker, même après plusieurs démarrages", async () => {
  let crees = 0;
  const transport = new Transport(() => { crees += 1; return fauxWorker(() => null); });
  await Promise.all([transport.demarrer(), transport.demarrer()]);
  await transport.demarrer();
  assert.equal(crees, 1);
});

test("échec de chargement : message français, demandes rejetées", async () => {
  const transport = new Transport(() => {
    const w = fauxWorker(() => null, { pret: false });
    setImmediate(() => w.onmessage({ data: { type: "erreur_chargement", message: "pyodide absent" } }));
    return w;
  });
  const etats = [];
  transport.surEtat((e) => etats.push(e));
  await assert.rejects(transport.executer("dossier", {}), /Le moteur de calcul n'a pas pu être chargé : pyodide absent\. Rechargez la page/);
  assert.equal(etats.at(-1).etat, "erreur");
});

test("Worker impossible à créer : rejet, pas d'exception levée hors de la promesse", async () => {
  const transport = new Transport(() => { throw new Error("Worker indisponible"); });
  await assert.rejects(transport.executer("dossier", {}), /Worker indisponible/);
});

test("erreur imprévue du moteur pour une demande : cette demande est rejetée avec le message", async () => {
  const transport = new Transport(() => fauxWorker((m) => ({ type: "reponse", id: m.id, erreur: "Le moteur de calcul n'a pas pu traiter la demande : boum" })));
  await assert.rejects(transport.executer("dossier", {}), /boum/);
});
