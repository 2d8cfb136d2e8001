import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { loadProvince } from '../../infra/province';
import { buildCatalogue } from '../../infra/province/catalogue-schema';
import { compileFlow, substitute } from '../../workflows/compile';
import { parseFlow } from '../../workflows/flow-schema';
import { FLOW_VERSIONS, FLOWS } from '../../workflows/flows';
import { singleAgency } from '../../workflows/flows/single-agency';
import { PAYMENT_HOURS, SUPPLEMENT_HOURS } from '../../workflows/steps';

const arns = {
  OpenTaskFunction: 'a',
  AwaitDecisionFunction: 'b',
  MarkOverdueFunction: 'c',
  ExpireTaskFunction: 'e',
  CloseParallelFunction: 'f',
};
const asLambda = (v: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(v).map(([k, n]) => [k, `arn:aws:lambda:ap-southeast-1:111111111111:function:${n}`]),
  );

describe('flows compiled to Step Functions', () => {
  it('compiles every flow version to valid, deterministic ASL with JSONPath only (no unreachable state)', () => {
    for (const flow of FLOW_VERSIONS) {
      const definition = substitute(compileFlow(flow), asLambda(arns));
      const { isValid, errorsText } = aslValidator(definition);
      expect(isValid, errorsText('\n')).toBe(true);
      expect(JSON.stringify(compileFlow(flow))).toBe(JSON.stringify(compileFlow(flow)));
      expect(JSON.stringify(definition)).not.toMatch(/JSONata|"Assign"/);
    }
  });

  it('makes every human step a waitForTaskToken task whose timeout is the step due time, caught as overdue', () => {
    const states = compileFlow(parseFlow(singleAgency)).States as Record<string, Record<string, unknown>>;
    for (const step of singleAgency.steps) {
      const wait = states[`${step.id}.await`]!;
      expect(wait.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(wait.TimeoutSecondsPath).toBe('$.task.timeoutSeconds');
      // An officer's late step is flagged and waits on; an applicant's lapsed step is decided by the system.
      const applicant = 'kind' in step && step.kind === 'applicant';
      const next = applicant ? `${step.id}.expire` : `${step.id}.overdue`;
      expect(wait.Catch).toEqual(
        expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: next })]),
      );
      // The settled decision opened the next step already: the route leads to its waiting state, so a human step
      // costs two state transitions (the wait and the route); a step with one way out (delivery: the end) costs its
      // wait alone.
      const targets = new Set(Object.values(step.decisions).map((d) => d.to));
      const after = targets.size > 1 ? `${step.id}.route` : undefined;
      expect(wait.Next).toBe(after);
      if (!after) expect(wait.End).toBe(true);
      expect(states[next]!.Next).toBe(applicant ? after : `${step.id}.await`);
      // An execution started on a task opened with the dossier waits on it without opening it.
      const start = (states.Start as { Choices: { And?: unknown[]; Next: string }[] }).Choices;
      expect(start.find((c) => c.Next === `${step.id}.await`)?.And).toEqual([
        { Variable: '$.startStepId', StringEquals: step.id },
        { Variable: '$.task.taskId', IsPresent: true },
      ]);
      const route = states[`${step.id}.route`] as { Choices: { Next: string }[] } | undefined;
      for (const choice of route?.Choices ?? []) expect(choice.Next).toMatch(/\.await$|^Done$/);
    }
  });

  it('reports an unknown target and an unreachable step with the flow and step names', () => {
    const broken = structuredClone(singleAgency) as unknown as {
      steps: { id: string; decisions: Record<string, { to: string }> }[];
    };
    broken.steps[0]!.decisions.accept!.to = 'nowhere';
    expect(() => parseFlow(broken)).toThrow(
      /single-agency[\s\S]*reception: decision accept leads to unknown step nowhere/,
    );
    const orphan = structuredClone(singleAgency) as unknown as { steps: unknown[] };
    orphan.steps.push({
      id: 'orphan',
      name: 'Bước thừa',
      role: 'leader',
      agency: 'competent',
      hours: 1,
      decisions: { approve: { to: '$end' } },
    });
    expect(() => parseFlow(orphan)).toThrow(/step orphan is unreachable/);
  });
});

describe('flow language errors, reported with the flow and step', () => {
  const base = () =>
    structuredClone(singleAgency) as unknown as {
      id: string;
      steps: Record<string, unknown>[];
      [key: string]: unknown;
    };

  it('names a decision without target', () => {
    const flow = base();
    (flow.steps[0] as { decisions: Record<string, unknown> }).decisions.accept = { status: 'RECEIVED' };
    expect(() => parseFlow(flow)).toThrow(/Invalid flow single-agency[\s\S]*reception: decision accept has no target/);
  });

  it('refuses a loop of external steps without a human step', () => {
    const flow = base();
    const external = (id: string, next: string) => ({
      id,
      name: `Chờ hệ thống ${id}`,
      kind: 'external',
      role: 'integration',
      agency: { code: 'THUE' },
      hours: 8,
      timeoutDecision: 'again',
      decisions: { again: { to: next }, done: { to: 'approval' } },
    });
    (flow.steps[2] as { decisions: Record<string, unknown> }).decisions.approve = { to: 'ask_tax' };
    flow.steps.push(external('ask_tax', 'ask_tax_again'), external('ask_tax_again', 'ask_tax'));
    expect(() => parseFlow(flow)).toThrow(/cycle without a human step: ask_tax → ask_tax_again → ask_tax/);
  });

  it('requires a forwarding decision to choose the agency of a step whose agency is chosen', () => {
    const flow = base();
    (flow.steps[2] as { decisions: Record<string, unknown> }).decisions.approve = { to: 'elsewhere' };
    flow.steps.push({
      id: 'elsewhere',
      name: 'Cơ quan được chuyển đến',
      role: 'specialist',
      agency: 'chosen',
      hours: 8,
      decisions: { answer: { to: 'approval' } },
    });
    expect(() => parseFlow(flow)).toThrow(
      /appraisal: decision approve leads to elsewhere, whose agency is chosen, without chooseAgency/,
    );
  });

  it('refuses a parallel first step, a duplicate step id and an applicant step without a timeout decision', () => {
    const parallel = base();
    parallel.steps.push({
      id: 'ask_all',
      name: 'Hỏi ý kiến',
      kind: 'parallel',
      branches: [
        { id: 'ask_a', name: 'Cơ quan A', role: 'specialist', agency: 'competent', hours: 8 },
        { id: 'reception', name: 'Trùng tên bước', role: 'specialist', agency: 'competent', hours: 8 },
      ],
      next: 'approval',
    });
    parallel.startStepId = 'ask_all';
    expect(() => parseFlow(parallel)).toThrow(
      /duplicate step id reception[\s\S]*a flow cannot start with a parallel step/,
    );
    const applicant = base();
    delete (applicant.steps[1] as { timeoutDecision?: string }).timeoutDecision;
    expect(() => parseFlow(applicant)).toThrow(/completion: a applicant step needs a timeoutDecision/);
  });

  it('fails the catalogue when a flow names an agency code the province lacks', () => {
    const { province, catalogue } = loadProvince('phu-tho');
    const withoutTax = { ...province, agencies: province.agencies.filter((a) => a.code !== 'THUE') };
    const entry = catalogue.find((v) => v.id === '1.013831')!;
    expect(() => buildCatalogue([{ ...entry, source: 'test entry' }], withoutTax)).toThrow(
      /flow land-tax names agency THUE, unknown in the province/,
    );
  });
});

describe('steps every flow shares (workflows/steps.ts)', () => {
  it('gives every flow the same supplement window, lapse and payment rules, said once', () => {
    for (const flow of FLOWS.values()) {
      const byId = new Map(flow.steps.map((step) => [step.id, step as Record<string, any>]));
      const supplement = byId.get('supplement');
      if (supplement) {
        expect(supplement.hours, flow.id).toBe(SUPPLEMENT_HOURS);
        expect(supplement.decisions.lapse, flow.id).toEqual({ to: '$end', status: 'REFUSED' });
      }
      const payment = byId.get('payment');
      if (payment) {
        expect(payment.hours, flow.id).toBe(PAYMENT_HOURS);
        expect(payment.decisions.lapse, flow.id).toEqual({ to: '$end', status: 'STOPPED' });
      }
      expect(byId.get('delivery')?.decisions.deliver, flow.id).toEqual({ to: '$end', status: 'DELIVERED' });
    }
    expect(SUPPLEMENT_HOURS).toBe(15 * 8);
  });
});
