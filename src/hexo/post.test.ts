import { parse } from 'hexo-front-matter';
import { describe, expect, it } from 'vitest';
import { sanitize } from '../content/index.js';
import { sampleItem } from '../../test/helpers/items.js';
import { escapeBraces, placeholderFor, postDate, renderPost } from './post.js';

const OPTS = { keepTitle: false, placeholder: 'https://picsum.photos/400/300?random={n}' };

describe('renderPost', () => {
  it('writes the reference layout byte for byte', () => {
    const item = sampleItem({ image: 'https://x.test/a.jpg?w=1&h=2' });
    expect(renderPost(item, OPTS)).toBe(
      [
        '',
        '---',
        "title: '美俄承认_严重分歧_ 但强调对话'",
        'categories: ',
        ' - 新媒体',
        ' - Aljazeera 半岛网',
        ' - 新闻',
        "headimg: 'https://x.test/a.jpg?w=1&h=2'",
        'author: Aljazeera 半岛网',
        'comments: false',
        'date: Thu, 20 May 2021 05:06:58 GMT',
        "thumbnail: 'https://x.test/a.jpg?w=1&h=2'",
        '---',
        '',
        '<div>   ',
        '<p>正文</p>',
        '  ',
        '</div>',
        '            ',
      ].join('\n'),
    );
  });

  it('keeps the title untouched when keepTitle is set', () => {
    const data = parse(renderPost(sampleItem(), { ...OPTS, keepTitle: true }));
    expect(data.title).toBe('美俄承认“严重分歧” 但强调对话');
  });

  it('uses a placeholder derived from the item id when the item has no image', () => {
    const item = sampleItem();
    const data = parse(renderPost(item, OPTS));
    expect(data.headimg).toBe(placeholderFor(item, OPTS.placeholder));
    expect(data.headimg).toMatch(/^https:\/\/picsum\.photos\/400\/300\?random=\d+$/);
    expect(placeholderFor(sampleItem({ id: 'ffffffff' + '0'.repeat(56) }), '{n}')).toBe(String((0xffffffff % 1000) + 1));
    expect(data.thumbnail).toBe(data.headimg);
  });

  it('quotes category names YAML would otherwise misread', () => {
    const names = { category: 'yes', site: '- dash: colon', channel: "it's #1" };
    const data = parse(renderPost(sampleItem({ names }), OPTS));
    expect(data.categories).toEqual(['yes', '- dash: colon', "it's #1"]);
    expect(data.author).toBe('- dash: colon');
  });

  it('escapes braces so Nunjucks sees no template tags', () => {
    const html = sanitize('<p>{% raw %} {{ x }} a{b}</p>', 'https://e.test/');
    const post = renderPost(sampleItem({ html }), OPTS);
    expect(post).toContain('<p>&#123;% raw %&#125; &#123;&#123; x &#125;&#125; a&#123;b&#125;</p>');
    expect(post).not.toMatch(/[{}]/);
    expect(escapeBraces('{}')).toBe('&#123;&#125;');
  });

  it('writes the title as the body when the feed gave none', () => {
    const post = renderPost(sampleItem({ html: sanitize('', 'https://e.test/'), title: '10万人数据 <显示>' }), OPTS);
    expect(post).toContain('<div>   \n<p>10万人数据 _显示_</p>\n  \n</div>');
  });
});

describe('postDate', () => {
  const seen = '2026-11-26T01:02:03.000Z';
  it.each([
    { name: 'keeps RFC 822 text that Date reads as the same instant', dateText: 'Thu, 20 May 2021 05:06:58 GMT', publishedAt: '2021-05-20T05:06:58.000Z', expected: 'Thu, 20 May 2021 05:06:58 GMT' },
    { name: 'rewrites Chinese date text as RFC 1123', dateText: '2021年05月20日 13:06', publishedAt: '2021-05-20T05:06:00.000Z', expected: 'Thu, 20 May 2021 05:06:00 GMT' },
    { name: 'uses the first sighting for an item without a date', dateText: null, publishedAt: null, expected: 'Thu, 26 Nov 2026 01:02:03 GMT' },
    { name: 'never writes Invalid Date for unreadable text', dateText: 'yesterday-ish', publishedAt: null, expected: 'Thu, 26 Nov 2026 01:02:03 GMT' },
  ])('$name', ({ dateText, publishedAt, expected }) => {
    expect(postDate({ dateText, publishedAt, firstSeenAt: seen })).toBe(expected);
  });
});
