import { htmlToText } from '../../feed/index.js';
import type { StoredItem } from '../../store/index.js';
import type { IndexDoc } from './postings.js';

// The index reads this much of a body; a result shows an excerpt from the first part.
const INDEX_CHARS = 20_000;
const EXCERPT_CHARS = 600;

/** A document as the store gives it: its text is read from its HTML where the index is built. */
export interface SourceDoc {
  title: string;
  html: string | null;
  excerpt: string | null;
  category: string;
  site: string;
}

/** What the index takes of a document, and the start of its text that a result shows. */
export function readDoc(doc: SourceDoc): { index: IndexDoc; shown: string } {
  const text = doc.html ? htmlToText(doc.html) : doc.excerpt ?? '';
  return { index: { title: doc.title, body: text.slice(0, INDEX_CHARS), category: doc.category, site: doc.site }, shown: text.slice(0, EXCERPT_CHARS) };
}

/** The document of a stored item. */
export const sourceDocOf = (item: StoredItem): SourceDoc => ({ title: item.title, html: item.html, excerpt: item.excerpt, category: item.names.category, site: item.names.site });
