import http from 'node:http';

/**
 * The HTTP client whose requests the latency benchmark times: node:http over one kept-alive connection, the transport
 * the floor's SDK calls use too, so that both sides of a ratio pay the same client. (The tests' client, fetch plus a
 * check of every reply against its contract, spends 1–4 ms of its own per call, more than some routes take.) A reply
 * with another status than the one expected fails the benchmark: a refused request is fast and must not be timed.
 */
export function benchClient(baseUrl: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  function call(
    method: string,
    path: string,
    expected: number,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<unknown> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve, reject) => {
      const request = http.request(`${baseUrl}${path}`, { method, agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (response.statusCode !== expected) {
            reject(new Error(`${method} ${path} answered ${response.statusCode}, expected ${expected}: ${text}`));
          } else resolve(text ? JSON.parse(text) : undefined);
        });
      });
      request.on('error', reject);
      // A reply that never comes fails the benchmark instead of hanging it.
      request.setTimeout(10_000, () => request.destroy(new Error(`${method} ${path}: no reply in 10 s`)));
      request.end(payload);
    });
  }
  return { call, close: () => agent.destroy() };
}
