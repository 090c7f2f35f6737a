// Prints the exported `options` of each k6 script named on the command line, as one JSON object keyed by file:
// node imports the script (k6's modules resolved by k6-modules.mjs), so the options are the ones k6 would read,
// however the script builds them. __ENV is empty (each script's defaults), as a run without -e would have it.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

register('./k6-modules.mjs', import.meta.url);
globalThis.__ENV = {};
globalThis.__VU = 0;
globalThis.__ITER = 0;

const options = {};
for (const file of process.argv.slice(2)) {
  const script = await import(pathToFileURL(file).href);
  options[file] = script.options ?? null;
}
process.stdout.write(JSON.stringify(options));
