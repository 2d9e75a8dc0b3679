// Chemins JSON des champs (« etablissements[2].capacite ») — une seule responsabilité : lire, écrire et
// aplatir un objet JSON selon ces chemins. Fonctions pures, testées par tests/js/chemins.test.mjs.

/** « a[0].b » → ["a", "0", "b"]. */
export function segments(chemin) {
  return chemin.replace(/\[(\d+)\]/g, ".$1").split(".").filter((s) => s !== "");
}

/** Valeur au chemin (undefined si absente) ; « . » ou « » : l'objet ; indice négatif : depuis la fin. */
export function lire(objet, chemin) {
  if (chemin === "" || chemin === ".") return objet;
  let courant = objet;
  for (const segment of segments(chemin)) {
    if (courant === null || typeof courant !== "object") return undefined;
    courant = Array.isArray(courant) && /^-\d+$/.test(segment) ? courant.at(Number(segment)) : courant[segment];
  }
  return courant;
}

/** Écrit la valeur au chemin, en créant (ou remplaçant, s'ils ne sont pas des objets) les listes et
 * objets intermédiaires ; rend l'objet. */
export function ecrire(objet, chemin, valeur) {
  const parties = segments(chemin);
  let courant = objet;
  parties.forEach((segment, i) => {
    if (i === parties.length - 1) {
      courant[segment] = valeur;
    } else {
      if (courant[segment] === null || typeof courant[segment] !== "object") {
        courant[segment] = /^\d+$/.test(parties[i + 1]) ? [] : {};  // absent ou valeur simple : remplacé
      }
      courant = courant[segment];
    }
  });
  return objet;
}

/** {a: [{b: 1}]} → {"a[0].b": 1} (feuilles seulement). */
export function aplatir(valeur, prefixe = "", sortie = {}) {
  if (Array.isArray(valeur)) {
    valeur.forEach((element, i) => aplatir(element, `${prefixe}[${i}]`, sortie));
  } else if (valeur !== null && typeof valeur === "object") {
    for (const [cle, element] of Object.entries(valeur)) aplatir(element, prefixe ? `${prefixe}.${cle}` : cle, sortie);
  } else {
    sortie[prefixe] = valeur;
  }
  return sortie;
}
