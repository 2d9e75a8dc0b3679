// Copie locale de l'instantané mémoire de Pyodide, dans le système de fichiers privé de l'origine
// (navigator.storage.getDirectory()) — une seule responsabilité : lire et garder ces octets.
//
// Le brotli de l'instantané (31 Mo décodés à chaque chargement, même depuis le cache HTTP) coûte
// 0,25 à 0,5 s ; relire les octets déjà décodés dans ce stockage en coûte 0,04 à 0,08 s. Le worker
// (worker.js) lit la copie avant de télécharger, et la garde après un démarrage depuis le réseau.
//
// Le nom de la copie porte la version de Pyodide et l'empreinte SHA-256 de l'instantané publié
// (assets/pyodide/instantane.js, écrit par la construction) : une nouvelle construction du site
// change le nom, l'ancienne copie n'est jamais relue et elle est effacée à la copie suivante. Seuls
// des octets dont l'empreinte est celle annoncée sont gardés ; une copie de mauvaise taille est
// ignorée. L'écriture (createWritable) remplace le fichier d'un coup à la fermeture : jamais de copie
// à moitié écrite.
// Rien ne sort de l'ordinateur : ce stockage est local au navigateur (effacé avec les données du site).
// Testé par tests/js/copie-locale.test.mjs (node --test, faux dossier).

const PREFIXE = "instantane-";

/** Nom de la copie pour l'identité publiée {version, empreinte} ; null si l'identité est incomplète.
 * Seuls des caractères sûrs pour un nom de fichier sont admis. */
export function nomCopie(identite) {
  if (!identite || typeof identite.version !== "string" || typeof identite.empreinte !== "string") return null;
  if (!/^[0-9A-Za-z.]+$/.test(identite.version) || !/^[0-9a-f]{16,64}$/.test(identite.empreinte)) return null;
  return `${PREFIXE}${identite.version}-${identite.empreinte}.bin`;
}

/** Fichier de la copie `nom` s'il existe et fait exactement `octets` octets ; null sinon (stockage
 * indisponible, copie absente, tronquée ou d'une autre taille). Ne lit pas les octets. Ne lève jamais. */
export async function trouverCopie(dossier, nom, octets) {
  if (!dossier || !nom) return null;
  try {
    const fichier = await (await dossier.getFileHandle(nom)).getFile();
    return fichier.size === octets ? fichier : null;
  } catch (erreur) {
    return null;
  }
}

/** Octets (Uint8Array) du fichier trouvé par `trouverCopie`, ou null s'il n'a pas pu être lu en entier
 * (remplacé entre-temps par un autre onglet…). Ne lève jamais. */
export async function lireFichier(fichier, octets) {
  if (!fichier) return null;
  try {
    const donnees = new Uint8Array(await fichier.arrayBuffer());
    return donnees.length === octets ? donnees : null;
  } catch (erreur) {
    return null;
  }
}

/** Octets de la copie `nom` (Uint8Array) si elle existe et fait exactement `octets` octets ; null sinon.
 * Ne lève jamais. */
export async function lireCopie(dossier, nom, octets) {
  return lireFichier(await trouverCopie(dossier, nom, octets), octets);
}

/** Empreinte SHA-256 (hexadécimal) de `donnees`. */
export async function empreinteDe(donnees) {
  const condensat = new Uint8Array(await crypto.subtle.digest("SHA-256", donnees));
  return [...condensat].map((octet) => octet.toString(16).padStart(2, "0")).join("");
}

/** Garde `donnees` sous `nom` si leur SHA-256 est `empreinte` (l'instantané annoncé par le site : un
 * instantané d'une autre construction, servi par un cache HTTP en retard, n'est jamais gardé sous ce
 * nom). Les autres copies (instantane-*) sont effacées d'abord : une mise à jour n'a jamais besoin de
 * la place de deux copies. Rend vrai si la copie est gardée ; faux si l'empreinte diffère ou si le
 * stockage refuse l'écriture (quota, navigation privée…), et aucun fichier n'est laissé sous `nom`. */
export async function garderCopie(dossier, nom, donnees, empreinte) {
  if (!dossier || !nom) return false;
  try {
    if (await empreinteDe(donnees) !== empreinte) return false;
  } catch (erreur) {
    return false;
  }
  try {
    for await (const autre of dossier.keys()) {
      if (autre !== nom && autre.startsWith(PREFIXE)) await dossier.removeEntry(autre).catch(() => {});
    }
  } catch (erreur) {
    // une ancienne copie restée en place ne sera jamais relue (autre nom)
  }
  try {
    const fichier = await dossier.getFileHandle(nom, { create: true });
    const flux = await fichier.createWritable();
    try {
      await flux.write(donnees);
      await flux.close();
    } catch (erreur) {
      await flux.abort().catch(() => {});
      throw erreur;
    }
  } catch (erreur) {
    await oublierCopie(dossier, nom);
    return false;
  }
  return true;
}

/** Efface la copie `nom` (écriture refusée). Ne lève jamais. */
export async function oublierCopie(dossier, nom) {
  if (!dossier || !nom) return;
  try {
    await dossier.removeEntry(nom);
  } catch (erreur) {
    // déjà absente, ou stockage indisponible : rien à effacer
  }
}

/** Dossier privé de l'origine, ou null si ce navigateur ne l'offre pas. */
export async function dossierPrive() {
  try {
    return (globalThis.navigator && navigator.storage && navigator.storage.getDirectory)
      ? await navigator.storage.getDirectory()
      : null;
  } catch (erreur) {
    return null;
  }
}
