// Chinese numerals, as they name numbered things (神舟二十二号, 第十五届) and amounts (五千亿).
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const TENS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十二 → 22, 一百零五 → 105, 五千 → 5000; NaN for what is not a numeral. */
export function chineseNumber(s: string): number {
  let total = 0;
  let digit = -1;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c]!;
    else if (c in TENS) {
      total += (digit < 0 ? 1 : digit) * TENS[c]!;
      digit = -1;
    } else return Number.NaN;
  }
  return total + Math.max(digit, 0);
}

// Units that say what a number counts; a number without one is a bare number (a version, a score).
const UNITS = ['个百分点', '个基点', '基点', '美元', '港元', '欧元', '公里', '千米', '比特', '%', '亿', '万', '元', '个', '人', '台', '辆', '吨', '点', '倍', '级', '号', '届', '场', '次', '期', '代', '批', '种', '座', '家', '名', '斤', '米', '岁', '年', '月', '日', '时', '分', '季度', '季'];
const UNIT = UNITS.join('|');
const ARABIC = new RegExp(`(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(千|百)?\\s*(万亿|亿|万)?\\s*(${UNIT})?`, 'gu');
const HAN = new RegExp(`(?:第|首)?([零〇一二两三四五六七八九十百千]+)(万亿|亿|万)?(${UNIT})`, 'gu');

export interface Quantity {
  /** `500000000000`, `0.2%`, `22号`, `19.2`: the value (its scale applied) and unit, one spelling for every way of writing it. */
  key: string;
  /** The two characters before it. */
  before: string;
}

const SCALES: Record<string, number> = { 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/** The quantities of folded text, each written one way (`5千亿元` and `5000亿` are one). */
export function quantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  const add = (at: number, value: number, scale: string, unit: string) => {
    // 4万台 and 40000台 are one figure.
    const v = Number((value * (SCALES[scale] ?? 1)).toPrecision(12));
    // An amount in 万 or 亿 without a unit is money (5000亿 is 5000亿元).
    out.push({ key: `${v}${unit || (scale ? '元' : '')}`, before: text.slice(Math.max(0, at - 2), at) });
  };
  for (const m of text.matchAll(ARABIC)) add(m.index, Number(m[1]!.replaceAll(',', '')) * (m[2] ? TENS[m[2]]! : 1), m[3] ?? '', m[4] ?? '');
  for (const m of text.matchAll(HAN)) {
    const value = chineseNumber(m[1]!);
    if (Number.isFinite(value)) add(m.index, value, m[2] ?? '', m[3]!);
  }
  // 首场, 首次: the first of its kind.
  for (const m of text.matchAll(/首(场|次|届|批)/gu)) add(m.index, 1, '', m[1]!);
  return out;
}
