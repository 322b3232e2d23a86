/**
 * The Hexo site of `broadsheet init --hexo`: it builds the posts Broadsheet emits into
 * `hexo/source/_posts` — category pages three levels deep, archives, an Atom feed, permalinks from
 * the posts' stable abbrlinks — with a lean theme of its own: no sidebar of recent posts, tags or
 * category counts, which is what makes the default theme run out of heap at 20,000 posts.
 */
const CONFIG = `# Hexo site for the posts Broadsheet writes into source/_posts (broadsheet.yml: hexo.posts).
title: 我的新闻站
language: zh-CN
# Empty on purpose: posts carry GMT dates, and a zone here would move every post by its offset
# (Asia/Shanghai: 8 hours early). Pages show times in the process's zone: TZ=Asia/Shanghai npx hexo generate.
timezone: ''
url: http://localhost:4000
# Stable links: Broadsheet writes an abbrlink into every post (hexo.abbrlink: true).
permalink: p/:abbrlink.html
permalink_defaults:
  abbrlink: ''
source_dir: source
public_dir: public
category_dir: categories
archive_dir: archives
new_post_name: :title.md
render_drafts: false
post_asset_folder: false
relative_link: false
future: true
syntax_highlighter: ''
default_category: 未分类
per_page: 50
pagination_dir: page
index_generator:
  path: ''
  per_page: 50
  order_by: -date
archive_generator:
  per_page: 100
  yearly: true
  monthly: true
  daily: false
category_generator:
  per_page: 50
feed:
  type: atom
  path: atom.xml
  limit: 50
  content: false
theme: broadsheet
`;

// hexo-util's only install script remakes highlight_alias.json, which it ships: denied by name, npm 12
// (which runs no script it is not told to) installs without a warning, and Hexo generates the same.
const PACKAGE = `${JSON.stringify(
  {
    name: 'broadsheet-hexo',
    private: true,
    scripts: { build: 'hexo generate', server: 'hexo server', clean: 'hexo clean' },
    hexo: { version: '8.1.2' },
    dependencies: {
      hexo: '^8.1.2',
      'hexo-renderer-ejs': '^2.0.0',
      'hexo-renderer-marked': '^7.0.1',
      'hexo-generator-index': '^4.0.0',
      'hexo-generator-archive': '^2.0.0',
      'hexo-generator-category': '^2.0.0',
      'hexo-generator-feed': '^3.0.0',
    },
    allowScripts: { 'hexo-util': false },
  },
  null,
  2,
)}\n`;

const LAYOUT = `<!doctype html>
<html lang="<%= config.language %>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= page.title ? page.title + ' · ' + config.title : config.title %></title>
<link rel="alternate" type="application/atom+xml" href="<%- url_for('/atom.xml') %>" title="<%= config.title %>">
<link rel="stylesheet" href="<%- url_for('/style.css') %>">
</head>
<body>
<header><a class="brand" href="<%- url_for('/') %>"><%= config.title %></a> <a href="<%- url_for('/categories/') %>">分类</a> <a href="<%- url_for('/archives/') %>">归档</a></header>
<main><%- body %></main>
</body>
</html>
`;

const LIST = `<ul class="posts">
<% page.posts.each(function (p) { %><li><a href="<%- url_for(p.path) %>"><%= p.title %></a> <span class="meta"><% if (p.categories.length) { %><%= category_chain(p.categories).map(function (c) { return c.name; }).join(' › ') %> · <% } %><%= date(p.date, 'YYYY-MM-DD HH:mm') %></span></li>
<% }) %></ul>
<nav class="pages"><% if (page.prev) { %><a href="<%- url_for(page.prev_link) %>">← 较新</a><% } %> <% if (page.next) { %><a href="<%- url_for(page.next_link) %>">较旧 →</a><% } %></nav>
`;

const THEME: Record<string, string> = {
  'layout/layout.ejs': LAYOUT,
  'layout/_list.ejs': LIST,
  'layout/index.ejs': `<h1>最新</h1>\n<%- partial('_list') %>\n`,
  'layout/archive.ejs': `<h1>归档<% if (page.year) { %> · <%= page.year %><% if (page.month) { %>-<%= page.month %><% } %><% } %></h1>\n<%- partial('_list') %>\n`,
  'layout/category.ejs': `<h1><%= page.category %></h1>\n<%- partial('_list') %>\n`,
  'layout/post.ejs': `<article>\n<p class="meta"><% category_chain(page.categories).forEach(function (c) { %><a href="<%- url_for(c.path) %>"><%= c.name %></a> › <% }) %><%= date(page.date, 'YYYY-MM-DD HH:mm') %></p>\n<h1><%= page.title %></h1>\n<%- page.content %>\n</article>\n`,
  'layout/page.ejs': `<h1><%= page.title %></h1>\n<%- page.content %>\n`,
  'layout/categories.ejs': `<h1><%= page.title %></h1>\n<%- list_categories({ show_count: true }) %>\n`,
  'scripts/category-chain.js': `// A post's categories from the top down: Hexo keeps them in no particular order.
hexo.extend.helper.register('category_chain', function (categories) {
  const list = categories.toArray();
  const parents = new Set(list.map((c) => c.parent).filter(Boolean));
  const byId = new Map(list.map((c) => [c._id, c]));
  const chain = [];
  for (let c = list.find((x) => !parents.has(x._id)); c; c = byId.get(c.parent)) chain.unshift(c);
  return chain;
});
`,
  'source/style.css': `body{max-width:46rem;margin:0 auto;padding:1rem;font:16px/1.7 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1d1d1f}\nheader{display:flex;gap:1rem;align-items:baseline;border-bottom:1px solid #ddd;padding-bottom:.5rem}\n.brand{font-weight:700;margin-right:auto}\na{color:#b3261e;text-decoration:none}\n.posts{list-style:none;padding:0}.posts li{padding:.4rem 0;border-bottom:1px solid #eee}\n.meta{color:#666;font-size:.875rem}\nimg{max-width:100%;height:auto}\n@media (prefers-color-scheme:dark){body{background:#121316;color:#e7e6e3}a{color:#ff8a7a}header,.posts li{border-color:#2c2e34}.meta{color:#a8abb2}}\n`,
};

/** Folder-relative path → text of every file of the Hexo site. */
export function hexoSiteFiles(): Map<string, string> {
  return new Map<string, string>([
    ['_config.yml', CONFIG],
    ['package.json', PACKAGE],
    ['source/categories/index.md', '---\ntitle: 分类\nlayout: categories\n---\n'],
    ...Object.entries(THEME).map(([rel, text]) => [`themes/broadsheet/${rel}`, text] as [string, string]),
  ]);
}
