// Tests des fichiers importés et exportés (docs/assets/js/fichiers.js) : node --test tests/js/
// Les champs sont des objets de la forme des éléments du formulaire (tagName, name, value, dataset, options).
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  cellulesCsv, colonnesCsv, entreeDepuisJson, estCsv, nomFichier, resultatOuErreur, valeursDepuisCsv,
} from "../../docs/assets/js/fichiers.js";

const texte = (name, colonne, value, extra = {}) => ({ tagName: "INPUT", name, value, dataset: { colonne, ...extra } });
function liste(name, colonne, options, valeur) {
  const opts = options.map(([value, text]) => ({ value, text }));
  return { tagName: "SELECT", name, dataset: { colonne }, options: opts, selectedIndex: opts.findIndex((o) => o.value === valeur), value: valeur };
}

const ligne = () => [
  texte("actions[0].libelle", "Libellé de l'action", "  Répit; aidants "),
  liste("actions[0].secteur", "Secteur", [["PA", "PA – personnes âgées"], ["PH", "PH – personnes en situation de handicap"]], "PA"),
  texte("actions[0].type_actions", "Type d'actions", "", { colonneFacultative: "" }),
  texte("actions[0].avancement_phase", "% de la phase réalisé", "12,5"),
];

test("colonnes demandées à Python, facultatives comprises", () => {
  assert.deepEqual(colonnesCsv(ligne()), [
    { titre: "Libellé de l'action", facultative: false }, { titre: "Secteur", facultative: false },
    { titre: "Type d'actions", facultative: true }, { titre: "% de la phase réalisé", facultative: false },
  ]);
});

test("cellules exportées : libellé de l'option choisie, texte rogné (le CSV est écrit par Python)", () => {
  assert.deepEqual(cellulesCsv(ligne()), ["Répit; aidants", "PA – personnes âgées", "", "12,5"]);
});

test("cellules importées → valeurs de la ligne : libellé ou valeur d'option, sans accents ni casse", () => {
  const champs = ligne();
  assert.deepEqual(valeursDepuisCsv(champs, "actions[0]", ["Répit", "ph – personnes en situation de handicap", null, "dix"]), {
    ".libelle": "Répit", ".secteur": "PH", ".type_actions": "", ".avancement_phase": "dix",
  });
  // Valeur inconnue gardée telle quelle : Python la refusera en nommant le champ.
  assert.equal(valeursDepuisCsv(champs, "actions[0]", ["A", "PX", "", "1"])[".secteur"], "PX");
  assert.equal(valeursDepuisCsv(champs, "actions[0]", ["A", "PA", "", "1"])[".secteur"], "PA");
});

test("réponse de csv_lire : résultat, ou erreur au message de Python", () => {
  assert.deepEqual(resultatOuErreur({ ok: true, resultat: { lignes: [] } }), { lignes: [] });
  assert.throws(
    () => resultatOuErreur({ ok: false, erreurs: [{ champ: "texte", message: "plan.csv : fichier vide." }] }),
    { message: "plan.csv : fichier vide." },
  );
});

test("JSON importé : accepté s'il contient une donnée attendue ; refusé sinon, avec un message français", () => {
  const racines = ["etablissements"];
  assert.deepEqual(entreeDepuisJson('\ufeff{"etablissements": []}', "esms.json", racines), { etablissements: [] });
  assert.throws(() => entreeDepuisJson("{abîmé", "esms.json", racines), /^Error: esms\.json : JSON illisible \(/);
  assert.throws(() => entreeDepuisJson("[1]", "esms.json", racines),
    { message: "le fichier doit contenir un objet JSON (le même que pour « python -m calculators »)." });
  assert.throws(() => entreeDepuisJson('{"format": "guide-cpom-bfc/dossier"}', "dossier.json", racines),
    { message: "dossier.json ne correspond pas à ce calculateur : aucune des données attendues (« etablissements »)." });
});

test("type et nom des fichiers", () => {
  assert.equal(estCsv({ name: "PLAN.CSV", type: "" }), true);
  assert.equal(estCsv({ name: "export", type: "text/csv" }), true);
  assert.equal(estCsv({ name: "plan.json", type: "application/json" }), false);
  assert.equal(nomFichier({ dataset: { calculateur: "avancement" } }, "csv"), "avancement.csv");
  assert.equal(nomFichier({ dataset: { calculateur: "indicateur", fichier: "taux-occupation" } }, "json"), "taux-occupation.json");
});
