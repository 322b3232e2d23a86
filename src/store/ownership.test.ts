import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/helpers/items.js';
import type { Source } from '../sources/index.js';
import { openSqliteStore } from './index.js';
import { owns, telling, type Place, type Story } from './ownership.js';

const LINK = 'https://news.example.com/2026/12/05/story';
/** A feed on the story's site (or a subdomain of it) or on another site, at a place in the config. */
const place = fc.record({ url: fc.constantFrom('https://news.example.com/feed', 'https://www.news.example.com/rss', 'https://cn.news.example.com/a', 'https://rsshub.app/x', 'https://other.test/feed'), position: fc.nat(1000) });
const storyAt = (p: Place, owner = 'owner'): Story => ({ ...p, id: 'story', owner, hash: 'h' });

describe('ownership, the rule for a story several sources carry', () => {
  it('ranks any two sources one way: exactly one of them would take the story from the other', () => {
    fc.assert(fc.property(place, place, (a, b) => {
      fc.pre(a.position !== b.position);
      expect(owns(a, storyAt(b), LINK)).toBe(!owns(b, storyAt(a), LINK));
    }));
  });

  it('never lets a feed of another site take a story from its own site', () => {
    fc.assert(fc.property(place, place, (a, b) => {
      const onSite = (p: Place) => !/rsshub\.app|other\.test/.test(p.url);
      if (onSite(b) && !onSite(a)) expect(owns(a, storyAt(b), LINK)).toBe(false);
    }));
  });

  it('tells its owner\'s new text, keeps its owner\'s same text, and only adds a carrier that does not outrank the owner', () => {
    fc.assert(fc.property(place, place, fc.boolean(), (mine, theirs, sameText) => {
      const story = storyAt(theirs);
      expect(telling(story, sameText ? 'h' : 'h2', 'owner', mine, LINK)).toBe(sameText ? 'unchanged' : 'tell');
      expect(telling(story, 'h', 'newcomer', mine, LINK)).toBe(owns(mine, story, LINK) ? 'take-over' : 'carried');
    }));
  });

  it('gives the story to the same source whatever order the feeds come in (real SQLite store)', async () => {
    await fc.assert(fc.asyncProperty(fc.uniqueArray(place, { minLength: 2, maxLength: 5, selector: (p) => p.position }), fc.context(), async (places, ctx) => {
      const sources: Source[] = places.map((p, k) => ({ id: `/s/${k}`, kind: 'feed', url: p.url, category: 'c', site: `site${k}`, channel: 'ch', options: { items: 20 } }));
      const owners = new Set<string>();
      for (const order of [places.map((_, k) => k), places.map((_, k) => k).reverse()]) {
        const store = openSqliteStore(':memory:');
        // sync gives each source its position in the list: the config's order.
        await store.sources.sync([...sources].sort((x, y) => places[Number(x.id.slice(3))]!.position - places[Number(y.id.slice(3))]!.position));
        for (const k of order) {
          await store.sources.recordSuccess(`/s/${k}`, [sampleItem({ id: `item-${k}`, sourceId: `/s/${k}`, link: LINK, contentHash: `h${k}` })], { at: new Date('2026-12-05T00:00:00Z'), latencyMs: 1, cache: {} });
        }
        const [stored] = (await store.items.query({ fields: 'summary', limit: 10 })).items;
        ctx.log(`order ${order.join(',')}: ${stored!.sourceId} owns, ${stored!.sourceIds.length} carried`);
        expect(stored!.sourceIds).toHaveLength(places.length);
        owners.add(stored!.sourceId);
        await store.close();
      }
      expect(owners.size).toBe(1);
    }), { numRuns: 40 });
  });
});
