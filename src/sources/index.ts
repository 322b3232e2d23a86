export { sourcesFromConfig } from './from-config.js';
export { SOURCE_KINDS } from './types.js';
export type { Source, SourceKind, SourceNames, NameLookup } from './types.js';
export { namesKey, namesOf } from './names.js';
export { readRsshubPageConfig, readRsshubPageDiy } from './rsshub-page.js';
export type { RsshubPageRoute } from './rsshub-page.js';
export { readOpml, opmlFeedOf } from './opml.js';
export { publicUrl, publicUrls, PUBLIC_RSSHUB } from './public-url.js';
