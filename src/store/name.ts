import type { StoreSettings } from '../config/index.js';

/** What a person reads as the store's name: the file, or the database URL without its password. */
export const storeName = (settings: Pick<StoreSettings, 'path' | 'url'>): string => (settings.url ? settings.url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@') : settings.path);
