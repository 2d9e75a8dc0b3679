// Transport vers le moteur Python (worker.js) — une seule responsabilité : démarrer le worker une fois,
// lui envoyer {id, nom, entree[, parametres]} et rendre le texte JSON de
// `calculators.contrat.executer_json`. Aucun calcul ici.
//
// Le worker est créé par la fonction passée au constructeur (site : `workerDuSite` ; tests : un faux
// worker). États : arret → chargement → pret | erreur ; indisponible si le navigateur ne peut pas
// exécuter le moteur. Pas d'accès pour les tests sur `window` : un test importe ce module (même URL,
// même instance) et lit `moteurDuSite.etat`, `.depart`, `.origine`, `.instants`.
// Testé par tests/js/transport.test.mjs (node --test).

/** Erreur de `creerWorker` quand le navigateur ne peut pas exécuter le moteur (état « indisponible »). */
export class MoteurIndisponible extends Error {}

export const MESSAGE_INDISPONIBLE = "Ce navigateur ne permet pas d'exécuter les calculateurs (WebAssembly ou Web Workers indisponibles). "
  + "Utilisez un navigateur récent, ou la commande « python -m guide calcul » décrite dans la page Calculateurs.";
export const MESSAGE_CHARGEMENT = "Chargement du moteur de calcul Python… (quelques secondes à la première visite)";
export const MESSAGE_PRET = "Calculateur prêt : les résultats se mettent à jour pendant la saisie.";

export class Transport {
  #creer;
  #horloge;
  #worker = null;
  #pret = null;
  #attentes = new Map();
  #compteur = 0;
  #abonnes = new Set();
  #etat = { etat: "arret", message: "" };
  #depart = null;
  #origine = null;
  #copieGardee = null;
  #instants = {};

  /** @param {() => Worker} creerWorker  @param {() => number} horloge (banc d'essai : instants des états) */
  constructor(creerWorker, horloge = () => performance.now()) {
    this.#creer = creerWorker;
    this.#horloge = horloge;
  }

  /** État courant : {etat, message}. */
  get etat() { return this.#etat; }

  /** « instantane » ou « ordinaire » (dit par le worker quand il est prêt), null avant. */
  get depart() { return this.#depart; }

  /** Origine des octets de l'instantané (« copie » locale ou « reseau »), null au départ ordinaire ou avant. */
  get origine() { return this.#origine; }

  /** Après un départ depuis le réseau : vrai quand la copie locale de l'instantané est écrite, faux si le
   * navigateur l'a refusée ; null sinon (instant : `instants.copie_gardee`). */
  get copieGardee() { return this.#copieGardee; }

  /** Instant (horloge) de chaque état atteint. */
  get instants() { return { ...this.#instants }; }

  /** Appelle `rappel({etat, message})` à chaque changement, et aussitôt si le moteur a déjà quitté
   * l'état « arret » (un abonné arrivé après le démarrage précoce, demarrage.js, apprend l'état
   * courant) ; rend la fonction qui désabonne. */
  surEtat(rappel) {
    this.#abonnes.add(rappel);
    if (this.#etat.etat !== "arret") rappel(this.#etat);
    return () => this.#abonnes.delete(rappel);
  }

  #signaler(etat, message) {
    this.#etat = { etat, message };
    this.#instants[etat] = this.#horloge();
    for (const rappel of [...this.#abonnes]) rappel(this.#etat);
  }

  /** Démarre le worker (une fois) ; la promesse est tenue quand le moteur est prêt. */
  demarrer() {
    if (this.#pret) return this.#pret;
    this.#pret = new Promise((resoudre, rejeter) => {
      const echec = (message, etat = "erreur") => {
        const texte = etat === "erreur" ? `Le moteur de calcul n'a pas pu être chargé : ${message}. Rechargez la page pour réessayer.` : message;
        this.#signaler(etat, texte);
        for (const attente of this.#attentes.values()) attente.rejeter(new Error(texte));
        this.#attentes.clear();
        rejeter(new Error(texte));
      };
      try {
        this.#worker = this.#creer();
      } catch (erreur) {
        if (erreur instanceof MoteurIndisponible) echec(erreur.message, "indisponible");
        else echec(String((erreur && erreur.message) || erreur));
        return;
      }
      this.#signaler("chargement", MESSAGE_CHARGEMENT);
      this.#worker.onmessage = ({ data }) => {
        if (!data) return;
        if (data.type === "pret") {
          this.#depart = data.depart || null;
          this.#origine = data.origine || null;
          this.#signaler("pret", MESSAGE_PRET);
          resoudre(data.duree_ms);
        } else if (data.type === "copie_gardee") {
          this.#copieGardee = data.ok === true;
          this.#instants.copie_gardee = this.#horloge();
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

  /** Texte JSON de executer_json(nom, entree) ; `parametres` (texte JSON, facultatif) remplace
   * parametres.json : réservé aux tests de parité. */
  async executer(nom, entree, parametres) {
    await this.demarrer();
    this.#compteur += 1;
    const id = this.#compteur;
    return new Promise((resoudre, rejeter) => {
      this.#attentes.set(id, { resoudre, rejeter });
      this.#worker.postMessage(parametres === undefined ? { id, nom, entree } : { id, nom, entree, parametres });
    });
  }

  /** Comme `executer`, réponse décodée : {ok, resultat} ou {ok: false, erreurs}. */
  async executerObjet(nom, entree) {
    return JSON.parse(await this.executer(nom, entree));
  }
}

/** Fabrique du worker du site (module voisin worker.js). */
export function workerDuSite() {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") throw new MoteurIndisponible(MESSAGE_INDISPONIBLE);
  return new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
}

/** Le moteur de la visite : un seul worker, partagé par les pages (navigation instantanée). */
export const moteurDuSite = new Transport(workerDuSite);
