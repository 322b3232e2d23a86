import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { BroadsheetError, VERSION } from '../../shared/index.js';
import type { Command } from '../command.js';
import { hexoSiteFiles } from '../init/hexo-site.js';
import { GITIGNORE_LINES, STARTER_CONFIG } from '../init/starter.js';
import { workflow } from '../init/workflow.js';

/**
 * `broadsheet init [dir]`: a starter config and .gitignore entries; with `--github` the scheduled
 * workflow, with `--hexo` a Hexo site for the emitted posts. Existing files are left alone unless
 * `--force`, and the command says what it wrote.
 */
export const initCommand: Command = {
  name: 'init',
  summary: 'start a project: broadsheet.yml and .gitignore; --github adds the scheduled workflow, --hexo a Hexo site for the posts',
  usage: '[dir] [options]',
  options: {
    github: { type: 'boolean', description: 'also write .github/workflows/broadsheet.yml (fetch, build and publish to GitHub Pages on a schedule)' },
    hexo: { type: 'boolean', description: 'also write a Hexo site in hexo/ that builds the emitted posts (category pages, archives, Atom feed, abbrlink permalinks)' },
    package: { type: 'string', description: `what the workflow installs with npm install --global (default broadsheet@${VERSION}; a git URL works)` },
  },
  async run(values, words, io) {
    if (words.length > 1) throw new BroadsheetError('cli.usage', `init takes one folder, got ${words.join(' ')}`);
    const dir = resolve(io.cwd, words[0] ?? '.');
    const files = new Map<string, string>([['broadsheet.yml', STARTER_CONFIG]]);
    if (values.github === true) files.set('.github/workflows/broadsheet.yml', workflow(typeof values.package === 'string' ? values.package : `broadsheet@${VERSION}`));
    if (values.hexo === true) for (const [rel, text] of hexoSiteFiles()) files.set(`hexo/${rel}`, text);
    const taken = [...files.keys()].filter((rel) => existsSync(join(dir, rel)));
    if (taken.length > 0 && values.force !== true) {
      throw new BroadsheetError('cli.usage', `${taken.map((rel) => join(dir, rel)).join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written (--force overwrites)`);
    }
    const show = (path: string) => (relative(io.cwd, path).startsWith('..') ? path : relative(io.cwd, path));
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
      if (!rel.startsWith('hexo/')) io.out(`wrote ${show(join(dir, rel))}`);
    }
    if (values.hexo === true) io.out(`wrote ${show(join(dir, 'hexo'))}/: a Hexo site for the posts (cd hexo && npm install && npx hexo generate)`);
    const ignore = join(dir, '.gitignore');
    const had = existsSync(ignore) ? readFileSync(ignore, 'utf8') : '';
    const missing = [...GITIGNORE_LINES, ...(values.hexo === true ? ['/hexo/public/', '/hexo/db.json'] : [])].filter((l) => !had.split(/\r?\n/).includes(l));
    if (missing.length > 0) {
      writeFileSync(ignore, `${had}${had && !had.endsWith('\n') ? '\n' : ''}# Broadsheet: outputs and the store are made by runs\n${missing.join('\n')}\n`);
      io.out(`${had ? 'added to' : 'wrote'} ${show(ignore)}: ${missing.join(' ')}`);
    }
    const here = show(dir);
    io.out(`next: ${here ? `cd ${here} && ` : ''}broadsheet run, then broadsheet serve${values.github === true ? '; push to GitHub and enable Pages (Source: GitHub Actions)' : ''}`);
    return 0;
  },
};
