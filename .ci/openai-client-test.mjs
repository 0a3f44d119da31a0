// Runs the official OpenAI Node SDK (npm "openai" v5) against the gateway's /v1 API, unchanged.
//
//   OPENAI_BASE_URL=http://127.0.0.1:<port>/v1 node .ci/openai-client-test.mjs
//
// Expects the nodes FakeOllamaMain starts by default (llama3.2 and qwen2.5:0.5b, answering
// "Hello from <model>"). With SLOW_FAKE_PID set (a second FakeOllamaMain serving SLOW_MODEL with a token
// delay), it also kills that node mid-stream and checks that the SDK raises the gateway's error event.
// Installs nothing: run `npm install --prefix .ci/node` first. Exits non-zero on the first mismatch.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), 'package.json'));
const { default: OpenAI, NotFoundError, APIError } = await import(require.resolve('openai'));

const baseURL = process.env.OPENAI_BASE_URL;
if (!baseURL) {
  console.error('Set OPENAI_BASE_URL, e.g. http://127.0.0.1:13100/v1');
  process.exit(2);
}
const model = process.env.CHAT_MODEL ?? 'llama3.2';
const expected = `Hello from ${model}`;
const client = new OpenAI({ baseURL, apiKey: process.env.OPENAI_API_KEY ?? 'not-needed', maxRetries: 0, timeout: 30_000 });

let failures = 0;
async function check(name, fn) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.error(`FAIL ${name}: ${e?.stack ?? e}`);
  }
}

await check('models.list', async () => {
  const ids = [];
  for await (const m of client.models.list()) {
    assert.equal(m.object, 'model');
    assert.equal(m.owned_by, 'ollama');
    assert.equal(typeof m.created, 'number');
    ids.push(m.id);
  }
  assert.ok(ids.includes('llama3.2:latest'), `ids: ${ids}`);
  assert.ok(ids.includes('qwen2.5:0.5b'), `ids: ${ids}`);
});

await check('models.retrieve with a colon in the id', async () => {
  const m = await client.models.retrieve('qwen2.5:0.5b');
  assert.equal(m.id, 'qwen2.5:0.5b');
});

await check('chat.completions.create (non-stream)', async () => {
  const r = await client.chat.completions.create({
    model,
    messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Say hello' }],
    temperature: 0.1,
    max_tokens: 100,
  });
  assert.equal(r.object, 'chat.completion');
  assert.match(r.id, /^chatcmpl-/);
  assert.equal(r.choices.length, 1);
  assert.equal(r.choices[0].message.role, 'assistant');
  assert.equal(r.choices[0].message.content, expected);
  assert.equal(r.choices[0].finish_reason, 'stop');
  assert.ok(r.usage.prompt_tokens > 0 && r.usage.completion_tokens > 0);
  assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens);
});

await check('chat.completions.create (stream, include_usage)', async () => {
  const stream = await client.chat.completions.create({
    model,
    messages: [{ role: 'user', content: 'Say hello' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let contentChunks = 0;
  let finish = null;
  let usage = null;
  let role = null;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) {
      usage = chunk.usage;
    }
    for (const c of chunk.choices) {
      role ??= c.delta.role ?? null;
      if (c.delta.content) {
        text += c.delta.content;
        contentChunks++;
      }
      finish = c.finish_reason ?? finish;
    }
  }
  assert.equal(role, 'assistant');
  assert.equal(text, expected);
  assert.ok(contentChunks >= 3, `one chunk per token, got ${contentChunks}`);
  assert.equal(finish, 'stop');
  assert.ok(usage && usage.completion_tokens === contentChunks, `usage ${JSON.stringify(usage)}`);
});

await check('completions.create (non-stream and stream)', async () => {
  const r = await client.completions.create({ model, prompt: 'Once upon a time', max_tokens: 2 });
  assert.equal(r.object, 'text_completion');
  assert.equal(r.choices[0].text, 'Hello from');
  assert.equal(r.choices[0].finish_reason, 'length');
  let text = '';
  for await (const chunk of await client.completions.create({ model, prompt: 'Once', stream: true })) {
    text += chunk.choices[0]?.text ?? '';
  }
  assert.equal(text, expected);
});

await check('embeddings.create (SDK default: base64, decoded by the SDK)', async () => {
  const b = await client.embeddings.create({ model, input: ['hello world', 'bye'] });
  const f = await client.embeddings.create({ model, input: ['hello world', 'bye'], encoding_format: 'float' });
  assert.equal(b.object, 'list');
  assert.equal(b.data.length, 2);
  assert.equal(b.data[1].index, 1);
  assert.ok(b.data[0].embedding.length > 0);
  b.data.forEach((d, i) => d.embedding.forEach((v, j) =>
    assert.ok(Math.abs(v - f.data[i].embedding[j]) < 1e-6, `embedding ${i}[${j}]: ${v} vs ${f.data[i].embedding[j]}`)));
  assert.ok(b.usage.prompt_tokens > 0);
});

await check('responses.create (non-stream)', async () => {
  const r = await client.responses.create({ model, instructions: 'Be brief.', input: 'Say hello', max_output_tokens: 100 });
  assert.equal(r.object, 'response');
  assert.match(r.id, /^resp_/);
  assert.equal(r.status, 'completed');
  assert.equal(r.output_text, expected);
  assert.equal(r.output[0].type, 'message');
  assert.ok(r.usage.input_tokens > 0 && r.usage.output_tokens > 0);
  assert.equal(r.usage.total_tokens, r.usage.input_tokens + r.usage.output_tokens);
});

await check('responses.create (stream)', async () => {
  const stream = await client.responses.create({
    model,
    input: [{ role: 'user', content: [{ type: 'input_text', text: 'Say hello' }] }],
    stream: true,
  });
  let text = '';
  let deltas = 0;
  let completed = null;
  const types = [];
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') {
      text += event.delta;
      deltas++;
    }
    if (event.type === 'response.completed') {
      completed = event.response;
    }
  }
  assert.equal(types[0], 'response.created');
  assert.equal(text, expected);
  assert.ok(deltas >= 3, `one delta per token, got ${deltas}`);
  assert.ok(completed, `events: ${types}`);
  assert.equal(completed.output[0].content[0].text, expected);
  assert.ok(completed.usage.output_tokens === deltas, `usage ${JSON.stringify(completed.usage)}`);
});

await check('responses.stream helper collects the final response', async () => {
  const final = await client.responses.stream({ model, input: 'Say hello' }).finalResponse();
  assert.equal(final.output_text, expected);
});

await check('unsupported parameter -> BadRequestError naming it (never dropped)', async () => {
  await assert.rejects(
    client.chat.completions.create({ model, logit_bias: { '50256': -100 }, messages: [{ role: 'user', content: 'hi' }] }),
    (e) => {
      assert.equal(e.status, 400);
      assert.equal(e.param, 'logit_bias');
      return true;
    });
});

await check('unknown model -> NotFoundError with the gateway message', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model:1b', messages: [{ role: 'user', content: 'hi' }] }),
    (e) => {
      assert.ok(e instanceof NotFoundError, `got ${e?.constructor?.name}: ${e}`);
      assert.equal(e.status, 404);
      assert.equal(e.code, 'model_not_found');
      assert.equal(e.param, 'model');
      assert.match(e.message, /no-such-model:1b/);
      return true;
    });
});

await check('bad request -> BadRequestError naming the param', async () => {
  await assert.rejects(
    client.chat.completions.create({ model, n: 2, messages: [{ role: 'user', content: 'hi' }] }),
    (e) => {
      assert.equal(e.status, 400);
      assert.equal(e.param, 'n');
      assert.match(e.message, /not supported/);
      return true;
    });
});

if (process.env.SLOW_FAKE_PID) {
  await check('node dies mid-stream -> the SDK raises the error event', async () => {
    const slow = process.env.SLOW_MODEL ?? 'slowpoke';
    const stream = await client.chat.completions.create({ model: slow, messages: [{ role: 'user', content: 'hi' }], stream: true });
    let chunks = 0;
    let killed = false;
    await assert.rejects((async () => {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta?.content) {
          chunks++;
          if (!killed) {
            killed = true;
            process.kill(Number(process.env.SLOW_FAKE_PID), 'SIGKILL');
          }
        }
      }
    })(), (e) => {
      assert.ok(e instanceof APIError, `got ${e?.constructor?.name}: ${e}`);
      assert.equal(e.code, 'upstream_error');
      console.log(`     (after ${chunks} chunk(s)): ${e.message}`);
      return true;
    });
  });
}

if (failures > 0) {
  console.error(`${failures} check(s) failed`);
  process.exit(1);
}
console.log('all checks passed');
