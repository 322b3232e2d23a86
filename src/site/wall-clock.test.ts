import { describe, expect, it } from 'vitest';
import { clock } from './model.js';
import { wallClock } from './wall-clock.js';

// Whole-hour, half-hour and 45-minute offsets, changes of an hour and of half an hour, a zone that
// skipped a day (Samoa, 2011-12-30), the southern hemisphere, and none at all.
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Apia', 'UTC'];
const SPANS = ['2011-12-29T00:00:00Z', '2026-03-08T00:00:00Z', '2026-03-29T00:00:00Z', '2026-04-05T00:00:00Z', '2026-09-27T00:00:00Z', '2026-10-04T00:00:00Z', '2026-11-01T00:00:00Z', '1971-01-01T00:00:00Z'];

describe('a build clock reads wall time by arithmetic', () => {
  it('gives each instant the day and card time Intl gives, across every change of offset', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const timeZone of ZONES) {
      const c = clock({ timezone: timeZone, language: 'zh-CN' } as Parameters<typeof clock>[0]);
      const en = clock({ timezone: timeZone, language: 'en' } as Parameters<typeof clock>[0]);
      const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
      const short = (language: string) => new Intl.DateTimeFormat(language, { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      const [zh, us] = [short('zh-CN'), short('en')];
      for (const span of SPANS) {
        // Three days around the span's start, every 17 minutes and 13 seconds, then again: the second pass reads remembered hours.
        for (let pass = 0; pass < 2; pass++) {
          for (let t = Date.parse(span) - 86_400_000; t < Date.parse(span) + 2 * 86_400_000; t += 1_033_000) {
            const iso = new Date(t).toISOString();
            const got = [c.day(iso), c.short(iso), en.short(iso)];
            const want = [day.format(t), zh.format(t), us.format(t)];
            if (got.join('|') !== want.join('|')) wrong.push(`${timeZone} ${iso}: ${got.join(' | ')} (Intl: ${want.join(' | ')})`);
            checked++;
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(9 * 8 * 2 * 250);
  });

  it('leaves to Intl the hours in which the offset changes, and instants outside 1971–8999', () => {
    const wall = wallClock('America/New_York');
    // 2026-03-08 02:00 local: 07:00 UTC; the hour before it ends on the change, so only Intl says.
    expect(wall(Date.parse('2026-03-08T06:30:00Z'))).toBeNull();
    expect(wall(Date.parse('2026-03-08T07:30:00Z'))).toBe(Date.parse('2026-03-08T03:30:00Z'));
    const kathmandu = wallClock('Asia/Kathmandu');
    expect(kathmandu(Date.parse('2026-12-05T18:14:59Z'))).toBe(Date.parse('2026-12-05T23:59:59Z'));
    expect(kathmandu(Date.parse('2026-12-05T18:15:00Z'))).toBe(Date.parse('2026-12-06T00:00:00Z'));
    expect(wall(Date.parse('1900-01-01T00:00:00Z'))).toBeNull();
    expect(wall(Number.NaN)).toBeNull();
  });
});
