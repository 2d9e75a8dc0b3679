// Côté page, le signal qui libère la recherche de Material différée sur les pages de calculateur et
// Mon CPOM (relais assets/javascripts/workers/recherche-differee.js, qui décrit le protocole) : la
// page dit LIBRE sur le canal quand le moteur a fini de démarrer (prêt, en erreur ou indisponible) ou
// quand le lecteur ouvre la recherche (focus dans son champ : raccourci « / », loupe, adresse ?q=) ;
// elle répond LIBRE à l'ATTENTE d'un relais arrivé après. Le canal reste ouvert avec la page.
// Testé avec le relais par tests/js/recherche-differee.test.mjs (node --test).

export const CANAL = "guide-cpom-recherche"; // le même que dans recherche-differee.js
const ATTENTE = "attente";
const LIBRE = "libre";
const CHAMP_RECHERCHE = 'input[data-md-component="search-query"]';

/** Branche le signal sur `moteur` (Transport : surEtat) et `document` (focus du champ de recherche) ;
 * rend la fonction qui ferme le canal. Sans BroadcastChannel, rien (le relais attend son délai). */
export function libererRecherche(moteur, document, Canal = globalThis.BroadcastChannel) {
  if (typeof Canal !== "function") return () => {};
  const canal = new Canal(CANAL);
  let libre = false;
  const liberer = () => {
    if (libre) return;
    libre = true;
    canal.postMessage(LIBRE);
  };
  canal.onmessage = ({ data }) => {
    if (data === ATTENTE && libre) canal.postMessage(LIBRE);
  };
  moteur.surEtat(({ etat }) => {
    if (etat !== "arret" && etat !== "chargement") liberer();
  });
  if (document) {
    document.addEventListener("focusin", (evenement) => {
      const cible = evenement.target;
      if (cible && typeof cible.matches === "function" && cible.matches(CHAMP_RECHERCHE)) liberer();
    });
  }
  return () => canal.close();
}
