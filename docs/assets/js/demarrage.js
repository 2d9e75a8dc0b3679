// Démarrage précoce du moteur sur une page de calculateur (ou Mon CPOM) : chargé dès l'en-tête comme
// module asynchrone (guide/rendu/overrides/main.html), il crée le worker avant que la page soit lue.
// Même URL de transport.js que calculateurs.js et mon-cpom/page.js : même instance (moteurDuSite),
// donc un seul worker ; leurs appels à demarrer() reprennent celui-ci. La recherche de Material,
// différée sur ces pages, est libérée quand le moteur a fini de démarrer (recherche.js).
import { libererRecherche } from "./recherche.js";
import { moteurDuSite } from "./transport.js";

libererRecherche(moteurDuSite, globalThis.document);
moteurDuSite.demarrer();
