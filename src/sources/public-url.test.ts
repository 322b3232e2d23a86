import { describe, expect, it } from 'vitest';
import { publicUrl } from './public-url.js';
import type { Source } from './types.js';

const source = (kind: Source['kind'], url: string, options: Partial<Source['options']> = {}): Source => ({ id: 'x', url, kind, category: 'c', site: 's', channel: 'h', options: { items: 20, ...options } });

describe('publicUrl', () => {
  it('gives a route on the public RSSHub, and no route of a self-hosted instance', () => {
    expect(publicUrl(source('rsshub', 'https://rsshub.app/xinhua/domestic'), 'https://rsshub.app/')).toBe('https://rsshub.app/xinhua/domestic');
    expect(publicUrl(source('rsshub', 'https://rss.me.example/xinhua/domestic'), 'https://rss.me.example')).toBeNull();
  });
  it('gives a public feed, and no feed behind a password, on a private network, or from a file', () => {
    expect(publicUrl(source('feed', 'https://feeds.example.com/a.xml'), 'https://rsshub.app')).toBe('https://feeds.example.com/a.xml');
    expect(publicUrl(source('feed', 'https://feeds.example.com/a.xml', { auth: { user: 'u', password: 'p' } }), 'https://rsshub.app')).toBeNull();
    for (const url of ['http://192.168.1.5/feed', 'http://nas.local/feed', 'http://rsshub:1200/feed', 'http://[::1]/feed']) expect(publicUrl(source('feed', url), 'https://rsshub.app'), url).toBeNull();
    expect(publicUrl(source('file', 'file:///home/me/feed.xml'), 'https://rsshub.app')).toBeNull();
  });
});
