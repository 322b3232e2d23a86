// In CI (CI set), what the tests skip elsewhere must be there: a missing Chromium, PostgreSQL or shared
// corpus fails the run before any test instead of letting the browser, PostgreSQL and corpus tests skip.
// Vitest's global setup: checked once for the run, not in every test file (it was ~0.9 s a file).
export default async function ciRequirements(): Promise<void> {
  if (!process.env.CI) return;
  const [{ hasChromium }, { sharedFixtures }, { postgresAvailable }] = await Promise.all([import('./browser.js'), import('./fixtures.js'), import('./postgres.js')]);
  const missing = [
    ...(hasChromium ? [] : ['Chromium (apt-get install -y chromium)']),
    ...(postgresAvailable() ? [] : ["PostgreSQL's server programs (apt-get install -y postgresql)"]),
    ...(sharedFixtures() ? [] : ['the shared corpus (../shared/fixtures or $BROADSHEET_FIXTURES)']),
  ];
  if (missing.length) throw new Error(`CI is set but these are missing, so tests would skip: ${missing.join('; ')}`);
}
