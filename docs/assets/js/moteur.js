// File de calcul « la saisie la plus récente gagne », sans délai d'attente ni minuterie.
//
// - au plus UN calcul en cours et UNE demande en attente : une nouvelle demande remplace celle qui
//   attendait (la file ne grandit jamais, quelle que soit la vitesse de frappe) ;
// - une réponse n'est livrée que si sa demande est encore la plus récente : une réponse plus ancienne
//   n'est jamais affichée après une plus récente ; les demandes dépassées reçoivent PERIMEE ;
// - annuler() rend périmées la demande en cours et celle en attente (ex. « Effacer la saisie »).
//
// Aucun accès au DOM ni au worker : `executer(demande)` (fonction qui renvoie une promesse) est fournie
// par l'appelant. Testé par tests/js/moteur.test.mjs (node --test).

export const PERIMEE = Symbol("demande périmée");

export class FileDeCalcul {
  #executer;
  #enCours = false;
  #attente = null;
  #numero = 0;

  /** @param {(demande: any) => Promise<any>} executer */
  constructor(executer) {
    this.#executer = executer;
  }

  /** Nombre de demandes gardées : 0, 1 (en cours) ou 2 (en cours + en attente). */
  get taille() {
    return (this.#enCours ? 1 : 0) + (this.#attente ? 1 : 0);
  }

  /** Demande un calcul ; la promesse donne sa réponse, ou PERIMEE si une demande plus récente existe.
   * Elle n'est rejetée (erreur d'`executer`) que si la demande est encore la plus récente. */
  demander(demande) {
    this.#numero += 1;
    const numero = this.#numero;
    return new Promise((resoudre, rejeter) => {
      if (this.#attente) this.#attente.resoudre(PERIMEE);
      this.#attente = { demande, numero, resoudre, rejeter };
      this.#lancer();
    });
  }

  /** Rend périmées toutes les demandes déjà faites. */
  annuler() {
    this.#numero += 1;
    if (this.#attente) {
      this.#attente.resoudre(PERIMEE);
      this.#attente = null;
    }
  }

  #lancer() {
    if (this.#enCours || !this.#attente) return;
    const { demande, numero, resoudre, rejeter } = this.#attente;
    this.#attente = null;
    this.#enCours = true;
    const terminer = (livrer) => {
      this.#enCours = false;
      if (numero === this.#numero) livrer();
      else resoudre(PERIMEE);
      this.#lancer();
    };
    Promise.resolve()
      .then(() => this.#executer(demande))
      .then(
        (reponse) => terminer(() => resoudre(reponse)),
        (erreur) => terminer(() => rejeter(erreur)),
      );
  }
}
