// Node module hooks that let node import a k6 script to read its `options` (options.mjs). k6's own modules (k6,
// k6/http, …) exist only inside k6, so each resolves here to a module with the same export names whose functions
// refuse to run: a script that called one while being imported (rather than from setup() or an iteration) fails the
// check, and nothing answers in k6's place. Metric classes (Trend, Counter, …) may be constructed, as k6 allows in a
// script's init code.
const EXPORTS = {
  'k6': ['check', 'fail', 'group', 'sleep', 'randomSeed'],
  'k6/http': ['default'],
  'k6/crypto': ['default'],
  'k6/encoding': ['default'],
  'k6/execution': ['default'],
  'k6/metrics': ['Counter', 'Gauge', 'Rate', 'Trend'],
};

const PREFIX = 'k6-module:';

export async function resolve(specifier, context, nextResolve) {
  if (Object.hasOwn(EXPORTS, specifier)) {
    return { url: PREFIX + specifier, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith(PREFIX)) {
    return nextLoad(url, context);
  }
  const name = url.slice(PREFIX.length);
  const lines = [
    `const refuse = (what) => () => { throw new Error(\`\${what} of ${name} is k6's, called while the script was imported\`); };`,
    `const onlyInK6 = new Proxy({}, { get: (_, key) => refuse(String(key)) });`,
  ];
  for (const exported of EXPORTS[name]) {
    if (exported === 'default') {
      lines.push('export default onlyInK6;');
    } else if (name === 'k6/metrics') {
      lines.push(`export class ${exported} { constructor(name) { this.name = name; } add() { refuse('${exported}.add')(); } }`);
    } else {
      lines.push(`export const ${exported} = refuse('${exported}');`);
    }
  }
  return { format: 'module', source: lines.join('\n'), shortCircuit: true };
}
