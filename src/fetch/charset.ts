import type Iconv from 'iconv-lite';
import type Chardet from 'chardet';
import { onFirstUse } from '../shared/index.js';

// Nearly every feed is UTF-8 and decoded without them.
const iconv = onFirstUse<typeof Iconv>('iconv-lite');
const chardet = onFirstUse<typeof Chardet>('chardet');

/**
 * Decode a feed document once, here, in this order:
 *   1. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
 *   2. the XML spec's autodetection of `<?` in UTF-16/32 without a BOM;
 *   3. bytes that are valid UTF-8 are UTF-8 (a contrary label is then what is wrong),
 *      except that pure ASCII keeps an ASCII-compatible label, which decodes it identically;
 *   4. the HTTP Content-Type charset, then the XML declaration's encoding, then an HTML page's `<meta charset>`;
 *   5. sniffing (chardet), for documents that declare nothing.
 * Then characters XML forbids are dropped and stray C1 controls read as Windows-1252.
 * Labels are mapped to the superset decoders browsers use (GB2312 → GB18030, Big5 → Big5-HKSCS, ISO-8859-1 → Windows-1252).
 */
export interface Decoded {
  text: string;
  charset: string;
}

const SUPERSET: Record<string, string> = {
  utf8: 'utf-8', gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', 'euc-cn': 'gb18030', hz: 'gb18030',
  'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', ascii: 'windows-1252',
  'x-sjis': 'shift_jis', sjis: 'shift_jis', 'ks_c_5601-1987': 'cp949', 'euc-kr': 'cp949',
  'tis-620': 'cp874', 'iso-8859-11': 'cp874', 'utf-16': 'utf-16le', 'utf-32': 'utf-32le',
};

function decoderFor(label: string): string | null {
  const l = label.trim().toLowerCase();
  const name = SUPERSET[l] ?? l;
  return name === 'utf-8' || iconv().encodingExists(name) ? name : null;
}

function bom(b: Uint8Array): { charset: string; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { charset: 'utf-32be', skip: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { charset: 'utf-32le', skip: 4 };
  if (b[0] === 0xfe && b[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  return null;
}

function xmlAutodetect(b: Uint8Array): string | null {
  const [a, c, d, e] = [b[0], b[1], b[2], b[3]];
  if (a === 0x00 && c === 0x00 && d === 0x00 && e === 0x3c) return 'utf-32be';
  if (a === 0x3c && c === 0x00 && d === 0x00 && e === 0x00) return 'utf-32le';
  if (a === 0x00 && c === 0x3c && d === 0x00 && e === 0x3f) return 'utf-16be';
  if (a === 0x3c && c === 0x00 && d === 0x3f && e === 0x00) return 'utf-16le';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isValidUtf8(b: Uint8Array): boolean {
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
}

const isAscii = (b: Uint8Array): boolean => b.every((x) => x < 0x80);

export function headerCharset(contentType: string | undefined): string | null {
  const m = contentType ? /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : null;
}

export function prologCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.subarray(0, 512)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/** An HTML page's own declaration (`<meta charset>`, or `http-equiv` Content-Type) in its first 2 KB: an article page, not a feed. */
export function metaCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/** East Asian decoders tried when sniffing says a single-byte charset: a short Chinese title is too little for chardet. */
const CJK_DECODERS = ['gb18030', 'big5-hkscs', 'shift_jis', 'cp949'];
const CJK_CHAR = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]/u;

/** The East Asian charset the non-ASCII bytes read as without a single error and nearly all as CJK text, or null. */
function cjkReading(b: Uint8Array): string | null {
  for (const name of CJK_DECODERS) {
    const text = decodeAs(b, name);
    if (text.includes('\ufffd')) continue;
    const wide = [...text].filter((c) => c.charCodeAt(0) > 0x7f);
    if (wide.length > 0 && wide.filter((c) => CJK_CHAR.test(c)).length / wide.length >= 0.9) return name;
  }
  return null;
}

function sniffCharset(b: Uint8Array): string | null {
  const guess = chardet().detect(b)?.toLowerCase() ?? null;
  if (guess === null || /^(iso-8859|windows-125|koi8|ibm)/.test(guess)) return cjkReading(b) ?? guess;
  return guess;
}

/** Characters XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF); parsers choke on them. */
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export const stripXmlIllegalChars = (s: string): string => s.replace(XML_ILLEGAL, '');

/**
 * C1 controls never mean anything in a feed; they are Windows-1252 punctuation that went through
 * a Latin-1 conversion (`don\u0092t`). Map them to what the author typed, as feedparser does.
 */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
export const demoronize = (s: string): string => s.replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);

// UTF-8 (nearly every feed) by the platform's decoder: the text iconv-lite gives, without loading it.
const utf8Lenient = new TextDecoder('utf-8');

function decodeAs(b: Uint8Array, charset: string): string {
  if (charset === 'utf-8') return utf8Lenient.decode(b);
  return iconv().decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), charset, { stripBOM: true });
}

function chooseCharset(b: Uint8Array, contentType?: string): { charset: string; decoder: string; skip: number } {
  const mark = bom(b);
  if (mark) return { charset: mark.charset, decoder: mark.charset, skip: mark.skip };
  const auto = xmlAutodetect(b);
  if (auto) return { charset: auto, decoder: auto, skip: 0 };
  const declared = [headerCharset(contentType), prologCharset(b), metaCharset(b)].filter((l): l is string => l !== null && decoderFor(l) !== null);
  if (isAscii(b)) {
    const compatible = declared.find((l) => !/^utf-(16|32)/.test(l) && decodeAs(Buffer.from('<?xml'), decoderFor(l)!) === '<?xml');
    return { charset: compatible ?? 'utf-8', decoder: 'utf-8', skip: 0 };
  }
  if (isValidUtf8(b)) return { charset: 'utf-8', decoder: 'utf-8', skip: 0 };
  // Not valid UTF-8: a UTF-8 label is wrong (a GBK body labelled utf-8), so the bytes are sniffed.
  // UTF-7 is never used: it turns plain ASCII into markup (`+ADw-script+AD4-`).
  const usable = (l: string): boolean => !/^utf-?(7|8|16|32)/.test(l) && !/^(unicode-1-1-utf-7|csunicode11utf7)$/.test(l);
  const first = declared.find(usable) ?? [sniffCharset(b)].find((l): l is string => l !== null && usable(l)) ?? null;
  const decoder = first ? decoderFor(first) : null;
  return decoder ? { charset: first!, decoder, skip: 0 } : { charset: 'utf-8', decoder: 'utf-8', skip: 0 };
}

export function decodeFeed(bytes: Uint8Array, contentType?: string): Decoded {
  const { charset, decoder, skip } = chooseCharset(bytes, contentType);
  return { text: demoronize(stripXmlIllegalChars(decodeAs(bytes.subarray(skip), decoder))), charset };
}
