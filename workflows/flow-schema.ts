import * as z from 'zod';
import { DOSSIER_STATUSES } from '../functions/domain/status';

export const END = '$end';
const stepId = z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, 'step ids are lower_snake_case');

/** One human step of a flow: who acts (role + which agency), how long they have, and where each decision leads. */
export const flowStepSchema = z.object({
  id: stepId,
  name: z.string().min(3),
  /** `applicant` steps wait for the applicant (a supplement) instead of an officer; their deadline ends them. */
  kind: z.enum(['officer', 'applicant']).default('officer'),
  /** For applicant steps: the decision the system takes when the deadline lapses. */
  timeoutDecision: z.string().optional(),
  role: z.enum(['receiver', 'specialist', 'leader', 'citizen']),
  agency: z.enum(['receiving', 'competent']),
  /** Default working hours allotted to the step; a procedure case may override them. */
  hours: z.number().positive().max(2000),
  entryStatus: z.enum(DOSSIER_STATUSES).optional(),
  decisions: z
    .record(
      z.string().regex(/^[a-z_]{2,30}$/),
      z.object({
        to: z.union([stepId, z.literal(END)]),
        status: z.enum(DOSSIER_STATUSES).optional(),
        /** The decision must say why (refusal reasons, the full list of missing items). */
        noteRequired: z.boolean().optional(),
      }),
    )
    .refine((d) => Object.keys(d).length > 0, 'a step needs at least one decision'),
});

/** Quy trình nội bộ — a flow as analysts declare it. One state machine per flow, whatever the procedures using it. */
export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{2,40}$/),
    version: z.number().int().positive(),
    name: z.string().min(3),
    /** The first step of an online submission (the one-stop desk's reception). */
    startStepId: stepId,
    /** Where a dossier received at the counter starts, its reception being done on the spot. */
    intakeStepId: stepId,
    steps: z.array(flowStepSchema).min(1),
  })
  .superRefine((flow, ctx) => {
    const ids = new Set(flow.steps.map((s) => s.id));
    if (ids.size !== flow.steps.length) ctx.addIssue({ code: 'custom', path: ['steps'], message: 'duplicate step id' });
    for (const key of ['startStepId', 'intakeStepId'] as const) {
      if (!ids.has(flow[key])) ctx.addIssue({ code: 'custom', path: [key], message: `unknown step ${flow[key]}` });
    }
    flow.steps.forEach((step, index) => {
      const applicant = step.kind === 'applicant';
      if (applicant !== (step.role === 'citizen')) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'role'],
          message: `step ${step.id}: applicant steps, and only they, have the role citizen`,
        });
      }
      if (applicant && (!step.timeoutDecision || !step.decisions[step.timeoutDecision])) {
        ctx.addIssue({
          code: 'custom',
          path: ['steps', index, 'timeoutDecision'],
          message: `step ${step.id}: an applicant step needs a timeoutDecision among its decisions`,
        });
      }
      for (const [decision, route] of Object.entries(step.decisions)) {
        if (route.to !== END && !ids.has(route.to)) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', index, 'decisions', decision, 'to'],
            message: `step ${step.id}: decision ${decision} leads to unknown step ${route.to}`,
          });
        }
      }
    });
    const reachable = new Set<string>();
    const visit = (id: string) => {
      if (reachable.has(id) || id === END) return;
      reachable.add(id);
      const step = flow.steps.find((s) => s.id === id);
      for (const route of Object.values(step?.decisions ?? {})) visit(route.to);
    };
    visit(flow.startStepId);
    visit(flow.intakeStepId);
    flow.steps.forEach((step, index) => {
      if (!reachable.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index], message: `step ${step.id} is unreachable` });
      }
    });
  });

export type Flow = z.infer<typeof flowSchema>;
export type FlowStep = z.infer<typeof flowStepSchema>;

export function parseFlow(input: unknown): Flow {
  const result = flowSchema.safeParse(input);
  if (result.success) return result.data;
  const id = (input as { id?: unknown })?.id ?? '(no id)';
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid flow ${String(id)}:\n${lines.join('\n')}`);
}
