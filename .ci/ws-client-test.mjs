// The npm `ws` client against the gateway's WebSocket chat (/chat) on all three listeners: hello,
// a streamed inference read until done (compared with the same question over HTTP), metrics, ping/pong,
// and a bad frame answered bad_request on a connection that stays usable.
// Usage: OMX_PORTS=13100,13101,13102 [OLLAMA_HOST=http://127.0.0.1:13100] [OMX_TOKEN=...] node .ci/ws-client-test.mjs
import WebSocket from 'ws';
import assert from 'node:assert/strict';

const ports = (process.env.OMX_PORTS ?? '13100,13101,13102').split(',').map((p) => p.trim());
const names = ['primary', 'websocket', 'fallback'];
const http = process.env.OLLAMA_HOST ?? `http://127.0.0.1:${ports[0]}`;
const token = process.env.OMX_TOKEN;
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const model = process.env.OMX_MODEL ?? 'llama3.2';
const question = [{ role: 'user', content: 'Say hello' }];

// the same question over HTTP, not streamed: what the streamed answer must add up to
const res = await fetch(`${http}/api/chat`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify({ model, messages: question, stream: false }),
});
assert.equal(res.status, 200, `HTTP /api/chat answers 200 (got ${res.status})`);
const expected = (await res.json()).message.content;
assert.ok(expected.length > 0, 'the HTTP answer is not empty');

/** Opens /chat and collects frames; next(pred) resolves with the first frame matching. */
function open(port) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://localhost:${port}/chat`, { headers });
    const frames = [];
    const waiters = [];
    ws.on('message', (data, isBinary) => {
      assert.equal(isBinary, false, 'frames are text');
      const frame = JSON.parse(data.toString());
      frames.push(frame);
      for (const w of [...waiters]) {
        const i = frames.findIndex(w.pred);
        if (i >= 0) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(frames.splice(i, 1)[0]);
        }
      }
    });
    ws.on('error', reject);
    ws.on('open', () => resolve({
      ws,
      send: (f) => ws.send(JSON.stringify(f)),
      next: (pred, ms = 10000) => new Promise((res2, rej2) => {
        const i = frames.findIndex(pred);
        if (i >= 0) return res2(frames.splice(i, 1)[0]);
        const w = { pred, resolve: res2 };
        waiters.push(w);
        setTimeout(() => rej2(new Error(`no matching frame within ${ms} ms on :${port}; left: ${JSON.stringify(frames)}`)), ms).unref();
      }),
    }));
  });
}

for (const [i, port] of ports.entries()) {
  const c = await open(port);
  const hello = await c.next((f) => f.type === 'hello');
  assert.equal(hello.listener, names[i], `port ${port} is the ${names[i]} listener`);
  assert.equal(hello.port, Number(port));
  if (hello.auth_required) {
    assert.ok(token, 'the gateway wants a token: set OMX_TOKEN');
    await c.next((f) => f.type === 'auth_ok');
  }

  const id = `ws-${i}`;
  c.send({ type: 'inference', id, model, messages: question });
  const mine = (f) => f.id === id;
  const response = await c.next(mine);
  assert.equal(response.type, 'response', `the first frame of ${id} is response: ${JSON.stringify(response)}`);
  assert.ok(response.node, 'response names the node');
  const pieces = [];
  let done;
  while (!done) {
    const f = await c.next(mine);
    assert.equal(f.type, 'stream_chunk', `only stream_chunk frames until done: ${JSON.stringify(f)}`);
    if (f.done) done = f;
    else {
      assert.equal(f.chunk, f.content, 'chunk and content carry the same text');
      pieces.push(f.chunk);
    }
  }
  assert.ok(pieces.length > 1, `the answer came in several chunks (${pieces.length})`);
  assert.equal(pieces.join(''), expected, 'the streamed answer equals the HTTP answer');
  assert.equal(done.done_reason, 'stop');
  assert.ok(done.usage.completion_tokens > 0, 'done carries usage');
  assert.equal(done.node, response.node);
  const metrics = await c.next(mine);
  assert.equal(metrics.type, 'metrics');
  assert.ok(metrics.latency_ms >= metrics.ttft_ms, 'latency includes the time to first token');

  c.send({ type: 'ping', timestamp: 42 });
  assert.equal((await c.next((f) => f.type === 'pong')).timestamp, 42);
  c.ws.send('{"type": nonsense');
  const bad = await c.next((f) => f.type === 'error');
  assert.equal(bad.code, 'bad_request');
  c.send({ type: 'ping', timestamp: 43 });
  assert.equal((await c.next((f) => f.type === 'pong')).timestamp, 43, 'the connection survives a bad frame');

  console.log(`ws ${names[i]} :${port}: ${pieces.length} chunks ${JSON.stringify(pieces.join(''))} via ${response.node}, `
    + `ttft ${metrics.ttft_ms} ms, ${metrics.tokens_per_second} tokens/s`);
  c.ws.close(1000);
}
console.log('ws client test: passed');
