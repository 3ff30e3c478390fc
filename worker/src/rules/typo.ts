/**
 * Is `a` at most one edit from `b` (insert, delete, substitute, or swap of two neighbours)? Used
 * to meet lexicon words typed with one slip ("terible", "افتضاه"), only for words of six letters
 * or more, where one slip rarely lands on another real word. Compares UTF-16 units: every
 * letter of the lexicon words it is used on is one unit.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (la === lb) {
    // Substitution at i, or a swap of the letters at i and i + 1.
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  // One insertion or deletion at i.
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Words bucketed by first letter and length, so a look-up compares against a handful. */
export class TypoIndex {
  private readonly buckets = new Map<string, string[]>();

  add(word: string): void {
    const key = `${word[0]}${word.length}`;
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(word);
    else this.buckets.set(key, [word]);
  }

  /**
   * The first word one edit from `word` with the same first letter (people rarely slip on the
   * first), that is not merely `word` with a letter added or removed at the end (an inflection,
   * "please" / "pleased", which stemming handles).
   */
  find(word: string): string | undefined {
    for (const length of [word.length, word.length - 1, word.length + 1]) {
      for (const candidate of this.buckets.get(`${word[0]}${length}`) ?? []) {
        if (!candidate.startsWith(word) && !word.startsWith(candidate) && withinOneEdit(word, candidate)) return candidate;
      }
    }
    return undefined;
  }
}
