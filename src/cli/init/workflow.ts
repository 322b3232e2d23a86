/** The GitHub Actions workflow of `broadsheet init --github`. `package` is what `npm install --global` installs. */
export const workflow = (pkg: string): string => `# Broadsheet: fetch, build and publish the news site on a schedule (written by \`broadsheet init --github\`).
#
# Once: Settings → Pages → Source: "GitHub Actions"; if your RSSHub instance has an access key,
# Settings → Secrets and variables → Actions → New repository secret RSSHUB_KEY.
#
# The store (history, de-duplication, back-off, conditional-GET validators) lives on the branch
# broadsheet-data, gzipped, as one commit that is replaced only after a successful run: a failed or
# cancelled run leaves the previous store in place, and the branch never grows a history of databases.
name: broadsheet

on:
  schedule:
    - cron: '17 */4 * * *'
  workflow_dispatch:

permissions:
  contents: write
  pages: write
  id-token: write

# One run at a time; a scheduled run waits for the one before it instead of racing it.
concurrency:
  group: broadsheet
  cancel-in-progress: false

env:
  BROADSHEET_PACKAGE: ${pkg}
  STORE: .broadsheet/broadsheet.db
  DATA_BRANCH: broadsheet-data

jobs:
  run:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Install Broadsheet
        run: npm install --global "$BROADSHEET_PACKAGE"
      - name: Restore the store
        run: |
          mkdir -p "$(dirname "$STORE")"
          if git fetch --quiet --depth=1 origin "$DATA_BRANCH"; then
            git cat-file blob FETCH_HEAD:broadsheet.db.gz | gunzip > "$STORE"
            echo "Restored the store from $DATA_BRANCH ($(wc -c < "$STORE") bytes)."
          else
            echo "No $DATA_BRANCH branch yet: this first run starts an empty store."
          fi
      - id: pages
        uses: actions/configure-pages@v5
      - name: Fetch and build
        env:
          RSSHUB_KEY: \${{ secrets.RSSHUB_KEY }}
          SITE_URL: \${{ steps.pages.outputs.base_url }}/
        run: broadsheet run
      - name: Save the store
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
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    needs: run
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
`;
