import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './date.js';

describe('parseFeedDate', () => {
  it.each([
    { name: 'RFC 822 as RSSHub writes it', text: 'Thu, 20 May 2021 05:06:58 GMT', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'RFC 822 with a numeric zone', text: 'Thu, 20 May 2021 13:06:58 +0800', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'RFC 822 with a colon in the zone', text: 'Thu, 20 May 2021 13:06:58 +08:00', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'RFC 822 without the day name', text: '20 May 2021 05:06:58 GMT', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'RFC 822 with a two-digit year', text: 'Thu, 01 Jan 04 19:48:21 GMT', iso: '2004-01-01T19:48:21.000Z' },
    { name: 'RFC 822 without seconds', text: 'Thu, 20 May 2021 05:06 EST', iso: '2021-05-20T10:06:00.000Z' },
    { name: 'RFC 822 with a full month name and no zone', text: 'Thursday, 20 September 2021 05:06:58', iso: '2021-09-20T05:06:58.000Z' },
    { name: 'RFC 822 with the wrong day name', text: 'Mon, 20 May 2021 05:06:58 GMT', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'ISO 8601 with Z', text: '2021-05-20T05:06:58Z', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'ISO 8601 with fractions and offset', text: '2021-05-20T13:06:58.123+08:00', iso: '2021-05-20T05:06:58.123Z' },
    { name: 'ISO 8601 with a space and no zone (UTC)', text: '2021-05-20 05:06:58', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'W3C-DTF date only', text: '2003-12-31', iso: '2003-12-31T00:00:00.000Z' },
    { name: 'W3C-DTF year and month', text: '2003-12', iso: '2003-12-01T00:00:00.000Z' },
    { name: 'Chinese form (China time)', text: '2021年05月20日 13:06', iso: '2021-05-20T05:06:00.000Z' },
    { name: 'Chinese form with seconds', text: '2021年5月20日 13:06:58', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'Chinese date only', text: '2021年5月20日', iso: '2021-05-19T16:00:00.000Z' },
    { name: 'slashed date (China time)', text: '2021/05/20 13:06', iso: '2021-05-20T05:06:00.000Z' },
    { name: 'US style with am/pm', text: 'May 20, 2021 1:06 PM GMT', iso: '2021-05-20T13:06:00.000Z' },
    { name: 'JavaScript Date string', text: 'Thu May 20 2021 13:06:58 GMT+0800 (China Standard Time)', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'epoch seconds', text: '1621487218', iso: '2021-05-20T05:06:58.000Z' },
    { name: 'epoch milliseconds', text: '1621487218000', iso: '2021-05-20T05:06:58.000Z' },
  ])('reads $name', ({ text, iso }) => {
    expect(parseFeedDate(text)?.toISOString()).toBe(iso);
  });

  // Issue: a Portuguese date became the time first seen, so a 2018 story sorted to the top.
  it.each([
    { name: 'Portuguese', text: 'Seg, 24 Set 2018 19:42:40 -0300', iso: '2018-09-24T22:42:40.000Z' },
    { name: 'Portuguese (October)', text: 'Qua, 03 Out 2018 08:00:00 +0000', iso: '2018-10-03T08:00:00.000Z' },
    { name: 'Spanish', text: 'mié, 05 dic 2018 10:00:00 +0100', iso: '2018-12-05T09:00:00.000Z' },
    { name: 'Spanish (January)', text: 'Lun, 07 Ene 2019 10:00:00 GMT', iso: '2019-01-07T10:00:00.000Z' },
    { name: 'French', text: 'mer., 05 déc. 2018 10:00:00 +0100', iso: '2018-12-05T09:00:00.000Z' },
    { name: 'French (June and July apart)', text: 'ven., 01 juin 2018 10:00:00 GMT', iso: '2018-06-01T10:00:00.000Z' },
    { name: 'French (July)', text: 'dim., 01 juil. 2018 10:00:00 GMT', iso: '2018-07-01T10:00:00.000Z' },
    { name: 'French (August)', text: 'jeu., 02 août 2018 10:00:00 GMT', iso: '2018-08-02T10:00:00.000Z' },
    { name: 'German', text: 'Mi, 05 Dez 2018 10:00:00 +0100', iso: '2018-12-05T09:00:00.000Z' },
    { name: 'German (March)', text: 'Fr, 01 Mär 2019 10:00:00 GMT', iso: '2019-03-01T10:00:00.000Z' },
    { name: 'German (October)', text: 'Mo, 01 Okt 2018 10:00:00 GMT', iso: '2018-10-01T10:00:00.000Z' },
    { name: 'Italian', text: 'mer, 05 dic 2018 10:00:00 +0100', iso: '2018-12-05T09:00:00.000Z' },
    { name: 'Italian (May)', text: 'mer, 02 mag 2018 10:00:00 GMT', iso: '2018-05-02T10:00:00.000Z' },
    { name: 'Italian (June)', text: 'ven, 01 giu 2018 10:00:00 GMT', iso: '2018-06-01T10:00:00.000Z' },
    { name: 'Dutch', text: 'wo, 05 dec 2018 10:00:00 +0100', iso: '2018-12-05T09:00:00.000Z' },
    { name: 'Dutch (March)', text: 'vr, 01 mrt 2019 10:00:00 GMT', iso: '2019-03-01T10:00:00.000Z' },
    { name: 'Dutch (May)', text: 'wo, 01 mei 2019 10:00:00 GMT', iso: '2019-05-01T10:00:00.000Z' },
    { name: 'Chinese form with a zone', text: '2018年09月24日 19:42:40 +08:00', iso: '2018-09-24T11:42:40.000Z' },
  ])('reads a date in $name', ({ text, iso }) => {
    expect(parseFeedDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['', '   ', 'Invalid Date', 'yesterday', '3小时前', '2021-02-30', 'Thu, 32 May 2021 05:06:58 GMT', '2021-13-01', 'Thu, 20 Foo 2021 05:06:58 GMT'])(
    'gives null for %j rather than inventing a date',
    (text) => {
      expect(parseFeedDate(text)).toBeNull();
    },
  );
});
