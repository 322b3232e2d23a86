// Opens (creating) a SQLite store at an agreed instant, so several processes meet a new file at once.
import { openSqliteStore } from '../../src/store/index.js';

const [path, at] = [process.argv[2]!, Number(process.argv[3])];
while (Date.now() < at);
try {
  await (openSqliteStore(path)).close();
  console.log('ok');
} catch (e) {
  console.log((e as Error).message);
}
