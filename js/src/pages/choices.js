// A voter's marks while they fill the ballot, one section at a time. A section takes at most
// its quota K of marks (KH 331: "Chọn tối đa K người"): a mark beyond K is refused here, before
// anything is built, so the voter sees why at once.
export class Choices {
  /** `definition`: {sections: [{id, candidates, quota}]} as published at the opening. */
  constructor(definition) {
    this.sections = definition.sections;
    this.marked = new Map(this.sections.map((section) => [section.id, new Set()]));
  }

  section(id) {
    const found = this.sections.find((section) => section.id === id);
    if (!found) throw new Error(`no section ${id}`);
    return found;
  }

  isMarked(sectionId, candidate) {
    return this.marked.get(sectionId).has(candidate);
  }

  count(sectionId) {
    return this.marked.get(sectionId).size;
  }

  /** Mark or unmark; false (and nothing changes) when marking would exceed the quota. */
  toggle(sectionId, candidate) {
    const set = this.marked.get(sectionId);
    if (!this.section(sectionId).candidates.includes(candidate)) throw new Error(`no candidate ${candidate}`);
    if (set.has(candidate)) {
      set.delete(candidate);
      return true;
    }
    if (set.size >= this.section(sectionId).quota) return false;
    set.add(candidate);
    return true;
  }

  /** section id → the marked candidate ids in ballot order: what the worker builds. */
  toJSON() {
    return Object.fromEntries(this.sections.map((section) => [section.id, section.candidates.filter((c) => this.isMarked(section.id, c))]));
  }
}
