// Tests des fichiers du dossier (docs/assets/js/mon-cpom/fichiers.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { analyserImport, nomFichier, refusDuMoteur, texteExport } from "../../docs/assets/js/mon-cpom/fichiers.js";

const DOSSIER = { format: "guide-cpom-bfc/dossier", version: 1, og: { raison_sociale: "CCAS", finess_juridique: "250 006 079" } };

test("export puis import : le même dossier", () => {
  const texte = texteExport(DOSSIER);
  assert.ok(texte.endsWith("}\n"));
  assert.deepEqual(analyserImport(texte), { ok: true, dossier: DOSSIER });
  assert.deepEqual(analyserImport(`\uFEFF${texte}`), { ok: true, dossier: DOSSIER });
});

test("nom de fichier tiré du FINESS juridique", () => {
  assert.equal(nomFichier(DOSSIER), "mon-cpom-250006079.json");
  assert.equal(nomFichier({}, "csv", "efficience"), "mon-cpom-efficience.csv");
});

test("fichiers étrangers ou abîmés refusés avec un message qui le dit", () => {
  const cas = [
    ["", "Le fichier est vide : rien n'a été importé."],
    ["{\"format\": ", "Ce fichier n'est pas un fichier JSON lisible (fichier abîmé ou d'un autre type) : rien n'a été importé."],
    ["[1]", "Ce fichier JSON ne contient pas un dossier « Mon CPOM » : rien n'a été importé."],
    ['{"format": "mon-cpom-bfc", "version": 1}', "Ce fichier n'est pas un dossier « Mon CPOM » du guide (le format « mon-cpom-bfc », format attendu « guide-cpom-bfc/dossier ») : rien n'a été importé."],
    ['{"etablissements": []}', "Ce fichier n'est pas un dossier « Mon CPOM » du guide (aucun marqueur de format, format attendu « guide-cpom-bfc/dossier ») : rien n'a été importé."],
  ];
  for (const [texte, message] of cas) assert.deepEqual(analyserImport(texte), { ok: false, message });
});

test("le moteur refuse l'import pour un format ou une version, pas pour une erreur de contenu", () => {
  assert.equal(refusDuMoteur({ ok: true, resultat: {} }), null);
  assert.equal(refusDuMoteur({ ok: false, erreurs: [{ champ: "esms[0].capacite", message: "nombre positif attendu" }] }), null);
  assert.equal(
    refusDuMoteur({ ok: false, erreurs: [{ champ: "version", message: "version 2 plus récente que celle que ce guide sait lire (1)" }] }),
    "version : version 2 plus récente que celle que ce guide sait lire (1). Rien n'a été importé.",
  );
});
