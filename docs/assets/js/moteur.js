// File de calcul « la saisie la plus récente gagne », sans délai d'attente ni minuterie.
//
// - au plus UN calcul en cours et UNE demande en attente : une nouvelle demande remplace celle qui
//   attendait (la file ne grandit jamais, quelle que soit la vitesse de frappe) ;
// - une réponse n'est livrée que si sa demande est encore la plus récente : une réponse plus ancienne
//   n'est jamais affichée après une plus récente ; les demandes dépassées reçoivent PERIMEE ;
// - annuler() rend périmées la demande en cours et celle en attente (ex. « Effacer la saisie »).
// - avec l'option `cle`, une demande identique à la précédente (même clé) n'est pas refaite : elle
//   reçoit INCHANGEE, la réponse de la précédente est déjà affichée ou en route. Sans cela, l'événement
//   « change » qui suit les « input » d'un champ (au mousedown d'un clic ailleurs) relance un calcul
//   dont l'affichage remplace le bouton sous le pointeur entre mousedown et mouseup : le clic est perdu.
//
// Aucun accès au DOM ni au worker : `executer(demande)` (fonction qui renvoie une promesse) est fournie
// par l'appelant. Testé par tests/js/moteur.test.mjs (node --test).

export const PERIMEE = Symbol("demande périmée");
export const INCHANGEE = Symbol("demande identique à la précédente");

export class FileDeCalcul {
  #executer;
  #enCours = false;
  #attente = null;
  #numero = 0;
  #cle;
  #derniereCle; // clé de la demande la plus récente ; undefined après une erreur ou annuler()

  /**
   * @param {(demande: any) => Promise<any>} executer
   * @param {{cle?: (demande: any) => string}} [options]
   */
  constructor(executer, { cle } = {}) {
    this.#executer = executer;
    this.#cle = cle;
  }

  /** Nombre de demandes gardées : 0, 1 (en cours) ou 2 (en cours + en attente). */
  get taille() {
    return (this.#enCours ? 1 : 0) + (this.#attente ? 1 : 0);
  }

  /** Demande un calcul ; la promesse donne sa réponse, ou PERIMEE si une demande plus récente existe.
   * Elle n'est rejetée (erreur d'`executer`) que si la demande est encore la plus récente.
   * Avec l'option `cle` : INCHANGEE, sans exécution, si la demande a la même clé que la précédente. */
  demander(demande) {
    const cle = this.#cle ? this.#cle(demande) : undefined;
    if (cle !== undefined && cle === this.#derniereCle) return Promise.resolve(INCHANGEE);
    this.#derniereCle = cle;
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
    this.#derniereCle = undefined;
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
        (erreur) => terminer(() => {
          this.#derniereCle = undefined; // la même demande pourra être refaite
          rejeter(erreur);
        }),
      );
  }
}
