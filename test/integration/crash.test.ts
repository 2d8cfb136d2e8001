import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, type Reply } from '../support/http';
import { localProcess } from '../support/process';

/**
 * `npm start` killed with SIGKILL in the middle of activity, several times: every dossier whose submission the client
 * retries with its Idempotency-Key exists once, no dossier is lost or duplicated, and each is driven by exactly one
 * execution that never reopens a step already decided.
 */
const PASC = '000.00.01.H45';
const dataDir = mkdtempSync(join(tmpdir(), 'motcua-crash-'));
const { start: startRuntime, kill9, cleanUp } = localProcess(dataDir);

afterAll(cleanUp, 60_000);

describe('kill -9 at any moment loses nothing and does nothing twice', () => {
  it('keeps every retried submission once, with one execution each, across three SIGKILLs mid-activity', async () => {
    let runtime = await startRuntime();
    let api = apiClient(runtime.url);
    const citizens = [await api.login('crash-a', 'citizen'), await api.login('crash-b', 'citizen')];
    const receiver = await api.login('crash-desk', 'receiver', PASC);
    const operator = await api.login('crash-ops', 'operator');
    /** Every submission the clients made: its key, its caller and its body (with its own uploads). */
    const submissions: { key: string; token: string; body: unknown }[] = [];
    const accepted = new Set<string>();

    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        const token = citizens[i % 2]!;
        const documents = [];
        for (const component of ['TO_KHAI', 'CCCD']) {
          const uploaded = await api.upload(token, `${component}.pdf`, `%PDF ${round}-${i}-${component}`);
          expect(uploaded.s3Status).toBeLessThan(300);
          documents.push({ componentCode: component, uploadId: uploaded.uploadId });
        }
        const applicant = { fullName: 'Lê Văn Sự Cố', idNumber: `0251900${round}${i}000`.slice(0, 12) };
        submissions.push({
          key: `crash-${round}-${i}`,
          token,
          body: { procedureId: '2.000488', applicant, documents },
        });
      }
      // Activity in flight: this round's submissions and the desk accepting what waits in its inbox.
      const inbox = (await api.call('GET', '/tasks?limit=100', { token: receiver })).body.items ?? [];
      const inFlight: Promise<unknown>[] = [
        ...submissions
          .slice(-4)
          .map((s) =>
            api
              .call('POST', '/dossiers', { token: s.token, body: s.body, headers: { 'idempotency-key': s.key } })
              .catch(() => undefined),
          ),
        ...inbox.map((task: { id: string; dossierCode: string }) =>
          api
            .call('POST', `/tasks/${task.id}/decision`, { token: receiver, body: { decision: 'accept' } })
            .then((reply: Reply) => reply.status === 202 && accepted.add(task.dossierCode))
            .catch(() => undefined),
        ),
      ];
      // Killed as soon as the first of them is answered: the others are somewhere between their writes.
      await Promise.race(inFlight);
      await kill9(runtime);
      await Promise.allSettled(inFlight);
      runtime = await startRuntime();
      api = apiClient(runtime.url);
    }

    // Every client retries what it submitted, with the same key and body: each gets its dossier, once.
    const codes = new Map<string, string>();
    for (const s of submissions) {
      const reply = await api.call('POST', '/dossiers', {
        token: s.token,
        body: s.body,
        headers: { 'idempotency-key': s.key },
      });
      expect(reply.status, `${s.key}: ${JSON.stringify(reply.body)}`).toBe(201);
      codes.set(s.key, reply.body.code);
    }
    const lost = submissions.length - new Set(codes.values()).size;
    const listed = [];
    for (const token of citizens) listed.push(...(await api.call('GET', '/dossiers?limit=100', { token })).body.items);
    const duplicated = listed.length - new Set(codes.values()).size;
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });

    // One execution per open dossier, each waiting on one task; accepted dossiers went on to appraisal.
    const running = await api.until(
      () => api.call('GET', '/ops/executions?status=RUNNING&flowId=single-agency&limit=100', { token: operator }),
      (r) => r.body.items.length === codes.size,
      'one running execution per dossier',
    );
    const names = running.body.items.map((e: { name: string }) => e.name).sort();
    expect(names).toEqual([...codes.values()].sort());
    let doublyExecuted = 0;
    for (const code of codes.values()) {
      const owner = submissions.find((s) => codes.get(s.key) === code)!.token;
      const view = await api.until(
        () => api.call('GET', `/dossiers/${code}`, { token: owner }),
        (r) => r.body.tasks?.length >= 1 && (!accepted.has(code) || r.body.status === 'IN_PROGRESS'),
        `the open step of ${code}`,
      );
      const actions: string[] = view.body.history.map((h: { action: string }) => h.action);
      if (view.body.tasks.length !== 1 || actions.length !== new Set(actions).size) doublyExecuted++;
    }
    expect(doublyExecuted).toBe(0);
  }, 300_000);
});
