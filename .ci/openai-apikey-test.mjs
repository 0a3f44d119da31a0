// The official `openai` npm client authenticating with an OllamaMax API key against a gateway with
// auth on, its requests then visible in /auth/usage with non-zero token counts, and failing cleanly with a
// bad key and with none.
// Usage: OPENAI_BASE_URL=http://127.0.0.1:13100/v1 OMX_API_KEY=omx_... node .ci/openai-apikey-test.mjs
import OpenAI, { AuthenticationError } from 'openai';
import assert from 'node:assert/strict';

const baseURL = process.env.OPENAI_BASE_URL;
const key = process.env.OMX_API_KEY;
assert.ok(baseURL && key, 'OPENAI_BASE_URL and OMX_API_KEY are needed');

const good = new OpenAI({ baseURL, apiKey: key, maxRetries: 0 });
const models = await good.models.list();
assert.ok(models.data.some((m) => m.id === 'llama3.2:latest'), 'models listed with a valid key');
const answer = await good.chat.completions.create({ model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }] });
assert.ok(answer.choices[0].message.content.length > 0, 'chat answered with a valid key');
console.log('ok   valid API key: models and chat');

// The requests just made with the key show in /auth/usage, with the node's own token counts, within seconds.
const origin = new URL(baseURL).origin;
let row;
for (let i = 0; i < 50 && !row; i++) {
  const res = await fetch(`${origin}/auth/usage`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(res.status, 200, `/auth/usage answered ${res.status}`);
  const body = await res.json();
  row = body.usage.find((r) => r.model === 'llama3.2' && r.api_key_id !== null && r.completion_tokens > 0);
  if (!row) await new Promise((r) => setTimeout(r, 200));
}
assert.ok(row, '/auth/usage shows the chat made with the key');
assert.ok(row.requests >= 1 && row.prompt_tokens > 0 && row.completion_tokens > 0, JSON.stringify(row));
console.log(`ok   /auth/usage: ${row.requests} request(s), ${row.prompt_tokens} prompt and ${row.completion_tokens} completion tokens under key ${row.key_name}`);

for (const [label, apiKey] of [['a wrong key', 'omx_not-a-real-key'], ['a revoked-looking JWT', 'eyJhbGciOiJIUzI1NiJ9.e30.x']]) {
  const bad = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
  await assert.rejects(bad.models.list(), (e) => {
    assert.ok(e instanceof AuthenticationError, `${label}: got ${e?.constructor?.name}`);
    assert.equal(e.status, 401);
    assert.ok(e.message.length > 10, 'the message says what was wrong');
    console.log(`ok   ${label} -> 401: ${e.message}`);
    return true;
  });
}
console.log('openai API key test: OK');
