import sanitizeHtml from 'sanitize-html';
import { resolveUrl } from '../shared/index.js';
import type { SafeHtml } from './types.js';

/**
 * Allowlist sanitizing of hostile feed HTML (sanitize-html, configured here as data).
 * Nothing executable survives: no script, style element, form, object, event handler,
 * `javascript:` or non-image `data:` URL; iframes only from the video hosts below.
 * Benign markup (classes, ids, `data-*`, harmless inline styles, figures) is kept.
 */
const GLOBAL_ATTRIBUTES = ['class', 'id', 'title', 'lang', 'dir', 'style', 'data-*'];

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'name', 'target', 'rel', 'hreflang'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'referrerpolicy', 'loading', 'decoding'],
  picture: [], source: ['src', 'srcset', 'type', 'media', 'sizes'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'muted', 'loop', 'playsinline'],
  audio: ['src', 'controls', 'preload', 'loop'], track: ['src', 'kind', 'srclang', 'label', 'default'],
  iframe: ['src', 'width', 'height', 'allowfullscreen', 'frameborder', 'allow', 'loading', 'referrerpolicy'],
  p: [], div: [], span: [], br: [], hr: [], wbr: [], section: [], article: [], aside: [], header: [], footer: [], center: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], blockquote: ['cite'], q: ['cite'], cite: [], pre: [], code: [], kbd: [], samp: [], var: [],
  b: [], strong: [], i: [], em: [], u: [], s: [], strike: [], del: ['cite', 'datetime'], ins: ['cite', 'datetime'], mark: [], small: [], sub: [], sup: [], tt: [],
  abbr: [], dfn: [], bdi: [], bdo: [], time: ['datetime'], ruby: [], rt: [], rp: [], font: ['color', 'size', 'face'],
  ul: [], ol: ['start', 'type', 'reversed'], li: ['value'], dl: [], dt: [], dd: [],
  figure: [], figcaption: [], details: ['open'], summary: [], address: [],
  table: ['border', 'cellpadding', 'cellspacing', 'summary', 'width'], caption: [], colgroup: ['span'], col: ['span', 'width'],
  thead: [], tbody: [], tfoot: [], tr: [], th: ['colspan', 'rowspan', 'scope', 'align', 'valign', 'width'], td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
};

/** Video hosts whose players may be embedded (the sources post Youku, Bilibili and YouTube videos). */
export const IFRAME_HOSTS = [
  'www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com', 'player.bilibili.com', 'player.youku.com',
  'v.qq.com', 'open.iqiyi.com', 'www.dailymotion.com', 'embed.ted.com', 'www.ixigua.com',
];

// CSS values: no url(), expression(), escapes or at-rules; just lengths, colours, keywords.
const SAFE_CSS_VALUE = /^(?!.*(?:expression|url\s*\(|javascript|vbscript|@import|behavior|\\))[#\w\s.,%()+\-'"!/]*$/i;
const STYLE_PROPERTIES = [
  'color', 'background-color', 'text-align', 'text-indent', 'text-decoration', 'font-size', 'font-weight', 'font-style', 'font-family',
  'line-height', 'letter-spacing', 'width', 'height', 'max-width', 'min-width', 'max-height', 'vertical-align', 'white-space', 'float', 'clear',
  'margin', 'margin-top', 'margin-bottom', 'margin-left', 'margin-right', 'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right',
  'border', 'border-collapse', 'border-spacing', 'border-color', 'border-style', 'border-width', 'list-style-type',
];

const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc'];
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'];

function isPlaceholder(src: string | undefined): boolean {
  return !src || src.startsWith('data:') || /\b(blank|spacer|placeholder|loading|lazy)\b[^/]*\.(gif|png|svg)$/i.test(src);
}

function absolutize(attribs: Record<string, string>, base: string): Record<string, string> {
  const out = { ...attribs };
  for (const name of URL_ATTRIBUTES) if (out[name] !== undefined) out[name] = resolveUrl(out[name]!, base);
  if (out.srcset !== undefined) {
    out.srcset = out.srcset
      .split(',')
      .map((part) => {
        const [url = '', ...rest] = part.trim().split(/\s+/);
        return [resolveUrl(url, base), ...rest].join(' ');
      })
      .join(', ');
  }
  return out;
}

function options(base: string): sanitizeHtml.IOptions {
  const urlTransform = (tagName: string, attribs: sanitizeHtml.Attributes) => ({ tagName, attribs: absolutize(attribs, base) });
  return {
    allowedTags: Object.keys(ALLOWED),
    allowedAttributes: Object.fromEntries([['*', GLOBAL_ATTRIBUTES], ...Object.entries(ALLOWED).map(([t, a]) => [t, [...a]])]),
    allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_CSS_VALUE]])) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster', 'srcset'],
    allowProtocolRelative: false,
    allowedIframeHostnames: IFRAME_HOSTS,
    allowIframeRelativeUrls: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head'],
    transformTags: {
      img: (tagName, attribs) => {
        const lazy = LAZY_SOURCES.map((a) => attribs[a]).find((v) => v && !v.startsWith('data:'));
        const src = lazy && isPlaceholder(attribs.src) ? lazy : attribs.src;
        const withSrc: Record<string, string> = { ...attribs, ...(src !== undefined ? { src } : {}) };
        return { tagName, attribs: { ...absolutize(withSrc, base), referrerpolicy: 'no-referrer' } };
      },
      a: urlTransform, source: urlTransform, video: urlTransform, audio: urlTransform, iframe: urlTransform,
      blockquote: urlTransform, q: urlTransform, del: urlTransform, ins: urlTransform, track: urlTransform,
    },
    // An iframe whose host is not allowed loses its src; drop the empty frame with it.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
  };
}

/** The only producer of SafeHtml. Relative URLs are resolved against `baseUrl`. */
export function sanitize(html: string, baseUrl: string): SafeHtml {
  return sanitizeHtml(html, options(baseUrl)).trim() as SafeHtml;
}
