// Tests de la file de calcul (docs/assets/js/moteur.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { FileDeCalcul, INCHANGEE, PERIMEE } from "../../docs/assets/js/moteur.js";

/** Exécuteur piloté à la main : chaque appel reste en suspens jusqu'à repondre(i) ou echouer(i). */
function executeurManuel() {
  const appels = [];
  const executer = (demande) => new Promise((resoudre, rejeter) => appels.push({ demande, resoudre, rejeter }));
  return { appels, executer };
}

const tour = () => new Promise((r) => setImmediate(r));

test("une demande seule reçoit sa réponse", async () => {
  const file = new FileDeCalcul(async (x) => x * 2);
  assert.equal(await file.demander(21), 42);
  assert.equal(file.taille, 0);
});

test("la plus récente gagne : celle en attente est remplacée, la file ne dépasse jamais 2", async () => {
  const { appels, executer } = executeurManuel();
  const file = new FileDeCalcul(executer);
  const promesses = [];
  for (let i = 1; i <= 50; i += 1) {
    promesses.push(file.demander(i));
    assert.ok(file.taille <= 2, `taille ${file.taille} après ${i} demandes`);
  }
  await tour();
  assert.equal(appels.length, 1); // une seule exécution en cours : la 1re
  assert.equal(appels[0].demande, 1);
  appels[0].resoudre("réponse 1");
  await tour();
  assert.deepEqual(appels.map((a) => a.demande), [1, 50]); // 2 à 49 n'ont jamais été exécutées
  appels[1].resoudre("réponse 50");
  const resultats = await Promise.all(promesses);
  assert.equal(resultats[0], PERIMEE); // réponse 1 arrivée après la demande 50 : jamais livrée
  assert.ok(resultats.slice(1, 49).every((r) => r === PERIMEE));
  assert.equal(resultats[49], "réponse 50");
  assert.equal(file.taille, 0);
});

test("une réponse ancienne n'est jamais livrée après une plus récente, même si elle arrive en retard", async () => {
  // Exécuteur dont les réponses arrivent dans le désordre (la plus ancienne en dernier).
  const { appels, executer } = executeurManuel();
  const file = new FileDeCalcul(executer);
  const livrees = [];
  const suivre = (p, n) => p.then((r) => { if (r !== PERIMEE) livrees.push([n, r]); });
  const a = suivre(file.demander("a"), 1);
  await tour();
  const b = suivre(file.demander("b"), 2);
  appels[0].resoudre("A");
  await tour();
  appels[1].resoudre("B");
  await Promise.all([a, b]);
  assert.deepEqual(livrees, [[2, "B"]]);
});

test("l'erreur de la demande la plus récente est rejetée ; celle d'une demande dépassée devient PERIMEE", async () => {
  const { appels, executer } = executeurManuel();
  const file = new FileDeCalcul(executer);
  const premiere = file.demander(1);
  await tour();
  const seconde = file.demander(2);
  appels[0].rejeter(new Error("ancienne"));
  assert.equal(await premiere, PERIMEE);
  await tour();
  appels[1].rejeter(new Error("moteur indisponible"));
  await assert.rejects(seconde, /moteur indisponible/);
  // La file reste utilisable après une erreur.
  const troisieme = file.demander(3);
  await tour();
  appels[2].resoudre("ok");
  assert.equal(await troisieme, "ok");
});

test("annuler rend périmées la demande en cours et celle en attente", async () => {
  const { appels, executer } = executeurManuel();
  const file = new FileDeCalcul(executer);
  const enCours = file.demander(1);
  await tour();
  const enAttente = file.demander(2);
  file.annuler();
  assert.equal(await enAttente, PERIMEE);
  appels[0].resoudre("trop tard");
  assert.equal(await enCours, PERIMEE);
  await tour();
  assert.equal(appels.length, 1); // la demande annulée n'est jamais exécutée
  assert.equal(file.taille, 0);
});

test("une exception synchrone de l'exécuteur devient un rejet", async () => {
  const file = new FileDeCalcul(() => { throw new Error("synchrone"); });
  await assert.rejects(file.demander(1), /synchrone/);
  assert.equal(file.taille, 0);
});

test("avec une clé, une demande identique à la précédente n'est pas refaite (INCHANGEE) ; une différente l'est", async () => {
  const { appels, executer } = executeurManuel();
  const file = new FileDeCalcul(executer, { cle: (d) => JSON.stringify(d) });
  const a = file.demander({ x: 1 });
  assert.equal(await file.demander({ x: 1 }), INCHANGEE); // « change » après « input » : rien à refaire
  await tour();
  assert.equal(appels.length, 1);
  appels[0].resoudre("A");
  assert.equal(await a, "A"); // la première n'est pas rendue périmée par la demande identique
  assert.equal(await file.demander({ x: 1 }), INCHANGEE);
  const b = file.demander({ x: 2 });
  await tour();
  appels[1].resoudre("B");
  assert.equal(await b, "B");
  const c = file.demander({ x: 1 }); // retour à une saisie antérieure : recalculée
  await tour();
  assert.equal(appels.length, 3);
  appels[2].resoudre("A");
  assert.equal(await c, "A");
});

test("avec une clé, la même demande est refaite après une erreur ou annuler()", async () => {
  const { appels, executer } = executeurManuel();
  const file = new FileDeCalcul(executer, { cle: String });
  const a = file.demander(1);
  await tour();
  appels[0].rejeter(new Error("moteur indisponible"));
  await assert.rejects(a, /moteur indisponible/);
  const b = file.demander(1);
  await tour();
  assert.equal(appels.length, 2);
  appels[1].resoudre("ok");
  assert.equal(await b, "ok");
  file.annuler();
  const c = file.demander(1);
  await tour();
  assert.equal(appels.length, 3);
  appels[2].resoudre("encore");
  assert.equal(await c, "encore");
});
