/**
 * Is `a` at most one edit from `b` (insert, delete, substitute, or swap of two neighbours)? Used
 * to meet lexicon words typed with one slip ("dissapointed", "افتضاه"), only for words of six
 * letters or more, where one slip rarely lands on another real word.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i += 1;
  if (x.length === y.length) {
    // Substitution, or a swap of the two letters at i.
    if (x.slice(i + 1).join('') === y.slice(i + 1).join('')) return true;
    return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2).join('') === y.slice(i + 2).join('');
  }
  // One insertion or deletion at i.
  return x.length > y.length ? x.slice(i + 1).join('') === y.slice(i).join('') : x.slice(i).join('') === y.slice(i + 1).join('');
}
