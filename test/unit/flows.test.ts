import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { compileFlow, substitute } from '../../workflows/compile';
import { parseFlow } from '../../workflows/flow-schema';
import { FLOWS } from '../../workflows/flows';
import { singleAgency } from '../../workflows/flows/single-agency';

const arns = {
  OpenTaskFunction: 'a',
  AwaitDecisionFunction: 'b',
  MarkOverdueFunction: 'c',
  ApplyDecisionFunction: 'd',
  ExpireTaskFunction: 'e',
  CloseParallelFunction: 'f',
};
const asLambda = (v: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(v).map(([k, n]) => [k, `arn:aws:lambda:ap-southeast-1:111111111111:function:${n}`]),
  );

describe('flows compiled to Step Functions', () => {
  it('compiles every flow to valid, deterministic ASL with JSONPath only', () => {
    for (const flow of FLOWS.values()) {
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
      expect(states[next]!.Next).toBe(applicant ? `${step.id}.apply` : `${step.id}.await`);
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
