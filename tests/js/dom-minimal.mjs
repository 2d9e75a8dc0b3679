// DOM minimal pour les tests de node (sans dépendance) : assez pour affichage.js — éléments avec
// dataset, hidden, enfants, textContent, <template>, cloneNode et les sélecteurs
// « :scope > template » et « [data-x] ».

export class Texte {
  constructor(texte) { this.nodeType = 3; this.textContent = texte; }
  cloneNode() { return new Texte(this.textContent); }
}

export class Element {
  constructor(balise, dataset = {}, enfants = []) {
    this.nodeType = 1;
    this.tagName = balise.toUpperCase();
    this.dataset = { ...dataset };
    this.hidden = false;
    this.childNodes = [];
    this.parent = null;
    if (this.tagName === "TEMPLATE") this.content = { childNodes: [], get firstElementChild() { return this.childNodes.find((n) => n.nodeType === 1); } };
    for (const enfant of enfants) this.append(typeof enfant === "string" ? new Texte(enfant) : enfant);
  }

  get children() { return this.childNodes.filter((n) => n.nodeType === 1); }

  get textContent() { return this.childNodes.map((n) => n.textContent).join(""); }

  set textContent(texte) { this.childNodes = [new Texte(String(texte))]; }

  append(...noeuds) {
    for (const noeud of noeuds) {
      if (this.tagName === "TEMPLATE") this.content.childNodes.push(noeud);
      else { this.childNodes.push(noeud); noeud.parent = this; }
    }
  }

  remove() {
    if (this.parent) this.parent.childNodes = this.parent.childNodes.filter((n) => n !== this);
    this.parent = null;
  }

  cloneNode() {
    const copie = new Element(this.tagName, this.dataset);
    copie.hidden = this.hidden;
    for (const n of this.tagName === "TEMPLATE" ? this.content.childNodes : this.childNodes) copie.append(n.cloneNode(true));
    return copie;
  }

  *#descendants() {
    for (const enfant of this.children) { yield enfant; yield* enfant.#descendants(); }
  }

  querySelectorAll(selecteur) {
    const attribut = /^\[data-([a-z-]+)\]$/.exec(selecteur);
    if (!attribut) throw new Error(`sélecteur non pris en charge : ${selecteur}`);
    const cle = attribut[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    return [...this.#descendants()].filter((e) => e.dataset[cle] !== undefined);
  }

  querySelector(selecteur) {
    if (selecteur === ":scope > template") return this.children.find((e) => e.tagName === "TEMPLATE") || null;
    return this.querySelectorAll(selecteur)[0] || null;
  }
}

/** h("p", {valeur: "x"}, "texte", h(...)) */
export const h = (balise, dataset, ...enfants) => new Element(balise, dataset, enfants);
