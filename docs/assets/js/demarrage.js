// Démarrage précoce du moteur sur une page de calculateur (ou Mon CPOM) : chargé dès l'en-tête comme
// module asynchrone (guide/rendu/overrides/main.html), il crée le worker avant que la page soit lue.
// Même URL de transport.js que calculateurs.js et mon-cpom/page.js : même instance (moteurDuSite),
// donc un seul worker ; leurs appels à demarrer() reprennent celui-ci.
// Quand le moteur a fini de démarrer (prêt, en erreur ou indisponible), il le dit sur un canal que
// lit le relais de la recherche de Material (assets/javascripts/workers/recherche-differee.js), qui
// attendait pour construire son index.
import { moteurDuSite } from "./transport.js";

const CANAL_MOTEUR = "guide-cpom-moteur"; // le même que dans recherche-differee.js

let dit = false;
moteurDuSite.surEtat(({ etat }) => {
  if (dit || etat === "arret" || etat === "chargement") return;
  dit = true;
  if (typeof BroadcastChannel === "function") {
    const canal = new BroadcastChannel(CANAL_MOTEUR);
    canal.postMessage(etat);
    canal.close();
  }
});
moteurDuSite.demarrer();
