// ot.js's half of the editing-trace benchmark (tests/Dojo.Benchmarks, ./bench-dojo.sh): the same
// work the C# engine does, timed here under node, written to stdout as one JSON object.
//   node replay.js TRACE.json.gz LATENCY RUNS
// Phases (docs/performance.md, "Dojo OT engine"):
//   apply  — every patch of the trace as a TextOperation applied to the document string, in order.
//   server — two clients type the whole trace at once into one document (A before a "\n", B after
//            it) through ot.js's own Client (synchronized / awaiting confirm / awaiting with buffer)
//            and Server, with every message delivered LATENCY steps after it was sent. serverMs is the
//            Server's own part of it (receiveOperation: transform, apply, log), what a room does under its lock.
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const { TextOperation, Client, Server } = require('ot');

const [file, latencyArg, runsArg] = process.argv.slice(2);
const latency = Number(latencyArg);
const runs = Number(runsArg);
const trace = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)));
const patches = [];
for (const txn of trace.txns) {
  for (const patch of txn.patches) { patches.push(patch); }
}

function splice(length, position, deleteCount, text) {
  return new TextOperation().retain(position)['delete'](deleteCount).insert(text).retain(length - position - deleteCount);
}

function applyPhase() {
  const operations = [];
  let length = trace.startContent.length;
  for (const [position, deleteCount, text] of patches) {
    operations.push(splice(length, position, deleteCount, text));
    length += text.length - deleteCount;
  }
  const started = process.hrtime.bigint();
  let document = trace.startContent;
  for (const operation of operations) { document = operation.apply(document); }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (document !== trace.endContent) { throw new Error('apply: the replayed document differs from endContent'); }
  return { ms: elapsed, operations: operations.length };
}

function serverPhase() {
  const counts = { serverTransforms: 0, clientTransforms: 0, clientComposes: 0 };
  const server = new Server(trace.startContent + '\n' + trace.startContent);
  const toServer = [];
  let step = 0;
  const clients = [0, 1].map((id) => {
    const client = new Client(0);
    client.id = id;
    client.next = 0;
    client.localLength = server.document.length;
    client.ownLength = trace.startContent.length;
    client.inbox = [];
    client.sendOperation = (revision, operation) => { toServer.push({ at: step + latency, id, revision, operation }); };
    client.applyOperation = (operation) => {
      if (operation.baseLength !== client.localLength) { throw new Error('client: length mismatch'); }
      client.localLength = operation.targetLength;
    };
    return client;
  });

  const started = process.hrtime.bigint();
  let serverHead = 0;
  let serverMs = 0; // the server's own part: receiveOperation (transform against what it missed, apply, log)
  for (; ; step++) {
    let typing = false;
    for (const client of clients) {
      if (client.next >= patches.length) { continue; }
      typing = true;
      const [position, deleteCount, text] = patches[client.next++];
      const offset = client.id === 0 ? 0 : client.localLength - client.ownLength;
      const operation = splice(client.localLength, offset + position, deleteCount, text);
      client.localLength = operation.targetLength;
      client.ownLength += text.length - deleteCount;
      if (client.state instanceof Client.AwaitingWithBuffer) { counts.clientComposes++; }
      client.applyClient(operation);
    }
    while (serverHead < toServer.length && toServer[serverHead].at <= step) {
      const message = toServer[serverHead++];
      counts.serverTransforms += server.operations.length - message.revision;
      const received = performance.now();
      const accepted = server.receiveOperation(message.revision, message.operation);
      serverMs += performance.now() - received;
      for (const client of clients) {
        client.inbox.push({ at: step + latency, ack: client.id === message.id, operation: accepted });
      }
    }
    for (const client of clients) {
      while (client.inbox.length > 0 && client.inbox[0].at <= step) {
        const message = client.inbox.shift();
        if (message.ack) {
          client.serverAck();
        } else {
          counts.clientTransforms += client.state instanceof Client.AwaitingWithBuffer ? 2 : client.state instanceof Client.AwaitingConfirm ? 1 : 0;
          client.applyServer(message.operation);
        }
      }
    }
    const pending = toServer.length - serverHead + clients[0].inbox.length + clients[1].inbox.length;
    if (!typing && pending === 0 && clients.every((c) => c.state instanceof Client.Synchronized)) { break; }
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (server.document !== trace.endContent + '\n' + trace.endContent) { throw new Error('server: the document differs from endContent twice'); }
  for (const client of clients) {
    if (client.localLength !== server.document.length) { throw new Error('server: a client did not converge'); }
  }
  return { ms: elapsed, serverMs, operations: 2 * patches.length, revisions: server.operations.length, steps: step + 1, ...counts };
}

function best(phase) {
  // Unrecorded runs for at least a second first, as the C# side warms up (Program.cs, Best): V8 optimises hot
  // functions as they run, and with one warm-up run a short trace (sveltecomponent) was measured half-optimised.
  const warmUp = performance.now();
  do { phase(); } while (performance.now() - warmUp < 1000);
  let result = null;
  for (let i = 0; i < runs; i++) {
    const run = phase();
    if (result === null || run.ms < result.ms) { result = run; }
  }
  return result;
}

process.stdout.write(JSON.stringify({ node: process.version, apply: best(applyPhase), server: best(serverPhase) }));
