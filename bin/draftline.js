#!/usr/bin/env node
'use strict';
// The command-line tool is compiled TypeScript: dist/src/cli/main.js (npm run build).
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
let cli;
try {
  cli = require(compiled);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(compiled)) {
    process.stderr.write('draftline: not built yet: run "npm run build" in the draftline folder first.\n');
    process.exit(2);
  }
  throw e;
}
cli.main();
