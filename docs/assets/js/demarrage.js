// Démarrage précoce du moteur sur une page de calculateur (ou Mon CPOM) : chargé dès l'en-tête comme
// module asynchrone (guide/rendu/overrides/main.html), il crée le worker avant que la page soit lue.
// Même URL de transport.js que calculateurs.js et mon-cpom/page.js : même instance (moteurDuSite),
// donc un seul worker ; leurs appels à demarrer() reprennent celui-ci.
import { moteurDuSite } from "./transport.js";

moteurDuSite.demarrer();
