/**
 * What survives sanitizing, as data. Nothing executable: no script, style element, form, object,
 * event handler, `javascript:` or non-image `data:` URL; iframes only from the video hosts below.
 * Benign markup (classes, ids, `data-*`, harmless inline styles, figures) is kept: the reference
 * post format promises the original's DOM. (The site's own script finds its elements by ids that
 * come before any item's in the page, so an item's ids cannot take them over.)
 */
export const GLOBAL_ATTRIBUTES = ['class', 'id', 'title', 'lang', 'dir', 'style', 'data-*'];

export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
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

/** Disallowed elements whose content goes with them (it is code, form state or page furniture, not text). */
export const CONTENT_DROPPED = ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head', 'xmp'];

/** Written `<name />`: void elements. */
export const SELF_CLOSING = ['img', 'br', 'hr', 'wbr', 'source', 'track', 'col', 'area', 'base', 'basefont', 'input', 'link', 'meta'];

/**
 * Attributes kept when empty (`<video controls>`, `<td align>`); any other empty attribute means
 * nothing and goes, except `alt=""` (an image with no text on purpose).
 */
export const EMPTY_KEPT = ['controls', 'muted', 'loop', 'playsinline', 'default', 'allowfullscreen', 'frameborder', 'open', 'reversed', 'face', 'border', 'cellpadding', 'cellspacing', 'summary', 'align', 'valign'];

/** URL schemes per tag; relative URLs are resolved first, and protocol-relative ones go. */
export const SCHEMES = ['http', 'https', 'mailto', 'tel'];
export const SCHEMES_BY_TAG: Readonly<Record<string, readonly string[]>> = { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] };
export const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster', 'srcset'];

/** `data:` images a browser shows as pictures; any other `data:` (HTML, SVG with script) goes. */
export const DATA_IMAGE = /^data:image\/(png|gif|jpe?g|webp|avif|bmp);/i;

/** Video hosts whose players may be embedded (the sources post Youku, Bilibili and YouTube videos). */
export const IFRAME_HOSTS = [
  'www.youtube.com', 'www.youtube-nocookie.com', 'player.vimeo.com', 'player.bilibili.com', 'player.youku.com',
  'v.qq.com', 'open.iqiyi.com', 'www.dailymotion.com', 'embed.ted.com', 'www.ixigua.com',
];

/** Where lazy-loading pages keep an image's real address. */
export const LAZY_SOURCES = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc'];

export const STYLE_PROPERTIES = [
  'color', 'background-color', 'background', 'display', 'overflow', 'word-break', 'word-wrap', 'overflow-wrap', 'text-transform', 'border-radius', 'text-align', 'text-indent', 'text-decoration', 'font-size', 'font-weight', 'font-style', 'font-family',
  'line-height', 'letter-spacing', 'width', 'height', 'max-width', 'min-width', 'max-height', 'vertical-align', 'white-space', 'float', 'clear',
  'margin', 'margin-top', 'margin-bottom', 'margin-left', 'margin-right', 'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right',
  'border', 'border-collapse', 'border-spacing', 'border-color', 'border-style', 'border-width', 'list-style-type',
];
