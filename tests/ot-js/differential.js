// Runs ot.js on the cases Dojo.UnitTests generates (DifferentialTests): reads one JSON array of
// { document, a, b, c } from stdin (a and b are concurrent operations on document, c follows a)
// and writes one JSON array of results to stdout, in the same order. One process for every case.
'use strict';
const { TextOperation } = require('ot');

function attempt(f) {
  try {
    return f();
  } catch (error) {
    return { error: String(error.message) };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const results = JSON.parse(input).map(({ document, a, b, c }) => {
    const opA = TextOperation.fromJSON(a);
    const opB = TextOperation.fromJSON(b);
    const opC = TextOperation.fromJSON(c);
    return {
      a: opA.toJSON(),
      applied: attempt(() => opA.apply(document)),
      composed: attempt(() => opA.compose(opC).toJSON()),
      transformed: attempt(() => TextOperation.transform(opA, opB).map((op) => op.toJSON())),
      inverted: attempt(() => opA.invert(document).toJSON()),
      isNoop: opA.isNoop(),
      equalsB: opA.equals(opB),
      baseLength: opA.baseLength,
      targetLength: opA.targetLength,
    };
  });
  process.stdout.write(JSON.stringify(results));
});
