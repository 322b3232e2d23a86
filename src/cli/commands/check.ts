import { CONFIG_OPTION, type Command } from '../command.js';
import { loadContext } from '../context.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate the configuration (no network)',
  options: { config: CONFIG_OPTION },
  async run(values, _, io) {
    const { config, sources } = await loadContext(String(values.config), io);
    const kinds = sources.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.kind]: (acc[s.kind] ?? 0) + 1 }), {});
    io.out(`${config.file}: ok`);
    io.out(`${sources.length} sources (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'})`);
    io.out(`RSSHub instance ${config.rsshub.instance}${config.rsshub.key ? ` with access key (${config.rsshub.keyMode})` : ''}`);
    io.out(`posts → ${config.hexo.postsDir}`);
    return 0;
  },
};
