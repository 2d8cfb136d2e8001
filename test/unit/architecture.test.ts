import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency directions of DESIGN.md, checked on the import graph of `functions/` and `workflows/`:
 * `api -> http, use-cases`; `steps -> use-cases, domain`; `reactions -> use-cases, domain`; `use-cases -> domain (ports), composition`;
 * `composition -> adapters`; `adapters -> AWS SDK, domain`; `domain -> nothing`; nothing imports `infra`; and no
 * module imports itself through a cycle.
 */
const ROOT = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module's relative imports, as paths from the repository root (without `.ts`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of [...sources(join(ROOT, 'functions')), ...sources(join(ROOT, 'workflows'))]) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from '(\.{1,2}\/[^']+)'/gms)].map((m) =>
      relative(ROOT, resolve(dirname(file), m[1]!)),
    );
    graph.set(relative(ROOT, file).replace(/\.ts$/, ''), targets);
  }
  return graph;
}

/** `functions/domain/…` → `domain`, `functions/composition` → `composition`, `workflows/…` → `workflows`. */
const layer = (module: string) => {
  const [top, second] = module.split('/');
  return top === 'functions' ? second : top;
};

/** What each layer may import besides itself; `*` = anything but what is listed in `never`. */
const ALLOWED: Record<string, { only?: string[]; never?: string[] }> = {
  domain: { only: ['domain'] },
  adapters: { only: ['adapters', 'domain'] },
  'use-cases': { only: ['use-cases', 'domain', 'composition', 'observability'] },
  // The seed custom resource runs at deployment, not in a flow: it writes the catalogue through its adapter.
  steps: { only: ['steps', 'use-cases', 'domain', 'composition', 'observability'] },
  // Reactions consume the event stream: like steps, they reach the world through use cases and ports only.
  reactions: { only: ['reactions', 'use-cases', 'domain', 'composition', 'observability'] },
  api: { never: ['adapters', 'steps', 'workflows', 'infra', 'reactions'] },
  http: { never: ['adapters', 'use-cases', 'steps', 'api', 'workflows', 'infra'] },
  workflows: { never: ['infra', 'adapters', 'use-cases', 'api', 'http', 'steps'] },
};
const EXCEPTIONS = new Set([
  'functions/steps/seed-catalogue -> functions/adapters/catalogue-repository',
  'functions/steps/seed-catalogue -> functions/adapters/files',
  // The flows reach the functions through the FlowSteps port: its adapter bundles the declarations the state machines
  // are compiled from, so that a decision opens the next step as the state machine would.
  'functions/adapters/flow-steps -> workflows/compile',
  'functions/adapters/flow-steps -> workflows/flows',
  // The stream's function table (read by the stack and the local runtime) names grants with the routes' Access type.
  'functions/reactions/functions -> functions/routes',
  // The stream's fan-out wires its one adapter itself: the composition would bundle clients it has no grant for.
  'functions/reactions/fan-out -> functions/adapters/event-queues',
]);

describe('architecture (DESIGN.md dependency directions)', () => {
  const graph = importGraph();

  it('keeps every layer to the layers it may depend on', () => {
    const broken: string[] = [];
    for (const [module, targets] of graph) {
      const from = layer(module);
      const rule = ALLOWED[from ?? ''];
      for (const target of targets) {
        if (target.startsWith('infra/')) broken.push(`${module} -> ${target}`);
        if (!rule || EXCEPTIONS.has(`${module} -> ${target}`)) continue;
        const to = layer(target);
        const ok = rule.only ? rule.only.includes(to ?? '') : !(rule.never ?? []).includes(to ?? '');
        if (!ok && to !== from) broken.push(`${module} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (module: string, path: string[]) => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'open') {
        cycles.push([...path.slice(path.indexOf(module)), module].join(' -> '));
        return;
      }
      state.set(module, 'open');
      for (const target of graph.get(module) ?? []) if (graph.has(target)) visit(target, [...path, module]);
      state.set(module, 'done');
    };
    for (const module of graph.keys()) visit(module, []);
    expect(cycles).toEqual([]);
  });

  it('sees a violation when there is one (the check is live)', () => {
    expect(layer('functions/domain/lifecycle/routing')).toBe('domain');
    expect(layer('functions/composition')).toBe('composition');
    expect(ALLOWED.domain!.only!.includes(layer('functions/adapters/files')!)).toBe(false);
  });
});
