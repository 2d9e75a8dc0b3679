// Relais du worker de recherche de Material sur les pages de calculateur et Mon CPOM (script de
// worker classique : Material crée son worker par `new Worker(adresse)`, sans type module).
//
// Material construit l'index de recherche (lunr) dès l'ouverture de la page : 0,2 à 0,3 s de calcul
// qui, sur une machine de deux cœurs, retardaient d'autant le moteur des calculateurs (mesuré : moteur
// prêt ~0,2 s plus tôt à froid comme au rechargement quand la recherche attend). Sur ces pages, la
// configuration de Material (bloc `config` de guide/rendu/overrides/main.html) désigne ce relais,
// le nom du vrai worker après le « # ». Le relais est rangé dans le dossier du worker de Material (et
// non dans assets/js/) : ce worker trouve ses fichiers lunr par des chemins relatifs à sa propre
// adresse, qui reste celle du relais. Le relais garde les messages de Material et ne charge le vrai
// worker (importScripts) qu'au premier des trois : le moteur a fini de démarrer (prêt, en erreur ou
// indisponible : message de demarrage.js sur le canal ci-dessous), le lecteur cherche (un message qui
// n'est pas la mise en place de l'index), ou DELAI_MAX_MS sont passées. Les messages gardés sont alors
// rejoués, dans l'ordre : la recherche répond comme sur les autres pages.
// Testé par tests/js/recherche-differee.test.mjs (node --test, portée de worker simulée).

const CANAL_MOTEUR = "guide-cpom-moteur"; // le même que dans demarrage.js
const DELAI_MAX_MS = 5000;
const MISE_EN_PLACE = 0; // type du message de Material qui donne l'index au worker (SETUP)

(function relayer(portee) {
  const cible = new URL(portee.location.hash.slice(1), portee.location.href).href;
  const gardes = [];
  let lance = false;
  const canal = typeof portee.BroadcastChannel === "function" ? new portee.BroadcastChannel(CANAL_MOTEUR) : null;

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
    if (!evenement.data || evenement.data.type !== MISE_EN_PLACE) lancer();
  }

  portee.addEventListener("message", garder);
  if (canal) canal.onmessage = lancer;
  const minuterie = portee.setTimeout(lancer, DELAI_MAX_MS);
}(self));
