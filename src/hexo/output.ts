import type { HexoSettings } from '../config/index.js';
import type { Output } from '../store/index.js';
import { HEXO_OUTPUT, syncPosts } from './sync.js';

/** The Hexo posts as one of the outputs `publish` walks. */
export const hexoOutput = (o: HexoSettings, opts: { full?: boolean } = {}): Output => ({
  name: HEXO_OUTPUT,
  publish: async (store) => {
    const r = await syncPosts(store, o, opts);
    return { created: r.created.length, updated: r.updated.length, unchanged: r.unchanged.length, removed: r.removed.length, refused: r.refused, ...(r.notice ? { notice: r.notice } : {}) };
  },
});
