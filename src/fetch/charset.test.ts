import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeed } from './charset.js';

const doc = (title: string, encoding?: string): string =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?><rss version="2.0"><channel><title>${title}</title></channel></rss>`;

describe('decodeFeed', () => {
  it.each([
    { name: 'GBK declared in the prolog', codec: 'gbk', label: 'GBK', text: '中文新闻标题：国内要闻' },
    { name: 'GB2312 declared in the prolog', codec: 'gb2312', label: 'gb2312', text: '简体中文新闻' },
    { name: 'GB18030 characters outside GBK', codec: 'gb18030', label: 'GB18030', text: '𠀀 扩展字符 € 欧元' },
    { name: 'Big5 declared in the prolog', codec: 'big5', label: 'big5', text: '繁體中文新聞標題' },
    { name: 'Shift_JIS', codec: 'shift_jis', label: 'Shift_JIS', text: '日本語のニュース' },
    { name: 'EUC-KR', codec: 'euc-kr', label: 'EUC-KR', text: '한국어 뉴스 제목' },
    { name: 'Windows-1251', codec: 'windows-1251', label: 'windows-1251', text: 'Новости дня' },
    { name: 'Windows-1252 curly quotes', codec: 'windows-1252', label: 'windows-1252', text: '“quoted” – café' },
  ])('decodes $name', ({ codec, label, text }) => {
    const r = decodeFeed(iconv.encode(doc(text, label), codec));
    expect(r.text).toContain(`<title>${text}</title>`);
    expect(r.charset.toLowerCase()).toBe(label.toLowerCase());
  });

  it('takes the HTTP charset when the document declares none', () => {
    const r = decodeFeed(iconv.encode(doc('國際新聞與評論'), 'big5'), 'application/rss+xml; charset=big5');
    expect(r.text).toContain('國際新聞與評論');
  });

  it('sniffs GBK with no label anywhere', () => {
    const r = decodeFeed(iconv.encode(doc('国务院办公厅关于进一步优化营商环境的通知，各省、自治区、直辖市人民政府'), 'gbk'));
    expect(r.text).toContain('国务院办公厅关于进一步优化营商环境的通知');
  });

  it('believes valid UTF-8 over a contrary label', () => {
    const r = decodeFeed(Buffer.from(doc('标题', 'gbk')), 'text/xml; charset=iso-8859-1');
    expect(r).toMatchObject({ charset: 'utf-8' });
    expect(r.text).toContain('<title>标题</title>');
  });

  it.each([
    { name: 'UTF-16LE with BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc('标题'), 'utf-16le')]), charset: 'utf-16le' },
    { name: 'UTF-16BE with BOM', bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(doc('标题'), 'utf-16be')]), charset: 'utf-16be' },
    { name: 'UTF-16LE without BOM', bytes: iconv.encode(doc('标题'), 'utf-16le'), charset: 'utf-16le' },
    { name: 'UTF-32BE without BOM', bytes: iconv.encode(doc('标题'), 'utf-32be'), charset: 'utf-32be' },
    { name: 'UTF-8 with BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('标题'))]), charset: 'utf-8' },
  ])('decodes $name', ({ bytes, charset }) => {
    const r = decodeFeed(bytes);
    expect(r.charset).toBe(charset);
    expect(r.text.startsWith('<?xml')).toBe(true);
    expect(r.text).toContain('<title>标题</title>');
  });

  it('drops characters XML forbids and reads stray C1 controls as Windows-1252', () => {
    expect(decodeFeed(Buffer.from('<a>x\u0001\u000by don\u0092t</a>')).text).toBe('<a>xy don’t</a>');
  });

  // Issue 13 #12: labels that lie.
  it('sniffs a GBK body that its header calls UTF-8', () => {
    const text = '中文新闻标题：国内要闻，经济观察与社会民生的长篇报道';
    const r = decodeFeed(iconv.encode(doc(text), 'gbk'), 'application/rss+xml; charset=utf-8');
    expect(r.text).toContain(`<title>${text}</title>`);
    expect(r.charset).not.toBe('utf-8');
  });

  it.each(['新闻', '短标题', '台北新聞'])('reads a short GBK or Big5 title declared UTF-8 (issue 25 #7: mojibake): %s', (text) => {
    const charset = text === '台北新聞' ? 'big5' : 'gbk';
    const r = decodeFeed(iconv.encode(doc(text), charset), 'application/rss+xml');
    expect(r.text).toContain(`<title>${text}</title>`);
  });

  it('still reads Latin-1 declared UTF-8 as Latin-1', () => {
    const r = decodeFeed(iconv.encode(doc('Café crème à la carte'), 'latin1'), 'application/rss+xml');
    expect(r.text).toContain('<title>Café crème à la carte</title>');
  });

  it('never decodes UTF-7, whatever the label says', () => {
    // One byte that is not UTF-8 (é in Latin-1) takes the decoder past the "valid UTF-8" rule to the labels.
    const body = Buffer.concat([Buffer.from(doc('+ADw-script+AD4-alert(1)+ADw-/script+AD4-', 'utf-7')), Buffer.from([0xe9])]);
    for (const contentType of ['text/xml; charset=utf-7', undefined]) {
      const r = decodeFeed(body, contentType);
      expect(r.text).toContain('<title>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</title>');
      expect(r.text).not.toContain('<script>');
    }
  });
});
