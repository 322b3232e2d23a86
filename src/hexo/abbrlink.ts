import type { OutputPart } from '../store/index.js';

export const ABBRLINK_HEX = 8;

/**
 * An item's abbrlink candidates in order: 8 hex digits from the item id, on a collision the next 8,
 * and so on. A run of digits (`01234567`, `12e45678`) is passed over: YAML would read it as a number,
 * and Hexo's permalink would no longer be the abbrlink.
 */
export function* abbrlinkCandidates(itemId: string): Generator<string> {
  for (let i = 0; ; i++) {
    const slice = i * ABBRLINK_HEX + ABBRLINK_HEX <= itemId.length;
    const candidate = slice ? itemId.slice(i * ABBRLINK_HEX, (i + 1) * ABBRLINK_HEX) : `${itemId.slice(0, ABBRLINK_HEX)}${i}`;
    if (slice && /^[0-9]+(e[0-9]+)?$/.test(candidate)) continue;
    yield candidate;
  }
}

/** Candidates offered before the slug allocator's own `-2`, `-3` …: sixteen collisions in a row never happen. */
const OFFERED = 16;

/** A stable short link for each item, given once (collisions resolved) and kept among the hexo output's slugs. */
export function abbrlinksOf(out: OutputPart, itemIds: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Map(itemIds.map((id) => {
    const candidates: string[] = [];
    for (const c of abbrlinkCandidates(id)) if (candidates.push(c) >= OFFERED) break;
    return [id, candidates] as const;
  }));
  return out.slugs('abbrlink', wanted);
}
