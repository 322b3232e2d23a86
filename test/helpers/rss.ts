/** Small RSSHub-style RSS 2.0 documents for tests. */
export interface TestItem {
  title: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  description?: string;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rssFeed(title: string, items: readonly TestItem[], link = 'https://example.com/'): string {
  const xmlItems = items
    .map(
      (i) => `    <item>
      <title>${esc(i.title)}</title>
${i.description !== undefined ? `      <description>${esc(i.description)}</description>\n` : ''}${i.pubDate ? `      <pubDate>${i.pubDate}</pubDate>\n` : ''}${i.guid ? `      <guid isPermaLink="false">${esc(i.guid)}</guid>\n` : ''}${i.link ? `      <link>${esc(i.link)}</link>\n` : ''}    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title><![CDATA[${title}]]></title>
    <link>${esc(link)}</link>
    <description>${esc(title)} - Powered by RSSHub</description>
    <generator>RSSHub</generator>
${xmlItems}
  </channel>
</rss>
`;
}
