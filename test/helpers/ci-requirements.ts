// In CI (CI set), what the tests skip elsewhere must be there: a missing Chromium, PostgreSQL or shared
// corpus fails every test file instead of letting the browser, PostgreSQL and corpus tests skip.
if (process.env.CI) {
  const [{ hasChromium }, { sharedFixtures }, { postgresAvailable }] = await Promise.all([import('./browser.js'), import('./fixtures.js'), import('./postgres.js')]);
  const missing = [
    ...(hasChromium ? [] : ['Chromium (apt-get install -y chromium)']),
    ...(postgresAvailable() ? [] : ["PostgreSQL's server programs (apt-get install -y postgresql)"]),
    ...(sharedFixtures() ? [] : ['the shared corpus (../shared/fixtures or $BROADSHEET_FIXTURES)']),
  ];
  if (missing.length) throw new Error(`CI is set but these are missing, so tests would skip: ${missing.join('; ')}`);
}
