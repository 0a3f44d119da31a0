// The official `openai` npm client authenticating with an OllamaMax API key against a gateway with
// auth on, and failing cleanly with a bad key and with none.
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
