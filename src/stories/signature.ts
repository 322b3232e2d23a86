import { cleanLead, cleanTitle, fold } from './fold.js';
import { factsOf } from './facts.js';
import { shingles } from './shingles.js';
import { sameWords } from './synonyms.js';
import type { Signature, StoryText } from './types.js';

/** What of the lead is compared: enough for a wire's first sentence. */
export const LEAD_CHARS = 120;

// Only what carries meaning is compared: Han characters, letters, digits with their point and percent sign.
const compact = (s: string): string => s.replace(/[^\p{Script=Han}a-z0-9.%]+/gu, '');

// A label that frames a headline, not news (收评：三大指数…).
const LABEL = /^(?:收评|午评|早评|盘前|盘后|快讯|独家|视频|突发|直播|专访|观察|图解|数据|滚动)[:：]\s*/u;

/** An item's text ready to compare with others. */
export function signatureOf(text: StoryText): Signature {
  const title = cleanTitle(fold(text.title));
  const lead = cleanLead(fold(text.lead), LEAD_CHARS);
  const all = `${title} ${lead}`;
  // Word by word, a speaker's label (收评：, 外交部：) is left out and synonyms are one word.
  const swapText = sameWords(compact(title.replace(LABEL, '')));
  return { title: shingles(title), all: shingles(all), facts: factsOf(title, all), titleText: compact(title), allText: sameWords(compact(all)), swapText };
}
