/** Where two short texts differ: runs only one has (`a` empty: inserted in `b`; `b` empty: deleted). */
export interface Hunk {
  a: string;
  b: string;
  /** The character each side had before the hunk, and after it (context). */
  before: string;
  after: string;
}

/** The hunks of a longest-common-subsequence alignment of two headlines (quadratic: headlines are short). */
export function hunks(a: string, b: string): Hunk[] {
  const x = [...a];
  const y = [...b];
  const n = x.length;
  const m = y.length;
  // lcs[i][j]: the common subsequence of x[i..] and y[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  let last = '';
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      last = x[i]!;
      i++;
      j++;
      continue;
    }
    let da = '';
    let db = '';
    while ((i < n || j < m) && !(i < n && j < m && x[i] === y[j])) {
      if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) da += x[i++];
      else db += y[j++];
    }
    out.push({ a: da, b: db, before: last, after: i < n ? x[i]! : '' });
  }
  return out;
}
