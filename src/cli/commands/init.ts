import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { BroadsheetError, VERSION } from '../../shared/index.js';
import type { Command } from '../command.js';
import { hexoSiteFiles } from '../init/hexo-site.js';
import { GITIGNORE_LINES, HEXO_GITIGNORE_LINES, STARTER_CONFIG } from '../init/starter.js';
import { packSelf } from '../init/pack-self.js';
import { workflow } from '../init/workflow.js';

/** Where `init --github` puts the packed Broadsheet the workflow installs. */
const PACKED_DIR = '.github/broadsheet';
const WORKFLOW = '.github/workflows/broadsheet.yml';

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
    package: { type: 'string', description: `what the workflow installs with npm install --global (default: this Broadsheet ${VERSION}, packed into ${PACKED_DIR}/; a registry version or a git URL works)` },
  },
  async run(values, words, io) {
    if (words.length > 1) throw new BroadsheetError('cli.usage', `init takes one folder, got ${words.join(' ')}`);
    const dir = resolve(io.cwd, words[0] ?? '.');
    const github = values.github === true;
    const hexo = values.hexo === true;
    const files = new Map<string, string>([['broadsheet.yml', STARTER_CONFIG]]);
    if (github) files.set(WORKFLOW, '');
    if (hexo) for (const [rel, text] of hexoSiteFiles()) files.set(`hexo/${rel}`, text);
    const taken = [...files.keys()].filter((rel) => existsSync(join(dir, rel)));
    if (taken.length > 0 && values.force !== true) {
      throw new BroadsheetError('cli.usage', `${taken.map((rel) => join(dir, rel)).join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written (--force overwrites)`);
    }
    const show = (path: string) => (relative(io.cwd, path).startsWith('..') ? path : relative(io.cwd, path));
    if (github) {
      const spec = typeof values.package === 'string' ? values.package : null;
      const pkg = spec ?? `./${PACKED_DIR}/${packSelf(join(dir, PACKED_DIR))}`;
      files.set(WORKFLOW, workflow({ pkg, hexo }));
      io.out(
        spec
          ? `the workflow installs ${spec} (BROADSHEET_PACKAGE in ${WORKFLOW})`
          : `wrote ${show(join(dir, pkg))}: this Broadsheet ${VERSION}, packed, which the workflow installs (commit it; to install another, set BROADSHEET_PACKAGE in ${WORKFLOW}: broadsheet@<version> once it is on npm, or a git URL)`,
      );
    }
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
      if (!rel.startsWith('hexo/')) io.out(`wrote ${show(join(dir, rel))}`);
    }
    if (hexo) io.out(`wrote ${show(join(dir, 'hexo'))}/: a Hexo site for the posts (cd hexo && npm install && npx hexo generate)`);
    const ignore = join(dir, '.gitignore');
    const had = existsSync(ignore) ? readFileSync(ignore, 'utf8') : '';
    const missing = [...GITIGNORE_LINES, ...(hexo ? HEXO_GITIGNORE_LINES : [])].filter((l) => !had.split(/\r?\n/).includes(l));
    if (missing.length > 0) {
      writeFileSync(ignore, `${had}${had && !had.endsWith('\n') ? '\n' : ''}# Broadsheet: outputs and the store are made by runs\n${missing.join('\n')}\n`);
      io.out(`${had ? 'added to' : 'wrote'} ${show(ignore)}: ${missing.join(' ')}`);
    }
    const here = show(dir);
    if (github) {
      io.out(
        hexo
          ? 'GitHub Pages will serve both sites: Broadsheet at the root, Hexo under hexo/ (PAGES_SITE in the workflow: broadsheet, hexo or both)'
          : 'GitHub Pages will serve the Broadsheet site in public/',
      );
    }
    io.out(`next: ${here ? `cd ${here} && ` : ''}broadsheet run, then broadsheet serve${github ? '; push to GitHub and enable Pages (Settings → Pages → Source: GitHub Actions)' : ''}`);
    return 0;
  },
};
