// Transport vers le moteur Python (worker.js) — une seule responsabilité : envoyer {id, nom, entree}
// au worker et rendre le texte JSON de `calculators.contrat.executer_json`. Aucun calcul ici.
//
// Le worker est créé par la fonction fournie au constructeur (dans le site : `workerDuSite()` ;
// dans les tests : un faux worker). Testé par tests/js/mon-cpom-transport.test.mjs (node --test).

export class Transport {
  #creer;
  #worker = null;
  #pret = null;
  #attentes = new Map();
  #compteur = 0;
  #abonnes = new Set();

  /** @param {() => {postMessage: Function, onmessage: any, onerror: any}} creerWorker */
  constructor(creerWorker) {
    this.#creer = creerWorker;
  }

  /** Appelle `rappel({etat, message})` à chaque changement : chargement, pret, erreur. */
  surEtat(rappel) {
    this.#abonnes.add(rappel);
  }

  #signaler(etat, message) {
    for (const rappel of this.#abonnes) rappel({ etat, message });
  }

  /** Démarre le worker (une fois) ; la promesse est tenue quand le moteur est prêt. */
  demarrer() {
    if (this.#pret) return this.#pret;
    this.#signaler("chargement", "Chargement du moteur de calcul Python… (quelques secondes à la première visite)");
    this.#pret = new Promise((resoudre, rejeter) => {
      const echec = (message) => {
        const texte = `Le moteur de calcul n'a pas pu être chargé : ${message}. Rechargez la page pour réessayer.`;
        this.#signaler("erreur", texte);
        for (const attente of this.#attentes.values()) attente.rejeter(new Error(texte));
        this.#attentes.clear();
        rejeter(new Error(texte));
      };
      try {
        this.#worker = this.#creer();
      } catch (erreur) {
        echec(String((erreur && erreur.message) || erreur));
        return;
      }
      this.#worker.onmessage = ({ data }) => {
        if (!data) return;
        if (data.type === "pret") {
          this.#signaler("pret", "Moteur de calcul prêt.");
          resoudre();
        } else if (data.type === "erreur_chargement") {
          echec(data.message);
        } else if (data.type === "reponse" && this.#attentes.has(data.id)) {
          const attente = this.#attentes.get(data.id);
          this.#attentes.delete(data.id);
          if (typeof data.json === "string") attente.resoudre(data.json);
          else attente.rejeter(new Error(data.erreur || "réponse vide du moteur"));
        }
      };
      this.#worker.onerror = (evenement) => {
        if (evenement && evenement.preventDefault) evenement.preventDefault();
        echec((evenement && evenement.message) || "erreur inconnue du worker");
      };
    });
    this.#pret.catch(() => {});
    return this.#pret;
  }

  /** Texte JSON de executer_json(nom, entree) ; `entree` : objet JSON (le même que pour la CLI). */
  async executer(nom, entree) {
    await this.demarrer();
    this.#compteur += 1;
    const id = this.#compteur;
    return new Promise((resoudre, rejeter) => {
      this.#attentes.set(id, { resoudre, rejeter });
      this.#worker.postMessage({ id, nom, entree });
    });
  }

  /** Comme `executer`, réponse décodée : {ok, resultat} ou {ok: false, erreurs}. */
  async executerObjet(nom, entree) {
    return JSON.parse(await this.executer(nom, entree));
  }
}

/** Fabrique du worker du site (module voisin ../worker.js). */
export function workerDuSite() {
  return new Worker(new URL("../worker.js", import.meta.url), { type: "module" });
}
