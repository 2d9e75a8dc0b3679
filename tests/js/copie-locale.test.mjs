// Tests de la copie locale de l'instantané (docs/assets/js/copie-locale.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { createHash } from "node:crypto";

import { empreinteDe, garderCopie, lireCopie, lireFichier, nomCopie, oublierCopie, trouverCopie } from "../../docs/assets/js/copie-locale.js";

const sha256 = (octets) => createHash("sha256").update(octets).digest("hex");

const EMPREINTE = "ab".repeat(32);

/** Faux dossier du système de fichiers privé : mêmes méthodes que FileSystemDirectoryHandle, en mémoire.
 * `refuser` : l'écriture échoue à la fermeture (quota) ; le fichier garde alors son ancien contenu. */
function fauxDossier(fichiers = {}, { refuser = false } = {}) {
  const contenu = new Map(Object.entries(fichiers));
  const introuvable = () => Object.assign(new Error("introuvable"), { name: "NotFoundError" });
  return {
    contenu,
    async getFileHandle(nom, { create = false } = {}) {
      if (!contenu.has(nom)) {
        if (!create) throw introuvable();
        contenu.set(nom, new Uint8Array(0));
      }
      return {
        async getFile() {
          const octets = contenu.get(nom);
          return { size: octets.length, arrayBuffer: async () => octets.slice().buffer };
        },
        async createWritable() {
          const morceaux = [];
          return {
            async write(donnees) { morceaux.push(new Uint8Array(donnees)); },
            async close() {
              if (refuser) throw Object.assign(new Error("quota"), { name: "QuotaExceededError" });
              contenu.set(nom, new Uint8Array(Buffer.concat(morceaux)));
            },
            async abort() {},
          };
        },
      };
    },
    async removeEntry(nom) {
      if (!contenu.delete(nom)) throw introuvable();
    },
    async *keys() { yield* [...contenu.keys()]; },
  };
}

test("le nom de la copie porte la version de Pyodide et l'empreinte ; une identité douteuse n'en a pas", () => {
  assert.equal(nomCopie({ version: "314.0.7", empreinte: EMPREINTE }), `instantane-314.0.7-${EMPREINTE}.bin`);
  assert.equal(nomCopie(null), null);
  assert.equal(nomCopie({ version: "314.0.7" }), null);
  assert.equal(nomCopie({ version: "../x", empreinte: EMPREINTE }), null);
  assert.equal(nomCopie({ version: "314.0.7", empreinte: "court" }), null);
  assert.equal(nomCopie({ version: "314.0.7", empreinte: EMPREINTE.toUpperCase() }), null);
});

test("une copie gardée est relue octet pour octet ; les copies d'autres constructions sont effacées", async () => {
  const dossier = fauxDossier({
    [`instantane-314.0.6-${"cd".repeat(32)}.bin`]: new Uint8Array([9]),
    "autre-fichier.txt": new Uint8Array([7]),
  });
  const nom = nomCopie({ version: "314.0.7", empreinte: EMPREINTE });
  const octets = new Uint8Array([1, 2, 3, 0, 5]);
  assert.equal(await empreinteDe(octets), sha256(octets));
  assert.equal(await garderCopie(dossier, nom, octets, sha256(octets)), true);
  assert.deepEqual([...dossier.contenu.keys()].sort(), ["autre-fichier.txt", nom]);
  assert.deepEqual(await lireCopie(dossier, nom, 5), octets);
});

test("une copie absente, d'une autre taille ou un stockage absent ne donnent rien (jamais d'exception)", async () => {
  const nom = nomCopie({ version: "314.0.7", empreinte: EMPREINTE });
  assert.equal(await lireCopie(fauxDossier(), nom, 5), null);
  assert.equal(await lireCopie(fauxDossier({ [nom]: new Uint8Array([1, 2, 3]) }), nom, 5), null);
  assert.equal(await lireCopie(null, nom, 5), null);
  assert.equal(await lireCopie(fauxDossier({ [nom]: new Uint8Array([1]) }), null, 1), null);
  const casse = { getFileHandle: async () => { throw new TypeError("stockage indisponible"); } };
  assert.equal(await lireCopie(casse, nom, 5), null);
  assert.equal(await garderCopie(casse, nom, new Uint8Array([1]), sha256(new Uint8Array([1]))), false);
  assert.equal(await garderCopie(null, nom, new Uint8Array([1]), sha256(new Uint8Array([1]))), false);
});

test("une écriture refusée rend faux, ne laisse rien sous ce nom ; les anciennes copies sont effacées avant", async () => {
  const ancienne = `instantane-314.0.6-${"cd".repeat(32)}.bin`;
  const dossier = fauxDossier({ [ancienne]: new Uint8Array([9]), "autre-fichier.txt": new Uint8Array([7]) }, { refuser: true });
  const nom = nomCopie({ version: "314.0.7", empreinte: EMPREINTE });
  const octets = new Uint8Array([1, 2]);
  assert.equal(await garderCopie(dossier, nom, octets, sha256(octets)), false);
  assert.deepEqual([...dossier.contenu.keys()], ["autre-fichier.txt"]);
});

test("des octets dont l'empreinte n'est pas celle annoncée ne sont jamais gardés", async () => {
  const nom = nomCopie({ version: "314.0.7", empreinte: EMPREINTE });
  const ancienne = `instantane-314.0.6-${"cd".repeat(32)}.bin`;
  const dossier = fauxDossier({ [ancienne]: new Uint8Array([9]) });
  const octets = new Uint8Array([1, 2, 3]);
  assert.equal(await garderCopie(dossier, nom, octets, sha256(new Uint8Array([1, 2, 4]))), false);
  assert.deepEqual([...dossier.contenu.keys()], [ancienne]); // rien d'écrit, rien d'effacé
});

test("oublierCopie efface la copie nommée, sans erreur si elle manque", async () => {
  const nom = nomCopie({ version: "314.0.7", empreinte: EMPREINTE });
  const dossier = fauxDossier({ [nom]: new Uint8Array([1]) });
  await oublierCopie(dossier, nom);
  assert.equal(dossier.contenu.has(nom), false);
  await oublierCopie(dossier, nom);
  await oublierCopie(null, nom);
});

test("trouverCopie donne le fichier sans le lire ; lireFichier le lit, ou rend null", async () => {
  const nom = nomCopie({ version: "314.0.7", empreinte: EMPREINTE });
  const dossier = fauxDossier({ [nom]: new Uint8Array([4, 5, 6]) });
  const fichier = await trouverCopie(dossier, nom, 3);
  assert.equal(fichier.size, 3);
  assert.equal(await trouverCopie(dossier, nom, 4), null);
  assert.deepEqual(await lireFichier(fichier, 3), new Uint8Array([4, 5, 6]));
  assert.equal(await lireFichier(fichier, 4), null); // remplacé entre-temps par une copie d'une autre taille
  assert.equal(await lireFichier(null, 3), null);
  assert.equal(await lireFichier({ arrayBuffer: async () => { throw new Error("illisible"); } }, 3), null);
});
