import { parseDocument } from 'htmlparser2';
import render from 'dom-serializer';

/** HTML reduced to its DOM: serialization details (`&amp;` vs `&`, `<img />` vs `<img>`) aside. */
export function canonicalHtml(html: string): string {
  return render(parseDocument(html, { decodeEntities: true }).children, { encodeEntities: 'utf8' });
}
