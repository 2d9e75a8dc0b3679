// Relais du worker de recherche de Material sur les pages de calculateur et Mon CPOM (script de
// worker classique : Material crée son worker par `new Worker(adresse)`, sans type module).
//
// Material construit l'index de recherche (lunr) dès l'ouverture de la page : 0,2 à 0,3 s de calcul
// qui, sur une machine de deux cœurs, retardaient d'autant le moteur des calculateurs (mesuré : moteur
// prêt ~0,2 s plus tôt à froid comme au rechargement quand la recherche attend). Sur ces pages, la
// configuration de Material (bloc `config` de guide/rendu/overrides/main.html) désigne ce relais,
// le nom du vrai worker après le « # ». Le relais est rangé dans le dossier du worker de Material (et
// non dans assets/js/) : ce worker trouve ses fichiers lunr par des chemins relatifs à sa propre
// adresse, qui reste celle du relais.
//
// Le relais garde les messages de Material (la mise en place de l'index : Material n'envoie pas de
// recherche avant que son worker ait répondu) et ne charge le vrai worker (importScripts), en
// rejouant ces messages dans l'ordre, qu'au premier des deux : le message LIBRE sur le canal
// ci-dessous, ou DELAI_MAX_MS écoulées. LIBRE vient de la page (docs/assets/js/recherche.js, branché
// par demarrage.js) quand le moteur a fini de démarrer (prêt, en erreur ou indisponible) ou que le
// lecteur ouvre la recherche ; le relais annonce ATTENTE en arrivant, et la page déjà libre répond
// LIBRE (un message diffusé avant l'arrivée du relais est perdu). Le canal est celui de l'origine :
// le moteur prêt d'un autre onglet libère aussi la recherche de celui-ci, sans autre effet. Le relais
// sert toute la visite : les pages du guide atteintes ensuite par la navigation instantanée gardent
// ce worker (déjà libéré en pratique).
// Testé par tests/js/recherche-differee.test.mjs (node --test, portée de worker simulée).

const CANAL = "guide-cpom-recherche"; // le même que dans docs/assets/js/recherche.js
const ATTENTE = "attente";
const LIBRE = "libre";
const DELAI_MAX_MS = 5000;

(function relayer(portee) {
  const cible = new URL(portee.location.hash.slice(1), portee.location.href).href;
  const gardes = [];
  let lance = false;
  const canal = typeof portee.BroadcastChannel === "function" ? new portee.BroadcastChannel(CANAL) : null;

  function lancer() {
    if (lance) return;
    lance = true;
    if (canal) canal.close();
    portee.clearTimeout(minuterie);
    portee.removeEventListener("message", garder);
    portee.importScripts(cible);
    for (const donnees of gardes) portee.dispatchEvent(new MessageEvent("message", { data: donnees }));
  }

  function garder(evenement) {
    gardes.push(evenement.data);
  }

  portee.addEventListener("message", garder);
  const minuterie = portee.setTimeout(lancer, DELAI_MAX_MS);
  if (canal) {
    canal.onmessage = (evenement) => { if (evenement.data === LIBRE) lancer(); };
    canal.postMessage(ATTENTE);
  }
}(self));
