/**
 * RSSHub's category keys and display names (its docs' categories.json). The instance API serves
 * only keys, so names come from here.
 */
export const CATEGORIES: Readonly<Record<string, { zh: string; en: string }>> = {
  popular: { zh: '热门', en: 'Popular' },
  'social-media': { zh: '社交媒体', en: 'Social Media' },
  'new-media': { zh: '新媒体', en: 'New media' },
  'traditional-media': { zh: '传统媒体', en: 'Traditional media' },
  bbs: { zh: '论坛', en: 'BBS' },
  blog: { zh: '博客', en: 'Blog' },
  programming: { zh: '编程', en: 'Programming' },
  design: { zh: '设计', en: 'Design' },
  live: { zh: '直播', en: 'Live' },
  multimedia: { zh: '音视频', en: 'Multimedia' },
  picture: { zh: '图片', en: 'Picture' },
  anime: { zh: '二次元', en: 'ACG' },
  'program-update': { zh: '程序更新', en: 'Application Updates' },
  university: { zh: '大学通知', en: 'University' },
  forecast: { zh: '预报预警', en: 'Forecast and Alerts' },
  travel: { zh: '出行旅游', en: 'Travel' },
  shopping: { zh: '购物', en: 'Shopping' },
  game: { zh: '游戏', en: 'Gaming' },
  reading: { zh: '阅读', en: 'Reading' },
  government: { zh: '政务消息', en: 'Government' },
  study: { zh: '学习', en: 'Study' },
  journal: { zh: '科学期刊', en: 'Scientific Journal' },
  finance: { zh: '金融', en: 'Finance' },
  sport: { zh: '体育', en: 'Sport' },
  other: { zh: '其他', en: 'Uncategorized' },
};

export const categoryNames = (key: string): { zh: string; en: string } => CATEGORIES[key] ?? { zh: key, en: key };

/** A key from a zh or en display name (docs H1s), else the name itself. */
export function categoryKeyOf(name: string): string {
  const bare = name.replace(/^[^\p{L}\p{N}]+/u, '').trim();
  const found = Object.entries(CATEGORIES).find(([, n]) => n.zh === bare || n.en.toLowerCase() === bare.toLowerCase() || (bare === 'News' && n.en === 'Traditional media'));
  return found ? found[0] : bare;
}
