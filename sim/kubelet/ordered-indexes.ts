// A set of positions kept in ascending order, for walking a pod's containers in their order while
// visiting only the ones that matter (not running, not ready) in a pod of thousands.

export class OrderedIndexes {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The positions, in order (not to be changed). */
  get values(): readonly number[] {
    return this.items;
  }

  /** Adds `index`; returns where it went in the order, or -1 if it was there. */
  add(index: number): number {
    const at = this.search(index);
    if (this.items[at] === index) return -1;
    this.items.splice(at, 0, index);
    return at;
  }

  /** Removes `index`; returns where it was in the order, or -1 if it was not there. */
  delete(index: number): number {
    const at = this.search(index);
    if (this.items[at] !== index) return -1;
    this.items.splice(at, 1);
    return at;
  }

  /** The first position after `index` (or the first of all), if any. */
  next(index = -1): number | undefined {
    return this.items[this.search(index + 1)];
  }

  /** Where `index` is or would go: a binary search. */
  private search(index: number): number {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.items[middle] < index) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
