// Démarrage précoce du moteur sur une page de calculateur : chargé dans <head> (module async, donc
// exécuté dès son arrivée, sans attendre la fin de la page ni les scripts du thème), il crée le
// worker tout de suite. calculateurs.js reprend ce worker (window.moteurPrecoceCPOM) et rejoue les
// messages arrivés entre-temps ; sans ce fichier, calculateurs.js crée le worker lui-même.

// Rien si le moteur tourne déjà (préchauffé au survol d'un lien, puis navigation instantanée).
if (typeof WebAssembly === "object" && typeof Worker === "function" && !window.moteurPrecoceCPOM && !window.moteurCPOMDemarre) {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const messages = [];
  const erreurs = [];
  worker.onmessage = ({ data }) => { messages.push(data); };
  worker.onerror = (evenement) => {
    evenement.preventDefault();
    erreurs.push(evenement.message || "erreur inconnue du worker");
  };
  window.moteurPrecoceCPOM = { worker, messages, erreurs };
}
