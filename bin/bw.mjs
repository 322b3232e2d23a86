#!/usr/bin/env node
// Compiled by `npm ci` (the prepare script); see README.
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/cli-w.js';

// The heap grows by half at a time instead of up to fourfold before V8 collects: what a run keeps is
// small, the rest garbage that V8 was in no hurry to free (peak RSS of a run that seals search tiers
// 466–513 → 388–401 MB, a 20,000-item full build 648–698 → 520–549 MB, for ~7 % more CPU there and
// none measurable in incremental builds). A value given on Node's command line wins.
if (!process.execArgv.some((a) => a.startsWith('--heap-growing-percent'))) setFlagsFromString('--heap-growing-percent=50');

process.exitCode = await main(process.argv.slice(2));
