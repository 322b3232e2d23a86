// Runs of Han characters, and of Latin letters and digits (a number keeps its point and percent sign).
const RUNS = /\p{Script=Han}+|[a-z0-9]+(?:[.][0-9]+)*%?/gu;

/** Shingles of folded text: Han characters in overlapping pairs (no word segmentation needed), Latin words and numbers whole. */
export function shingles(text: string): Set<string> {
  const out = new Set<string>();
  for (const [run] of text.matchAll(RUNS)) {
    if (!/\p{Script=Han}/u.test(run[0]!)) {
      out.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.add(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return out;
}

export function intersection(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const common = intersection(a, b);
  return common === 0 ? 0 : common / (a.size + b.size - common);
}

/** How much of the smaller set the larger holds: a short headline inside a longer one scores high. */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const least = Math.min(a.size, b.size);
  return least === 0 ? 0 : intersection(a, b) / least;
}
