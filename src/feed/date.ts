/**
 * Feed dates as found in the wild: RFC 822 and its deformations, ISO 8601 / W3C-DTF, Chinese forms
 * (`2021年05月20日 13:06`), epoch numbers. Returns null for anything else: a missing date is never
 * replaced by "now" here (the store records when an item was first seen).
 *
 * Times without a zone: ISO forms are read as UTC (as feedparser does); Chinese and slash forms as
 * China Standard Time (UTC+8), since that is what the sites writing them mean.
 */
/**
 * Month names by their first letters (diacritics removed), in the languages feeds are written in:
 * en, pt, es, fr, de, it, nl. French `juin` / `juillet` share three letters, so four are tried first.
 */
const MONTHS: Record<string, number> = {
  juin: 5, juil: 6,
  jan: 0, ene: 0, gen: 0,
  feb: 1, fev: 1,
  mar: 2, mrz: 2, mrt: 2,
  apr: 3, abr: 3, avr: 3,
  may: 4, mai: 4, mei: 4, mag: 4,
  jun: 5, giu: 5,
  jul: 6, lug: 6,
  aug: 7, ago: 7, aou: 7,
  sep: 8, set: 8,
  oct: 9, okt: 9, ott: 9, out: 9,
  nov: 10,
  dec: 11, dez: 11, dic: 11,
};

// RFC 822 zones plus the common ones feeds actually write; minutes east of UTC.
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360,
  pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600, bst: 60, cet: 60, cest: 120, eet: 120,
  eest: 180, msk: 180, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, aest: 600, aedt: 660, nzst: 720,
};

const CHINA_OFFSET = 480;

function monthIndex(name: string): number | undefined {
  const plain = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return MONTHS[plain.slice(0, 4)] ?? MONTHS[plain.slice(0, 3)];
}

function zoneOffset(zone: string | undefined, fallback: number): number | undefined {
  if (!zone) return fallback;
  const z = zone.trim().toLowerCase();
  if (z in ZONES) return ZONES[z];
  const m = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$/.exec(z);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n < 50 ? 2000 + n : 1900 + n;
}

function build(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMin: number,
): Date | null {
  if (month < 0 || month > 11 || day < 1 || hour > 24 || minute > 59 || second > 60) return null;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const t = Date.UTC(year, month, day, hour, minute, Math.min(second, 59), ms) - offsetMin * 60_000;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

const num = (s: string | undefined, dflt = 0): number => (s === undefined ? dflt : Number(s));

const ISO = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:(?:T|\s+)(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?|utc|gmt)?$/i;
// Day and month names in any script's letters (`Seg, 24 Set 2018`, `mer., 5 déc. 2018`).
const RFC822 = /^(?:\p{L}{2,12}\.?,?\s*)?(\d{1,2})(?:st|nd|rd|th|\.)?[\s-]+(?:de\s+)?(\p{L}{3,12})\.?,?[\s-]+(?:de\s+)?(\d{2,4}),?(?:(?:\s+|T)(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?)?\s*([a-z]{1,5}|(?:gmt|utc)?[+-]\d{1,2}(?::?\d{2})?)?(?:\s*\(.*\))?$/iu;
const US = /^(?:\p{L}{2,12}\.?,?\s+)?(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}),?(?:(?:\s+|\s*at\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?\s*([a-z]{1,5}|(?:gmt|utc)?[+-]\d{1,2}(?::?\d{2})?)?(?:\s*\(.*\))?$/iu;
const CHINESE = /^(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?(?:\s*(?:T\s*)?(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*分?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?)?\s*([+-]\d{2}:?\d{2}|z|utc|gmt)?$/i;
const EPOCH = /^\d{10}(\d{3})?$/;

function parseIso(t: string): Date | null {
  const m = ISO.exec(t);
  if (!m) return null;
  const offset = zoneOffset(m[8], 0);
  if (offset === undefined) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(Number(m[1]), num(m[2], 1) - 1, num(m[3], 1), num(m[4]), num(m[5]), num(m[6]), ms, offset);
}

function parseRfc822(t: string): Date | null {
  const m = RFC822.exec(t);
  if (!m) return null;
  const month = monthIndex(m[2]!);
  const offset = zoneOffset(m[7], 0);
  if (month === undefined || offset === undefined) return null;
  return build(fullYear(m[3]!), month, Number(m[1]), num(m[4]), num(m[5]), num(m[6]), 0, offset);
}

function parseUs(t: string): Date | null {
  const m = US.exec(t);
  if (!m) return null;
  const month = monthIndex(m[1]!);
  const offset = zoneOffset(m[8], 0);
  if (month === undefined || offset === undefined) return null;
  let hour = num(m[4]);
  const ampm = m[7]?.toLowerCase();
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  return build(Number(m[3]), month, Number(m[2]), hour, num(m[5]), num(m[6]), 0, offset);
}

function parseChinese(t: string): Date | null {
  const m = CHINESE.exec(t);
  if (!m) return null;
  const offset = zoneOffset(m[7], CHINA_OFFSET);
  if (offset === undefined) return null;
  return build(Number(m[1]), Number(m[2]) - 1, Number(m[3]), num(m[4]), num(m[5]), num(m[6]), 0, offset);
}

function parseEpoch(t: string): Date | null {
  if (!EPOCH.test(t)) return null;
  const n = Number(t);
  return new Date(t.length === 13 ? n : n * 1000);
}

export function parseFeedDate(text: string | null | undefined): Date | null {
  if (text == null) return null;
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === '') return null;
  return parseIso(t) ?? parseRfc822(t) ?? parseUs(t) ?? parseChinese(t) ?? parseEpoch(t);
}
