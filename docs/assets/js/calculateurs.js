// Calculateurs du guide : transport (vers le moteur Python du worker) et DOM seulement.
// AUCUN calcul ici : l'entrée est lue dans le formulaire, envoyée telle quelle au moteur Python
// (le même JSON que pour la CLI `python -m guide calcul` ou `python -m calculators`) et le JSON reçu est affiché.
//
// Le HTML (gabarits guide/rendu/templates/calculateurs/) décrit tout de façon déclarative :
//   [data-calculateur=nom]          racine d'un calculateur (nom : avancement, modulation, indicateur, trajectoire)
//   champs name="a[0].b"            chemin JSON de la valeur ; data-type="nombre" pour un nombre
//   [data-lignes=chemin] + <template data-ligne>  tableau éditable (__n__ = indice, __N__ = numéro)
//   [data-valeur=chemin]            reçoit la valeur du résultat (data-format : pourcentage, euros, nombre, texte)
//   [data-liste=chemin] + <template> une copie du gabarit par élément de la liste du résultat
//   [data-si=chemin]                affiché seulement si le résultat a une valeur non vide à ce chemin

import { FileDeCalcul, PERIMEE } from "./moteur.js";
import { prechaufferAuSurvol } from "./prechauffage.js";

const FORMAT_NOMBRE = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const FORMAT_EUROS = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const VIDE = "—";

// ---------------------------------------------------------------- moteur (un seul worker par visite)

let worker = null;
let moteurPret = null;
let compteur = 0;
const enAttente = new Map();
const abonnesEtat = new Set();
let etatMoteur = { etat: "arret", message: "" };
let depart = null; // "instantane" (instantané mémoire) ou "ordinaire" (repli), dit par le worker

const instants = {}; // performance.now() de chaque changement d'état du moteur (banc d'essai)

function changerEtat(etat, message) {
  etatMoteur = { etat, message };
  instants[etat] = performance.now();
  for (const abonne of abonnesEtat) abonne(etatMoteur);
}

function demarrerMoteur() {
  if (moteurPret) return moteurPret;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    changerEtat("indisponible", "Ce navigateur ne permet pas d'exécuter les calculateurs (WebAssembly ou Web Workers indisponibles). "
      + "Utilisez un navigateur récent, ou la commande « python -m guide calcul » décrite dans la page Calculateurs.");
    moteurPret = Promise.reject(new Error(etatMoteur.message));
    moteurPret.catch(() => {});
    return moteurPret;
  }
  changerEtat("chargement", "Chargement du moteur de calcul Python… (quelques secondes à la première visite)");
  moteurPret = new Promise((resoudre, rejeter) => {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    const echec = (message) => {
      changerEtat("erreur", `Le moteur de calcul n'a pas pu être chargé : ${message}. Rechargez la page pour réessayer.`);
      for (const [, attente] of enAttente) attente.rejeter(new Error(etatMoteur.message));
      enAttente.clear();
      rejeter(new Error(etatMoteur.message));
    };
    worker.onmessage = ({ data }) => {
      if (data.type === "pret") {
        depart = data.depart;
        changerEtat("pret", "Calculateur prêt : les résultats se mettent à jour pendant la saisie.");
        resoudre(data.duree_ms);
      } else if (data.type === "erreur_chargement") {
        echec(data.message);
      } else if (data.type === "reponse" && enAttente.has(data.id)) {
        const attente = enAttente.get(data.id);
        enAttente.delete(data.id);
        if (typeof data.json === "string") attente.resoudre(data.json);
        else attente.rejeter(new Error(data.erreur));
      }
    };
    worker.onerror = (evenement) => {
      evenement.preventDefault();
      echec(evenement.message || "erreur inconnue du worker");
    };
  });
  moteurPret.catch(() => {});
  return moteurPret;
}

/** Exécute un calculateur dans le worker ; renvoie le texte JSON de executer_json.
 * `parametres` (texte JSON, facultatif) remplace parametres.json : réservé aux tests de parité. */
function executerTexte(nom, entree, parametres) {
  return demarrerMoteur().then(() => new Promise((resoudre, rejeter) => {
    compteur += 1;
    enAttente.set(compteur, { resoudre, rejeter });
    worker.postMessage(parametres === undefined ? { id: compteur, nom, entree } : { id: compteur, nom, entree, parametres });
  }));
}

// Accès pour les tests et le banc d'essai (même chemin que les formulaires).
window.calculateursCPOM = {
  executerTexte,
  pret: () => demarrerMoteur(),
  etat: () => etatMoteur.etat,
  instants: () => ({ ...instants }),
  depart: () => depart,
};

// ---------------------------------------------------------------- chemins JSON (a[0].b)

function segments(chemin) {
  return chemin.replace(/\[(\d+)\]/g, ".$1").split(".").filter((s) => s !== "");
}

function lire(objet, chemin) {
  if (chemin === "" || chemin === ".") return objet;
  let courant = objet;
  for (const segment of segments(chemin)) {
    if (courant === null || typeof courant !== "object") return undefined;
    courant = Array.isArray(courant) && /^-\d+$/.test(segment) ? courant.at(Number(segment)) : courant[segment];
  }
  return courant;
}

function ecrire(objet, chemin, valeur) {
  const parties = segments(chemin);
  let courant = objet;
  parties.forEach((segment, i) => {
    if (i === parties.length - 1) {
      courant[segment] = valeur;
    } else {
      if (courant[segment] === undefined) courant[segment] = /^\d+$/.test(parties[i + 1]) ? [] : {};
      courant = courant[segment];
    }
  });
}

function aplatir(valeur, prefixe, sortie) {
  if (Array.isArray(valeur)) {
    valeur.forEach((element, i) => aplatir(element, `${prefixe}[${i}]`, sortie));
  } else if (valeur !== null && typeof valeur === "object") {
    for (const [cle, element] of Object.entries(valeur)) aplatir(element, prefixe ? `${prefixe}.${cle}` : cle, sortie);
  } else {
    sortie[prefixe] = valeur;
  }
  return sortie;
}

// ---------------------------------------------------------------- saisie <-> JSON

/** Texte saisi -> nombre JSON s'il s'écrit exactement comme un nombre JavaScript (« 12,5 » -> 12.5) ;
 * sinon le texte tel quel : Python lit lui-même les grands nombres (sans perte) et refuse le reste
 * avec un message nommant le champ. Conversion de transport, aucun calcul. */
function versJson(champ) {
  const brut = champ.value;
  if (champ.dataset.type !== "nombre") return brut;
  const texte = brut.trim().replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(texte)) return brut.trim();
  const canonique = texte.replace(/^\+/, "").replace(/^(-?)0+(?=\d)/, "$1").replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  const nombre = Number(texte);
  return String(nombre) === canonique ? nombre : brut.trim();
}

/** Valeur JSON -> texte du champ (virgule décimale). */
function versSaisie(champ, valeur) {
  if (valeur === null || valeur === undefined) return "";
  if (typeof valeur === "number" && champ.dataset.type === "nombre") return String(valeur).replace(".", ",");
  return String(valeur);
}

function champsNommes(formulaire) {
  return [...formulaire.elements].filter((c) => c.name && !c.disabled && c.type !== "file" && c.type !== "button" && c.type !== "submit");
}

function lireEntree(formulaire) {
  const entree = {};
  for (const ligne of formulaire.querySelectorAll("[data-lignes]")) ecrire(entree, ligne.dataset.lignes, []);
  for (const champ of champsNommes(formulaire)) {
    if (champ.value.trim() === "") continue; // champ vide = absent : Python dit s'il est obligatoire
    ecrire(entree, champ.name, versJson(champ));
  }
  return entree;
}

function lireBrut(formulaire) {
  const brut = {};
  for (const champ of champsNommes(formulaire)) brut[champ.name] = champ.value;
  return brut;
}

// ---------------------------------------------------------------- tableaux éditables

function conteneursLignes(formulaire) {
  return [...formulaire.querySelectorAll("[data-lignes]")];
}

function gabaritLigne(conteneur) {
  return conteneur.closest("[data-calculateur]").querySelector(`template[data-ligne="${conteneur.dataset.lignes}"]`);
}

function nouvelleLigne(conteneur, indice) {
  const html = gabaritLigne(conteneur).innerHTML
    .replaceAll("__n__", String(indice))
    .replaceAll("__N__", String(indice + 1));
  const gabarit = document.createElement("template");
  gabarit.innerHTML = html.trim();
  return gabarit.content.firstElementChild;
}

/** Reconstruit les lignes d'un tableau à partir de valeurs brutes {suffixe: texte}. */
/** Recrée les lignes ; avec ``completes`` (import d'un fichier), une clé absente vide son champ. */
function ecrireLignes(conteneur, lignes, completes = false) {
  conteneur.replaceChildren();
  lignes.forEach((valeurs, indice) => {
    const ligne = nouvelleLigne(conteneur, indice);
    conteneur.append(ligne);
    for (const champ of ligne.querySelectorAll("[name]")) {
      const suffixe = champ.name.slice(`${conteneur.dataset.lignes}[${indice}]`.length);
      // À l'import, une clé absente vide le champ (ex. ESMS sans « categorie » → option « Autre ») au
      // lieu de garder la valeur par défaut du gabarit, pour qu'un export se relise à l'identique.
      if (valeurs && suffixe in valeurs) garderValeur(champ, versSaisie(champ, valeurs[suffixe]));
      else if (valeurs && completes) garderValeur(champ, "");
      if (champ.tagName === "SELECT" && champ.selectedIndex < 0) champ.selectedIndex = 0;
    }
  });
}

/** Donne sa valeur à un champ ; une valeur importée absente d'une liste y est ajoutée telle quelle
 * pour que Python la refuse avec son message (elle n'est jamais remplacée en silence). */
function garderValeur(champ, valeur) {
  if (champ.tagName === "SELECT" && valeur !== "" && ![...champ.options].some((o) => o.value === valeur)) {
    champ.append(new Option(`${valeur} (valeur inconnue)`, valeur));
  }
  champ.value = valeur;
}

function lireLignes(conteneur) {
  return [...conteneur.children].map((ligne, indice) => {
    const valeurs = {};
    for (const champ of ligne.querySelectorAll("[name]")) {
      valeurs[champ.name.slice(`${conteneur.dataset.lignes}[${indice}]`.length)] = champ.value;
    }
    return valeurs;
  });
}

function nombreLignesVoulu(conteneur) {
  return Number.parseInt(conteneur.dataset.lignesInitiales || "1", 10);
}

// ---------------------------------------------------------------- affichage des résultats

function nombreAffichable(valeur) {
  if (typeof valeur === "number") return Number.isFinite(valeur) ? valeur : null;
  if (typeof valeur === "string" && /^-?\d+(\.\d+)?$/.test(valeur)) return Number(valeur);
  return null;
}

function formater(valeur, format, unite, decimales) {
  if (valeur === null || valeur === undefined || valeur === "") return VIDE;
  if (typeof valeur === "boolean") return valeur ? "oui" : "non";
  if (format === "texte" || (format === undefined && typeof valeur === "string")) return String(valeur);
  const nombre = nombreAffichable(valeur);
  if (nombre === null) return typeof valeur === "string" ? valeur : VIDE;
  if (format === "euros") return FORMAT_EUROS.format(nombre);
  const chiffres = decimales !== undefined ? Number(decimales) : (format === "pourcentage" ? 2 : undefined);
  const formatNombre = chiffres === undefined ? FORMAT_NOMBRE
    : new Intl.NumberFormat("fr-FR", { minimumFractionDigits: chiffres, maximumFractionDigits: chiffres });
  const suffixe = format === "pourcentage" ? "%" : unite;
  return suffixe ? `${formatNombre.format(nombre)}\u00a0${suffixe}` : formatNombre.format(nombre);
}

/** Texte d'un élément sans celui de ses parties masquées (ex. signe absent d'une trajectoire). */
function texteVisible(el) {
  return [...el.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : (n.hidden ? "" : texteVisible(n)))).join("");
}

/** Remplit une zone avec un résultat ; une liste ne descend que dans ses propres copies. */
function remplir(zone, donnees) {
  const visiter = (el) => {
    if (el.dataset.si !== undefined) {
      const v = lire(donnees, el.dataset.si);
      el.hidden = v === undefined || v === null || v === "" || v === false || (Array.isArray(v) && v.length === 0);
    }
    if (el.dataset.valeur !== undefined) {
      el.textContent = formater(lire(donnees, el.dataset.valeur), el.dataset.format, el.dataset.unite, el.dataset.decimales);
    }
    if (el.dataset.liste !== undefined && el !== zone) {
      const gabarit = el.querySelector(":scope > template");
      const elements = lire(donnees, el.dataset.liste);
      [...el.children].forEach((enfant) => { if (enfant !== gabarit) enfant.remove(); });
      for (const [rang, element] of (Array.isArray(elements) ? elements : []).entries()) {
        const copie = gabarit.content.firstElementChild.cloneNode(true);
        for (const numero of copie.querySelectorAll("[data-rang]")) numero.textContent = String(rang + 1);
        remplir(copie, element);
        el.append(copie);
      }
      return;
    }
    for (const enfant of [...el.children]) visiter(enfant);
  };
  visiter(zone);
}

// ---------------------------------------------------------------- erreurs à côté des champs

function effacerErreurs(racine) {
  for (const message of racine.querySelectorAll(".calculateur__erreur-champ")) message.remove();
  for (const champ of racine.querySelectorAll("[aria-invalid]")) {
    champ.removeAttribute("aria-invalid");
    const ids = (champ.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.startsWith("erreur-"));
    if (ids.length) champ.setAttribute("aria-describedby", ids.join(" "));
    else champ.removeAttribute("aria-describedby");
  }
}

/** Le champ nommé par le chemin renvoyé par Python, ou le plus proche parent qui le représente. */
function champDe(formulaire, chemin) {
  let courant = chemin;
  while (courant) {
    const champ = [...formulaire.elements].find((c) => c.name === courant)
      || formulaire.querySelector(`[data-champ="${CSS.escape(courant)}"]`);
    if (champ) return champ;
    const coupure = Math.max(courant.lastIndexOf("."), courant.lastIndexOf("["));
    courant = coupure > 0 ? courant.slice(0, coupure) : "";
  }
  return null;
}

function libelleDe(champ) {
  if (champ.labels && champ.labels.length) return champ.labels[0].textContent.trim();
  return champ.getAttribute("aria-label") || champ.dataset.libelle || "";
}

function afficherErreurs(racine, formulaire, erreurs, toutes) {
  effacerErreurs(racine);
  const resume = [];
  let masquees = 0;
  erreurs.forEach((erreur, i) => {
    const champ = champDe(formulaire, erreur.champ || "");
    if (champ && !toutes && champ.name && !champ.dataset.touche) {
      masquees += 1;
      return;
    }
    const libelle = champ ? libelleDe(champ) : "";
    resume.push(libelle ? `${libelle} : ${erreur.message}` : erreur.message);
    if (!champ) return;
    const message = document.createElement("p");
    message.className = "calculateur__erreur-champ";
    message.id = `erreur-${racine.id}-${i}`;
    message.textContent = `Erreur : ${erreur.message}`;
    if (champ.name) {
      champ.setAttribute("aria-invalid", "true");
      const ids = (champ.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      champ.setAttribute("aria-describedby", [...ids, message.id].join(" "));
      (champ.closest("td, .calculateur__champ") || champ).append(message);
    } else {
      champ.append(message);
    }
  });
  return { resume, masquees };
}

// ---------------------------------------------------------------- import / export (transport)

function telechargerFichier(nom, contenu, type) {
  const lien = document.createElement("a");
  lien.href = URL.createObjectURL(new Blob([contenu], { type }));
  lien.download = nom;
  document.body.append(lien);
  lien.click();
  lien.remove();
  setTimeout(() => URL.revokeObjectURL(lien.href), 1000);
}

function celluleCsv(texte) {
  return /[";\r\n]/.test(texte) ? `"${texte.replaceAll("\"", "\"\"")}"` : texte;
}

/** CSV pour Excel France : `;`, BOM UTF-8, virgule décimale, en-têtes français, une ligne par élément. */
function versCsv(conteneur) {
  const modele = nouvelleLigne(conteneur, 0);
  const colonnes = [...modele.querySelectorAll("[data-colonne]")];
  const lignes = [colonnes.map((c) => celluleCsv(c.dataset.colonne)).join(";")];
  [...conteneur.children].forEach((ligne) => {
    const cellules = [...ligne.querySelectorAll("[data-colonne]")].map((champ) => {
      const texte = champ.tagName === "SELECT" && champ.selectedIndex >= 0 ? champ.options[champ.selectedIndex].text : champ.value;
      return celluleCsv(texte.trim());
    });
    lignes.push(cellules.join(";"));
  });
  return `\ufeff${lignes.join("\r\n")}\r\n`;
}

function lireCsv(texte) {
  const lignes = [];
  let ligne = [];
  let cellule = "";
  let guillemets = false;
  const source = texte.replace(/^\ufeff/, "");
  const separateur = source.split(/\r?\n/)[0].includes(";") || !source.split(/\r?\n/)[0].includes(",") ? ";" : ",";
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (guillemets) {
      if (c === "\"" && source[i + 1] === "\"") { cellule += "\""; i += 1; } else if (c === "\"") guillemets = false;
      else cellule += c;
    } else if (c === "\"") guillemets = true;
    else if (c === separateur) { ligne.push(cellule); cellule = ""; } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i += 1;
      ligne.push(cellule); lignes.push(ligne); ligne = []; cellule = "";
    } else cellule += c;
  }
  if (cellule !== "" || ligne.length) { ligne.push(cellule); lignes.push(ligne); }
  return lignes.filter((l) => l.some((c) => c.trim() !== ""));
}

function normaliser(texte) {
  return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** CSV -> lignes brutes du tableau ; erreur française nommant la ligne ou la colonne. */
function depuisCsv(conteneur, texte, nomFichier) {
  const tableau = lireCsv(texte);
  if (tableau.length === 0) throw new Error(`${nomFichier} : fichier vide.`);
  const modele = nouvelleLigne(conteneur, 0);
  const colonnes = [...modele.querySelectorAll("[data-colonne]")];
  const entetes = tableau[0].map(normaliser);
  const positions = colonnes.map((champ) => entetes.indexOf(normaliser(champ.dataset.colonne)));
  // Une colonne marquée data-colonne-facultative (ajoutée après des exports déjà diffusés) peut manquer :
  // son champ reste vide et Python dit s'il fallait le remplir.
  const absentes = colonnes.filter((c, i) => positions[i] < 0 && c.dataset.colonneFacultative === undefined).map((c) => `« ${c.dataset.colonne} »`);
  if (absentes.length) throw new Error(`${nomFichier}, ligne 1 : colonne${absentes.length > 1 ? "s" : ""} manquante${absentes.length > 1 ? "s" : ""} : ${absentes.join(", ")}.`);
  const prefixe = `${conteneur.dataset.lignes}[0]`;
  return tableau.slice(1).map((cellules) => {
    const valeurs = {};
    colonnes.forEach((champ, i) => {
      let texteCellule = positions[i] < 0 ? "" : (cellules[positions[i]] || "").trim();
      if (champ.tagName === "SELECT") {
        const option = [...champ.options].find((o) => normaliser(o.text) === normaliser(texteCellule) || o.value === texteCellule);
        texteCellule = option ? option.value : texteCellule;
      }
      valeurs[champ.name.slice(prefixe.length)] = texteCellule;
    });
    return valeurs;
  });
}

// ---------------------------------------------------------------- un calculateur

function nomFichier(racine, extension) {
  return `${racine.dataset.fichier || racine.dataset.calculateur}.${extension}`;
}

function lierCalculateur(racine) {
  if (racine.dataset.lie) return;
  racine.dataset.lie = "oui";
  const nom = racine.dataset.calculateur;
  const formulaire = racine.querySelector("form");
  const etat = racine.querySelector("[data-etat-moteur]");
  const zoneResultats = racine.querySelector("[data-resultats]");
  const annonce = racine.querySelector("[data-annonce]");
  const cleStockage = racine.dataset.sauvegarde ? `guide-cpom:${racine.dataset.sauvegarde}` : null;
  // Un calcul par saisie, sans délai : la plus récente gagne, la file ne grandit pas (moteur.js).
  const file = new FileDeCalcul((entree) => executerTexte(nom, entree));
  let toutesErreurs = false;

  const montrerEtat = ({ etat: code, message }) => {
    if (!racine.isConnected && racine.dataset.pret) {
      abonnesEtat.delete(montrerEtat); // page quittée (navigation instantanée)
      return;
    }
    if (!etat) return;
    etat.textContent = message;
    etat.dataset.etat = code;
    racine.dataset.moteur = code;
  };
  abonnesEtat.add(montrerEtat);
  montrerEtat(etatMoteur);

  const annoncer = (texte) => { if (annonce) annonce.textContent = texte; };

  const sauvegarder = () => {
    if (!cleStockage) return;
    try {
      const lignes = Object.fromEntries(conteneursLignes(formulaire).map((c) => [c.dataset.lignes, lireLignes(c)]));
      localStorage.setItem(cleStockage, JSON.stringify({ version: 1, champs: lireBrut(formulaire), lignes }));
    } catch (erreur) { /* stockage plein ou interdit : la saisie reste à l'écran */ }
  };

  const restaurer = (donnees) => {
    for (const conteneur of conteneursLignes(formulaire)) {
      const lignes = donnees.lignes && donnees.lignes[conteneur.dataset.lignes];
      ecrireLignes(conteneur, Array.isArray(lignes) ? lignes : Array.from({ length: nombreLignesVoulu(conteneur) }, () => ({})));
    }
    for (const champ of champsNommes(formulaire)) {
      if (donnees.champs && champ.name in donnees.champs && !champ.closest("[data-lignes]")) champ.value = donnees.champs[champ.name];
    }
  };

  const calculer = async () => {
    racine.dataset.enCours = "oui";
    const entree = lireEntree(formulaire);
    sauvegarder();
    zoneResultats.setAttribute("aria-busy", "true");
    let texte;
    try {
      texte = await file.demander(entree);
    } catch (erreur) {
      zoneResultats.removeAttribute("aria-busy");
      delete racine.dataset.enCours;
      racine.dataset.etatCalcul = "erreur";
      annoncer(erreur.message);
      return;
    }
    if (texte === PERIMEE) return; // une saisie plus récente est en cours de calcul
    zoneResultats.removeAttribute("aria-busy");
    delete racine.dataset.enCours;
    const reponse = JSON.parse(texte);
    racine.dataset.dernierJson = texte;
    if (reponse.ok) {
      effacerErreurs(racine);
      remplir(zoneResultats, reponse.resultat);
      zoneResultats.hidden = false;
      racine.dataset.etatCalcul = "ok";
      const resume = zoneResultats.querySelector("[data-resume]");
      annoncer(resume ? texteVisible(resume).replace(/\s+/g, " ").trim() : "Résultat mis à jour.");
    } else {
      const { resume, masquees } = afficherErreurs(racine, formulaire, reponse.erreurs || [], toutesErreurs);
      zoneResultats.hidden = true;
      racine.dataset.etatCalcul = "erreurs";
      const n = resume.length;
      annoncer(n
        ? `${n} erreur${n > 1 ? "s" : ""} à corriger : ${resume.join(" ; ")}`
        : `Complétez le formulaire pour obtenir le résultat (${masquees} champ${masquees > 1 ? "s" : ""} à remplir).`);
    }
  };

  const planifier = () => { calculer(); };

  formulaire.addEventListener("input", (evenement) => {
    if (evenement.target.type === "file") return; // l'import a son propre traitement (sinon son annonce serait écrasée)
    if (evenement.target.name) evenement.target.dataset.touche = "oui";
    planifier();
  });
  formulaire.addEventListener("change", (evenement) => {
    if (evenement.target.type === "file") return;
    if (evenement.target.name) evenement.target.dataset.touche = "oui";
    planifier();
  });
  formulaire.addEventListener("submit", (evenement) => {
    evenement.preventDefault();
    toutesErreurs = true;
    for (const champ of champsNommes(formulaire)) champ.dataset.touche = "oui";
    calculer();
  });

  racine.addEventListener("click", (evenement) => {
    const bouton = evenement.target.closest("button[data-action]");
    if (!bouton || !racine.contains(bouton)) return;
    const action = bouton.dataset.action;
    const conteneur = formulaire.querySelector("[data-lignes]");
    if (action === "ajouter-ligne") {
      const lignes = lireLignes(conteneur);
      lignes.push({});
      ecrireLignes(conteneur, lignes);
      conteneur.lastElementChild.querySelector("input, select").focus();
      annoncer(`Ligne ${lignes.length} ajoutée.`);
      planifier();
    } else if (action === "supprimer-ligne") {
      const ligne = bouton.closest("[data-lignes] > *");
      const indice = [...conteneur.children].indexOf(ligne);
      const lignes = lireLignes(conteneur);
      lignes.splice(indice, 1);
      ecrireLignes(conteneur, lignes);
      const suivante = conteneur.children[Math.min(indice, conteneur.children.length - 1)];
      (suivante ? suivante.querySelector("button[data-action=supprimer-ligne]") : racine.querySelector("button[data-action=ajouter-ligne]")).focus();
      annoncer(`Ligne ${indice + 1} supprimée.`);
      planifier();
    } else if (action === "effacer-sauvegarde") {
      file.annuler(); // une réponse encore attendue ne réaffichera ni ne réenregistrera rien
      delete racine.dataset.enCours;
      delete racine.dataset.etatCalcul;
      if (cleStockage) localStorage.removeItem(cleStockage);
      formulaire.reset();
      restaurer({});
      effacerErreurs(racine);
      zoneResultats.hidden = true;
      toutesErreurs = false;
      annoncer("Saisie effacée de ce navigateur.");
    } else if (action === "exporter-json") {
      telechargerFichier(nomFichier(racine, "json"), `${JSON.stringify(lireEntree(formulaire), null, 2)}\n`, "application/json");
    } else if (action === "exporter-csv") {
      telechargerFichier(nomFichier(racine, "csv"), versCsv(conteneur), "text/csv;charset=utf-8");
    } else if (action === "imprimer") {
      window.print();
    }
  });

  const importer = racine.querySelector("input[type=file][data-importer]");
  if (importer) {
    importer.addEventListener("change", async () => {
      const fichier = importer.files && importer.files[0];
      if (!fichier) return;
      try {
        const texte = await fichier.text();
        const conteneur = formulaire.querySelector("[data-lignes]");
        if (/\.csv$/i.test(fichier.name) || fichier.type === "text/csv") {
          ecrireLignes(conteneur, depuisCsv(conteneur, texte, fichier.name), true);
        } else {
          let entree;
          try { entree = JSON.parse(texte); } catch (erreur) { throw new Error(`${fichier.name} : JSON illisible (${erreur.message}).`); }
          remplirDepuisEntree(formulaire, entree);
        }
        for (const champ of champsNommes(formulaire)) champ.dataset.touche = "oui";
        toutesErreurs = true;
        annoncer(`Fichier ${fichier.name} importé : vérification en cours.`);
        await calculer();
      } catch (erreur) {
        annoncer(`Import impossible : ${erreur.message}`);
      } finally {
        importer.value = "";
      }
    });
  }

  let sauvegarde = null;
  try { sauvegarde = cleStockage && JSON.parse(localStorage.getItem(cleStockage) || "null"); } catch (erreur) { sauvegarde = null; }
  restaurer(sauvegarde && sauvegarde.version === 1 ? sauvegarde : {});
  if (sauvegarde) {
    for (const champ of champsNommes(formulaire)) champ.dataset.touche = "oui";
    annoncer("Saisie précédente restaurée depuis ce navigateur.");
  }
  racine.dataset.pret = "oui";
  demarrerMoteur().then(() => {
    if (sauvegarde || racine.dataset.calculImmediat !== undefined) calculer();
  }, () => {});
}

/** Entrée JSON (format de la CLI) -> champs du formulaire ; les valeurs seront revalidées par Python. */
function remplirDepuisEntree(formulaire, entree) {
  if (entree === null || typeof entree !== "object" || Array.isArray(entree)) {
    throw new Error("le fichier doit contenir un objet JSON (le même que pour « python -m calculators »).");
  }
  for (const conteneur of conteneursLignes(formulaire)) {
    const elements = lire(entree, conteneur.dataset.lignes);
    ecrireLignes(conteneur, (Array.isArray(elements) ? elements : []).map((element) => {
      const valeurs = {};
      for (const [chemin, valeur] of Object.entries(aplatir(element, "", {}))) valeurs[chemin.startsWith("[") ? chemin : `.${chemin}`] = valeur;
      return valeurs;
    }), true);
  }
  const plat = aplatir(entree, "", {});
  for (const champ of champsNommes(formulaire)) {
    if (champ.type === "hidden" || champ.closest("[data-lignes]")) continue;
    garderValeur(champ, versSaisie(champ, plat[champ.name]));
  }
}

// ---------------------------------------------------------------- liaison aux pages

function lierPage() {
  const racines = document.querySelectorAll("[data-calculateur]");
  if (racines.length === 0) return;
  racines.forEach((racine) => lierCalculateur(racine));
}

// Page de calculateur : le moteur démarre dès l'évaluation de ce module (le document est déjà lu),
// sans attendre l'initialisation de Material (document$) qui lie ensuite les formulaires.
if (document.querySelector("[data-calculateur]")) demarrerMoteur();

// Page du guide : aucun octet de Pyodide, sauf si un lien vers un calculateur est survolé ou reçoit le focus.
prechaufferAuSurvol(document, new URL("../../", import.meta.url).href, () => { demarrerMoteur(); });

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(lierPage);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", lierPage);
} else {
  lierPage();
}
