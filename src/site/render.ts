import { Eta } from 'eta';
import type { Theme } from './theme.js';

export type Render = (template: string, data: object) => string;

/**
 * Eta, escaping every `<%= %>` by default; `<%~ %>` (raw) is used only for the store's SafeHtml and
 * for partials. Templates are compiled once per build and called as plain functions.
 */
export function renderer(theme: Theme): Render {
  const eta = new Eta({ autoEscape: true, autoTrim: [false, 'nl'], cache: true, useWith: false });
  for (const [name, text] of theme.templates) eta.loadTemplate(`@${name}`, text);
  return (template, data) => eta.render(`@${template}`, data);
}
