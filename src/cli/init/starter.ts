/** The starter `broadsheet.yml` of `broadsheet init`: a handful of well-known routes across categories and one plain feed. */
export const STARTER_CONFIG = `# Broadsheet: RSSHub routes and feeds into a static news site (and, if you keep Hexo, Hexo posts).
# Every key is described in Broadsheet's README ("Configuration"). \${NAME} and \${NAME:-default}
# are read from the environment.

rsshub:
  # A public instance to start with; your own instance is faster and never rate-limits you.
  instance: \${RSSHUB_INSTANCE:-https://rsshub.app}
  # The access key of your instance, if it has one: set RSSHUB_KEY (a repository secret on GitHub).
  # It is sent as a per-route code and never written into the site or the logs.
  key: \${RSSHUB_KEY}

fetch: { concurrency: 8, perHost: 2, timeout: 20s, retries: 2, items: 20 }

# Each source: an RSSHub route (or a feed url), and the three names the site files it under.
# \`broadsheet sources search <words>\` finds routes; \`broadsheet sources add <route>\` adds one.
sources:
  - route: /36kr/newsflashes
    category: 科技
    site: 36kr
    channel: 快讯
  - route: /ithome/ranking/24h
    category: 科技
    site: IT 之家
    channel: 热榜
  - route: /sspai/matrix
    category: 科技
    site: 少数派
    channel: Matrix
  - route: /guancha/headline
    category: 新闻
    site: 观察者网
    channel: 头条
  - route: /aljazeera/news
    category: 新闻
    site: Aljazeera 半岛网
    channel: 新闻
  - route: /jinse/lives
    category: 财经
    site: 金色财经
    channel: 快讯
  # A plain RSS / Atom / JSON feed needs no RSSHub.
  - url: https://www.solidot.org/index.rss
    category: 科技
    site: Solidot
    channel: 奇客资讯

# History and de-duplication live here; keep it between runs (the GitHub workflow does).
store:
  path: .broadsheet/broadsheet.db

# Items Broadsheet first stored more than 90 days ago are removed, except those a feed still lists:
# a source always keeps its newest items (up to fetch.items) while its feed lists them, and a removed
# item that a feed lists again (after raising fetch.items, say) comes back. Without this, nothing goes.
retention:
  days: 90

# Rules hide what you do not want from the site and the posts (they never delete: remove a rule and
# what it hid comes back). \`broadsheet rules test\` shows what they would hide before a build.
# rules:
#   - drop: { title: 广告 }
#   - keep: { title: "/AI|人工智能|芯片/" }
#     in: { category: 科技 }

# The website: \`broadsheet run\` builds it into public/; \`broadsheet serve\` shows it.
site:
  out: public
  title: 我的新闻站
  url: \${SITE_URL:-http://localhost:4000/}
  language: zh-CN
  # Cards' pictures fetched by each run (with their article as Referer, which Weibo's and WeChat's
  # picture hosts want), made small and served by the site itself; kept within imagesBudget.
  # images: copy

# Hexo posts in the original system's format, for a Hexo site beside this one (\`broadsheet init --hexo\`).
hexo:
  posts: hexo/source/_posts
  abbrlink: true
`;

/** Lines `init` makes sure the project's .gitignore has: outputs and the store are made by runs, not edited. */
export const GITIGNORE_LINES = ['/public/', '/.broadsheet/', '/hexo/source/_posts/', 'node_modules/'];
/** And with `--hexo`: what Hexo and the workflow's Hexo step make. */
export const HEXO_GITIGNORE_LINES = ['/hexo/public/', '/hexo/db.json', '/hexo/_config.pages.yml', '/hexo/_multiconfig.yml', '/_site/'];
