// Words outlets use for one another in headlines: folded to one before headlines are compared word by word.
const SAME: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['发布', ['推出', '推送', '出台', '公布', '印发', '发出', '上线', '披露']],
  ['中国', ['我国', '中方']],
  ['今日', ['今天', '今晚', '今早', '今晨']],
  ['战胜', ['击败', '力克', '胜', '赢']],
  ['实施', ['执行', '施行', '生效']],
  ['宣布', ['宣告', '表示']],
  ['成功', ['圆满成功']],
];
const TO = new Map(SAME.flatMap(([one, others]) => others.map((o) => [o, one] as const)));
const ANY = new RegExp([...TO.keys()].sort((x, y) => y.length - x.length).join('|'), 'gu');

export const sameWords = (text: string): string => text.replace(ANY, (w) => TO.get(w)!);
