// Tests de la liaison formulaire ↔ dossier (docs/assets/js/mon-cpom/liaison.js) : node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import { cheminFormulaire, convertirListe, convertirNombre, ecrire, lire, nettoyer, versDossier, versFormulaire } from "../../docs/assets/js/mon-cpom/liaison.js";

const MODULES = [
  { id: "transformation-offre", statut: "obligatoire" },
  { id: "prevention", statut: "obligatoire" },
  { id: "evaluation-has", statut: "a_la_carte" },
  { id: "inspection-controle", statut: "a_la_carte" },
];

test("chemins JSON : lire et écrire, listes créées à la demande", () => {
  const objet = {};
  ecrire(objet, "esms[1].nom", "IME");
  ecrire(objet, "modules.prevention.suivi.N1.taux", 15);
  assert.equal(objet.esms.length, 2);
  assert.deepEqual(objet.esms[1], { nom: "IME" });
  assert.deepEqual(objet.modules, { prevention: { suivi: { N1: { taux: 15 } } } });
  assert.equal(lire(objet, "esms[1].nom"), "IME");
  assert.equal(lire(objet, "esms[3].nom"), undefined);
});

test("nombres à la française convertis, le reste laissé au moteur", () => {
  assert.equal(convertirNombre("1 234,5"), 1234.5);
  assert.equal(convertirNombre("80"), 80);
  assert.equal(convertirNombre("-0,5"), -0.5);
  assert.equal(convertirNombre(" abc "), "abc");
  assert.equal(convertirNombre("1e3"), "1e3");
  assert.deepEqual(convertirListe("250004389, 250000001,, "), ["250004389", "250000001"]);
});

test("nettoyer : champs non saisis retirés, indices des lignes gardés", () => {
  assert.deepEqual(nettoyer({ a: "", b: [], c: { d: " " }, e: 0, f: false }), { e: 0, f: false });
  assert.deepEqual(nettoyer([{ x: "" }, { x: 1 }]), [{}, { x: 1 }]);
  assert.equal(nettoyer([{ x: "" }]), undefined);
});

test("formulaire → dossier : modules obligatoires saisis, à la carte retenus seulement", () => {
  const etat = {
    og: { raison_sociale: "CCAS", finess_juridique: "250006079" },
    premiere_annee: 2026,
    annee_suivi: 2,
    esms: [{ finess: "250004389", nom: "EHPAD", secteur: "PA", categorie: "EHPAD", capacite: 80, dotation: "" }],
    modules: {
      "transformation-offre": { types_actions: { PA: ["autodetermination"], PH: [] }, constat: "", suivi: { N1: { taux: "" } } },
      prevention: { types_actions: { PA: [], PH: [] }, objectif: "" },
      "evaluation-has": { retenu: true, declenchement: "avenant", date: "2027-01-01" },
      "inspection-controle": { retenu: false, declenchement: "avenant" },
    },
    actions: [{ libelle: "A", module: "prevention", type_actions: "vaccination", esms: [], phase: "execution", avancement_phase: 50 }],
    points_fragilite: [{ libelle: "Recrutement", retenu: true, resolu_en: "" }, { libelle: "Écarté", retenu: false, resolu_en: "N1" }],
  };
  assert.deepEqual(versDossier(etat, MODULES), {
    format: "guide-cpom-bfc/dossier",
    version: 1,
    og: { raison_sociale: "CCAS", finess_juridique: "250006079" },
    premiere_annee: 2026,
    annee_suivi: 2,
    esms: [{ finess: "250004389", nom: "EHPAD", secteur: "PA", categorie: "EHPAD", capacite: 80 }],
    modules: [
      { id: "transformation-offre", types_actions: { PA: ["autodetermination"] } },
      { id: "evaluation-has", declenchement: "avenant", date: "2027-01-01" },
    ],
    actions: [{ libelle: "A", module: "prevention", type_actions: "vaccination", phase: "execution", avancement_phase: 50 }],
    points_fragilite: [{ libelle: "Recrutement" }, { libelle: "Écarté", retenu: false, resolu_en: "N1" }],
  });
});

test("dossier → formulaire → dossier : identique", () => {
  const dossier = {
    format: "guide-cpom-bfc/dossier",
    version: 1,
    og: { raison_sociale: "CCAS", finess_juridique: "250006079" },
    premiere_annee: 2026,
    annee_suivi: 3,
    esms: [{ finess: "250004389", nom: "EHPAD", secteur: "PA", categorie: "EHPAD" }],
    modules: [
      { id: "prevention", valeur_initiale: 0, cible_finale: 100, suivi: { N1: { taux: 15 } }, types_actions: { PH: ["vaccination"] } },
      { id: "inspection-controle", declenchement: "contractualisation", date: "2026-01-01", suivi: { N1: { valeurs: { mesures_levees: 1, mesures_notifiees: 4 } } } },
    ],
    actions: [{ libelle: "A", module: "prevention", type_actions: "vaccination", esms: ["250004389"], phase: "cloture", avancement_phase: 100 }],
    points_fragilite: [{ diagnostic: "250004389/absenteisme", retenu: false }, { libelle: "B", resolu_en: "N2" }],
  };
  assert.deepEqual(versDossier(versFormulaire(dossier, MODULES), MODULES), dossier);
});

test("les chiffres d'autodiagnostic, absents du formulaire, sont gardés (ESMS retrouvés par FINESS)", async () => {
  const { horsFormulaire, reattacher } = await import("../../docs/assets/js/mon-cpom/liaison.js");
  const dossier = { format: "guide-cpom-bfc/dossier", version: 1, esms: [{ finess: "250004389", nom: "A", diagnostic: { absenteisme: { valeur: 12 } } }, { finess: "250000001", nom: "B" }] };
  const hors = horsFormulaire(dossier);
  const relu = versDossier(versFormulaire(dossier, MODULES), MODULES);
  relu.esms.reverse();
  assert.deepEqual(reattacher(relu, hors).esms, [{ finess: "250000001", nom: "B" }, { finess: "250004389", nom: "A", diagnostic: { absenteisme: { valeur: 12 } } }]);
});

test("horsFormulaire ne garde que les indicateurs que le formulaire ne montre pas ; reattacher les joint aux chiffres saisis", async () => {
  const { horsFormulaire, reattacher } = await import("../../docs/assets/js/mon-cpom/liaison.js");
  const importe = { esms: [{ finess: "250004389", diagnostic: { "idf-rotation": { valeurs: { taux_entree: 10, taux_sortie: 14 } }, "autre-indicateur": { valeur: 3 } } }] };
  const hors = horsFormulaire(importe, ["idf-rotation", "idf-absenteisme"]);
  assert.deepEqual(hors, { diagnostics: { "250004389": { "autre-indicateur": { valeur: 3 } } } });
  // Le formulaire a effacé la rotation et saisi l'absentéisme : la rotation ne revient pas.
  const saisi = { esms: [{ finess: "250004389", diagnostic: { "idf-absenteisme": { valeur: 12 } } }, { finess: "250000001" }] };
  assert.deepEqual(reattacher(saisi, hors).esms, [
    { finess: "250004389", diagnostic: { "autre-indicateur": { valeur: 3 }, "idf-absenteisme": { valeur: 12 } } }, { finess: "250000001" },
  ]);
  assert.deepEqual(horsFormulaire({ esms: [{ finess: "1", diagnostic: { "idf-rotation": { valeur: 1 } } }] }, ["idf-rotation"]), { diagnostics: {} });
});

test("cheminFormulaire : les modules du dossier (liste) deviennent ceux du formulaire (par id)", () => {
  const dossier = { modules: [{ id: "transformation-offre" }, { id: "prevention" }] };
  assert.equal(cheminFormulaire("modules[1].suivi.N1.valeur", dossier), "modules.prevention.suivi.N1.valeur");
  assert.equal(cheminFormulaire("modules[0]", dossier), "modules.transformation-offre");
  assert.equal(cheminFormulaire("modules[7].date", dossier), "modules[7].date"); // indice hors liste : inchangé
  assert.equal(cheminFormulaire("esms[0].capacite", dossier), "esms[0].capacite");
  assert.equal(cheminFormulaire("modules[0].id", { modules: [{ id: 3 }] }), "modules[0].id"); // id qui n'est pas un texte
});
