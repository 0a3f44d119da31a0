// A plain user's credentials against a gateway with auth on: the official `ollama` and `openai` npm
// clients get a 403 they can read (issue 10: roles and scoped keys enforced on the server).
// Usage: OLLAMA_HOST=http://127.0.0.1:13100 OPENAI_BASE_URL=http://127.0.0.1:13100/v1 \
//        OMX_USER_KEY=omx_... OMX_NARROW_KEY=omx_... node .ci/forbidden-test.mjs
import { Ollama } from 'ollama';
import OpenAI, { PermissionDeniedError } from 'openai';
import assert from 'node:assert/strict';

const host = process.env.OLLAMA_HOST;
const baseURL = process.env.OPENAI_BASE_URL;
const userKey = process.env.OMX_USER_KEY;
const narrowKey = process.env.OMX_NARROW_KEY;
assert.ok(host && baseURL && userKey && narrowKey, 'OLLAMA_HOST, OPENAI_BASE_URL, OMX_USER_KEY and OMX_NARROW_KEY are needed');

const ollama = new Ollama({ host, headers: { Authorization: `Bearer ${userKey}` } });
const tags = await ollama.list();
assert.ok(tags.models.some((m) => m.name === 'llama3.2:latest'), 'a plain user lists models');
for (const [label, call] of [
  ['delete', () => ollama.delete({ model: 'llama3.2' })],
  ['copy', () => ollama.copy({ source: 'llama3.2', destination: 'mine' })],
  ['pull', () => ollama.pull({ model: 'tinyllama', stream: false })],
]) {
  await assert.rejects(call(), (e) => {
    assert.equal(e.status_code, 403, `${label}: status ${e.status_code} (${e.message})`);
    assert.match(e.message, /requires the admin role/);
    console.log(`ok   ollama.${label}() by a plain user -> 403: ${e.message}`);
    return true;
  });
}
const still = await ollama.list();
assert.ok(still.models.some((m) => m.name === 'llama3.2:latest'), 'the model is still there');
console.log('ok   the model survived');

const narrow = new OpenAI({ baseURL, apiKey: narrowKey, maxRetries: 0 });
const allowed = await narrow.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
assert.ok(allowed.choices[0].message.content.length > 0, 'the allowed model answers');
await assert.rejects(narrow.chat.completions.create({ model: 'slowpoke', messages: [{ role: 'user', content: 'hi' }] }), (e) => {
  assert.ok(e instanceof PermissionDeniedError, `got ${e?.constructor?.name}`);
  assert.equal(e.status, 403);
  assert.equal(e.code, 'forbidden');
  assert.match(e.message, /slowpoke/);
  console.log(`ok   openai: a key limited to llama3.2 asking for slowpoke -> 403: ${e.message}`);
  return true;
});
console.log('forbidden test: OK');
