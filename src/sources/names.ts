import type { SourceNames } from './types.js';

/** The three names as one key (categories, sites and channels are named by their whole path). */
export const namesKey = (n: SourceNames): string => `${n.category}\u0001${n.site}\u0001${n.channel}`;
export const namesOf = (key: string): SourceNames => {
  const [category = '', site = '', channel = ''] = key.split('\u0001');
  return { category, site, channel };
};
