import sanitizeHtml from 'sanitize-html';
import { resolveUrl } from '../../src/shared/index.js';
import type { SafeHtml } from '../../src/content/index.js';
import { filterStyle } from '../../src/content/style.js';
import { ALLOWED, CONTENT_DROPPED, DATA_IMAGE, GLOBAL_ATTRIBUTES, IFRAME_HOSTS, LAZY_SOURCES, SCHEMES, SCHEMES_BY_TAG, SELF_CLOSING, URL_ATTRIBUTES } from '../../src/content/policy.js';

/**
 * Broadsheet's policy run through sanitize-html, as Broadsheet sanitized before it had its own
 * one-pass sanitizer: the reference the differential test compares that sanitizer with.
 */

function isPlaceholder(src: string | undefined): boolean {
  return !src || src.startsWith('data:') || /\b(blank|spacer|placeholder|loading|lazy)\b[^/]*\.(gif|png|svg)$/i.test(src);
}

function absolutize(attribs: Record<string, string>, base: string | null): Record<string, string> {
  const out = { ...attribs };
  for (const name of ['href', 'src', 'poster', 'cite']) if (out[name] !== undefined) out[name] = resolveUrl(out[name]!, base);
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

function everyTag(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out = attribs.style === undefined ? attribs : { ...attribs, style: filterStyle(attribs.style) };
  if (out.style === '') delete out.style;
  return { tagName, attribs: out };
}

const STATIC_OPTIONS: sanitizeHtml.IOptions = {
    allowedTags: Object.keys(ALLOWED),
    allowedAttributes: Object.fromEntries([['*', GLOBAL_ATTRIBUTES], ...Object.entries(ALLOWED).map(([t, a]) => [t, [...a]])]),
    parseStyleAttributes: false,
    allowedSchemes: SCHEMES,
    allowedSchemesByTag: Object.fromEntries(Object.entries(SCHEMES_BY_TAG).map(([t, s]) => [t, [...s]])),
    allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
    selfClosing: SELF_CLOSING,
    allowProtocolRelative: false,
    allowedIframeHostnames: IFRAME_HOSTS,
    allowIframeRelativeUrls: false,
    nonTextTags: CONTENT_DROPPED,
    // An iframe whose host is not allowed loses its src; drop the empty frame with it.
    exclusiveFilter: (frame) => frame.tag === 'iframe' && !frame.attribs.src,
};

function lazyImage(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const lazy = LAZY_SOURCES.map((a) => attribs[a]).find((v) => v && !v.startsWith('data:'));
  const chosen = lazy && isPlaceholder(attribs.src) ? lazy : attribs.src;
  const src = chosen !== undefined && /^data:/i.test(chosen) && !DATA_IMAGE.test(chosen) ? undefined : chosen;
  // Attributes keep their order, so sanitizing twice gives the same bytes.
  const out = { ...attribs };
  if (src === undefined) delete out.src;
  else out.src = src;
  out.referrerpolicy = 'no-referrer';
  return { tagName, attribs: out };
}

/**
 * No link hands the page to what it opens (reverse tabnabbing): `rel="opener"` goes. Without it,
 * browsers open `target="_blank"` links with no opener; other links stay as written (imported posts too).
 */
function safeLink(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out = { ...attribs };
  const rel = (out.rel ?? '').split(/\s+/).filter((t) => t !== '' && t.toLowerCase() !== 'opener');
  if (rel.length) out.rel = rel.join(' ');
  else delete out.rel;
  return { tagName, attribs: out };
}

function options(base: string | null): sanitizeHtml.IOptions {
  return {
    ...STATIC_OPTIONS,
    transformTags: {
      img: (tagName, attribs) => lazyImage(tagName, absolutize(attribs, base)),
      a: (tagName, attribs) => everyTag(tagName, safeLink(tagName, absolutize(attribs, base)).attribs),
      '*': (tagName, attribs) => everyTag(tagName, absolutize(attribs, base)),
    },
  };
}

/** The only producer of SafeHtml. Relative URLs are resolved against `baseUrl` (left as they are without one). */
export function referenceSanitize(html: string, baseUrl: string | null): SafeHtml {
  return sanitizeHtml(html, options(baseUrl)).trim() as SafeHtml;
}

