/** What the workflow of `broadsheet init --github` is made for. */
export interface WorkflowOptions {
  /** What `npm install --global` installs (a tarball path, a registry version, a git URL). */
  pkg: string;
  /** Also build the Hexo site in hexo/ (`init --hexo`), and let PAGES_SITE pick what Pages serves. */
  hexo: boolean;
}

/** A YAML single-quoted scalar: any text, `@` and `:` included, reads back as itself. */
const quoted = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The job's time limit, and the run's deadline well inside it (install, publish and save come after). */
const JOB_MINUTES = 40;
const RUN_DEADLINE = '25m';

const HEXO_STEPS = `      - name: Build the Hexo site
        if: env.PAGES_SITE != 'broadsheet'
        env:
          # Hexo's own timezone stays empty (posts carry GMT dates); pages show times in this zone.
          TZ: Asia/Shanghai
          PAGES_URL: \${{ steps.pages.outputs.base_url }}/
        run: |
          cd hexo
          npm install --no-audit --no-fund
          # Where Pages serves it: the root (PAGES_SITE: hexo) or hexo/ below the Broadsheet site (both).
          url="$PAGES_URL"; [ "$PAGES_SITE" = both ] && url="\${url}hexo/"
          root=$(node -e 'console.log(new URL(process.argv[1]).pathname)' "$url")
          printf 'url: %s\\nroot: %s\\n' "\${url%/}" "$root" > _config.pages.yml
          npx hexo generate --config _config.yml,_config.pages.yml
      - name: Choose what Pages serves
        id: site
        run: |
          case "$PAGES_SITE" in
            broadsheet) echo "dir=public" >> "$GITHUB_OUTPUT" ;;
            hexo) echo "dir=hexo/public" >> "$GITHUB_OUTPUT" ;;
            both) rm -rf _site && cp -R public _site && cp -R hexo/public _site/hexo && echo "dir=_site" >> "$GITHUB_OUTPUT" ;;
            *) echo "PAGES_SITE is '$PAGES_SITE': it must be broadsheet, hexo or both." >&2; exit 1 ;;
          esac
`;

/** The GitHub Actions workflow of `broadsheet init --github`. */
export const workflow = (o: WorkflowOptions): string => `# Broadsheet: fetch, build and publish the news site on a schedule (written by \`broadsheet init --github\`).
#
# Once: Settings → Pages → Source: "GitHub Actions"; if your RSSHub instance has an access key,
# Settings → Secrets and variables → Actions → New repository secret RSSHUB_KEY.
#
# BROADSHEET_PACKAGE is what is installed: any npm install spec (a tarball in this repository, a
# registry version such as broadsheet@0.2.0 once published, a git URL such as
# github:<owner>/broadsheet#release). Change it here to upgrade.
#
# The store (history, de-duplication, back-off, conditional-GET validators) lives on the branch
# broadsheet-data, gzipped, as one commit that is replaced only after a successful run: a failed or
# cancelled run leaves the previous store in place, and the branch never grows a history of databases.
# Each run starts on a fresh machine. The site comes back from the Actions cache when it was saved
# beside the very store restored (its key is the store's SHA-256), so a run writes only what changed;
# otherwise (the first run, an evicted entry, a store that failed to save) it is built whole.
name: broadsheet

on:
  schedule:
    - cron: '17 */4 * * *'
  workflow_dispatch:

permissions:
  contents: write # push the store to the data branch
  pages: write
  id-token: write
  actions: write # re-enable this workflow each run, so GitHub never turns its schedule off

# One run at a time; a scheduled run waits for the one before it instead of racing it.
concurrency:
  group: broadsheet
  cancel-in-progress: false

env:
  BROADSHEET_PACKAGE: ${quoted(o.pkg)}
  STORE: .broadsheet/broadsheet.db
  # The site's thumbnails (site.images: copy), beside the store: kept in the Actions cache, so a picture
  # is fetched once, not every run.
  THUMBNAILS: .broadsheet/thumbnails
  DATA_BRANCH: broadsheet-data
  # Sources not started by then wait for the next run (they go first), so the store is always saved
  # before the job's time limit (timeout-minutes below).
  RUN_DEADLINE: ${RUN_DEADLINE}
${o.hexo ? `  # What GitHub Pages serves: broadsheet (the Broadsheet site), hexo (the Hexo site in hexo/, as the
  # original RSSHUB-PAGE system published) or both (Broadsheet at the root, Hexo under hexo/).
  PAGES_SITE: both
` : ''}
jobs:
  run:
    runs-on: ubuntu-latest
    timeout-minutes: ${JOB_MINUTES}
    defaults:
      run:
        shell: bash
    steps:
      - uses: actions/checkout@v6
      - uses: actions/setup-node@v6
        with:
          node-version: 22
      - name: Install Broadsheet
        # npm 12 runs a dependency's install script only when allowed: better-sqlite3 builds its module in its own.
        run: npm install --global --allow-scripts=better-sqlite3 "$BROADSHEET_PACKAGE"
      - name: Restore the store
        id: store
        run: |
          mkdir -p "$(dirname "$STORE")"
          # Only a data branch that is really absent starts an empty store. Any other failure stops the
          # run here: an empty store must never be saved over the real one.
          found=0
          git ls-remote --exit-code --heads origin "$DATA_BRANCH" > /dev/null || found=$?
          if [ "$found" -eq 2 ]; then
            echo "No $DATA_BRANCH branch yet: this first run starts an empty store."
          elif [ "$found" -ne 0 ]; then
            echo "Cannot read the $DATA_BRANCH branch from origin (git ls-remote exit $found): stopping before anything is written." >&2
            exit 1
          else
            git fetch --quiet --depth=1 origin "$DATA_BRANCH"
            git cat-file blob FETCH_HEAD:broadsheet.db.gz | gunzip > "$STORE"
            echo "Restored the store from $DATA_BRANCH ($(wc -c < "$STORE") bytes)."
          fi
          # The site kept beside this store (none for a new one).
          if [ -f "$STORE" ]; then echo "sha=$(sha256sum "$STORE" | cut -d' ' -f1)" >> "$GITHUB_OUTPUT"; else echo "sha=none" >> "$GITHUB_OUTPUT"; fi
      - name: Restore the thumbnails
        uses: actions/cache/restore@v5
        with:
          path: \${{ env.THUMBNAILS }}
          key: thumbnails-\${{ github.run_id }}
          restore-keys: thumbnails-
      # Only the entry saved with this exact store: a site and a store from different runs never meet.
      - name: Restore the site
        uses: actions/cache/restore@v5
        with:
          path: public
          key: site-\${{ steps.store.outputs.sha }}
      - id: pages
        uses: actions/configure-pages@v6
      - name: Fetch and build
        env:
          RSSHUB_KEY: \${{ secrets.RSSHUB_KEY }}
          SITE_URL: \${{ steps.pages.outputs.base_url }}/
        run: broadsheet run --deadline "$RUN_DEADLINE"
      # A new entry each run (a cache entry cannot be replaced); GitHub evicts the oldest past 10 GB.
      - name: Keep the thumbnails
        uses: actions/cache/save@v5
        with:
          path: \${{ env.THUMBNAILS }}
          key: thumbnails-\${{ github.run_id }}
      - name: Save the store
        id: saved
        run: |
          if [ -s "$STORE-wal" ]; then echo "The store was not closed cleanly; keeping the previous one." >&2; exit 1; fi
          packed=$(mktemp)
          gzip -c "$STORE" > "$packed"
          # GitHub refuses files over 100 MB: say so and keep the previous store rather than lose this one silently.
          if [ "$(wc -c < "$packed")" -gt 95000000 ]; then echo "The store is $(($(wc -c < "$packed") / 1000000)) MB compressed, too big for GitHub: set retention.days in broadsheet.yml." >&2; exit 1; fi
          blob=$(git hash-object -w "$packed")
          tree=$(printf '100644 blob %s\\tbroadsheet.db.gz\\n' "$blob" | git mktree)
          commit=$(git -c user.name=broadsheet -c user.email=broadsheet@users.noreply.github.com commit-tree "$tree" -m "Store after run $GITHUB_RUN_NUMBER")
          git push --quiet --force origin "$commit:refs/heads/$DATA_BRANCH"
          echo "sha=$(sha256sum "$STORE" | cut -d' ' -f1)" >> "$GITHUB_OUTPUT"
      # Under the saved store's hash: the next run restores it only if it restores this store.
      - name: Keep the site
        uses: actions/cache/save@v5
        with:
          path: public
          key: site-\${{ steps.saved.outputs.sha }}
${o.hexo ? HEXO_STEPS : ''}      - uses: actions/upload-pages-artifact@v5
        with:
          path: ${o.hexo ? '${{ steps.site.outputs.dir }}' : 'public'}
      # GitHub turns off a public repository's schedule after 60 days without activity; enabling the
      # workflow through the API counts as activity. Without it, re-enable it by hand in the Actions tab.
      - name: Keep the schedule on
        env:
          GH_TOKEN: \${{ github.token }}
          GH_REPO: \${{ github.repository }}
        run: gh workflow enable broadsheet.yml || echo "Could not re-enable the workflow; if GitHub turns its schedule off, enable it in the Actions tab."

  deploy:
    needs: run
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
`;
