// The official `ollama` npm client against the gateway: list, chat stream, pull progress, create, push, show,
// an error.
// Usage: OLLAMA_HOST=http://127.0.0.1:13100 [OMX_TOKEN=...] node .ci/ollama-client-test.mjs
import { Ollama } from 'ollama';
import assert from 'node:assert/strict';

const host = process.env.OLLAMA_HOST ?? 'http://127.0.0.1:13100';
const headers = process.env.OMX_TOKEN ? { Authorization: `Bearer ${process.env.OMX_TOKEN}` } : {};
const ollama = new Ollama({ host, headers });

const list = await ollama.list();
const names = list.models.map((m) => m.name);
assert.ok(names.includes('llama3.2:latest'), `list has llama3.2:latest: ${names}`);
console.log('ollama list:', names.join(', '));

const chunks = [];
const stream = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: true });
let last;
for await (const part of stream) {
  chunks.push(part.message.content);
  last = part;
}
assert.ok(chunks.length > 2, `streamed in several chunks (${chunks.length})`);
assert.equal(last.done, true);
assert.ok(last.eval_count > 0, 'final chunk carries eval_count');
console.log(`ollama chat stream: ${chunks.length} chunks: ${JSON.stringify(chunks.join(''))}`);

const statuses = [];
const progress = await ollama.pull({ model: 'tinyllama', stream: true });
let sawCompleted = false;
for await (const p of progress) {
  statuses.push(p.status);
  if (p.total && p.completed === p.total) sawCompleted = true;
}
assert.equal(statuses[0], 'pulling manifest');
assert.equal(statuses.at(-1), 'success');
assert.ok(sawCompleted, 'a layer reached completed == total');
console.log(`ollama pull: ${statuses.length} progress lines, ended with ${statuses.at(-1)}`);

// model authoring through the gateway: create streams progress from the node that has the base model
const created = [];
for await (const p of await ollama.create({ model: 'mine', from: 'llama3.2', system: 'You are Mario.', stream: true })) {
  created.push(p.status);
}
assert.equal(created.at(-1), 'success', `create statuses: ${created}`);
assert.ok(created.includes('creating system layer'), `create statuses: ${created}`);
let listed = [];
for (let i = 0; i < 30 && !listed.includes('mine:latest'); i++) { // the gateway re-probes the node after a create
  await new Promise((r) => setTimeout(r, 100));
  listed = (await ollama.list()).models.map((m) => m.name);
}
assert.ok(listed.includes('mine:latest'), `list after create: ${listed}`);
console.log(`ollama create: ${created.length} progress lines, then listed`);

const pushed = [];
for await (const p of await ollama.push({ model: 'mine', stream: true })) {
  pushed.push(p);
}
assert.equal(pushed[0].status, 'retrieving manifest');
assert.equal(pushed.at(-1).status, 'success');
assert.ok(pushed.some((p) => p.total && p.completed === p.total), 'push reached completed == total');
console.log(`ollama push: ${pushed.length} status lines`);

const shown = await ollama.show({ model: 'llama3.2' });
assert.ok(shown.template && shown.details && shown.capabilities.includes('completion'), `show: ${JSON.stringify(shown).slice(0, 200)}`);
console.log('ollama show: template, details, capabilities');

await assert.rejects(
  ollama.chat({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] }),
  (e) => { console.log('ollama error surfaced:', e.message); return /no-such-model/.test(e.message); },
);
console.log('ollama client test: OK');
