import * as z from 'zod';
import { AGENCY_KINDS, type AgencySelector } from '../functions/domain/agency-selector';
import { END } from '../functions/domain/lifecycle/routing';
import { DOSSIER_STATUSES } from '../functions/domain/status';

export { END };
/** Where a parallel branch's decisions lead: back to its parallel step, which continues when every branch ended. */
export const JOIN = '$join';
const stepId = z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, 'step ids are lower_snake_case');
const decisionName = z.string().regex(/^[a-z_]{2,30}$/);

/**
 * Which agency acts on a step: the dossier's receiving agency (the one-stop desk), the procedure's competent agency,
 * the agency the previous decision forwarded the dossier to, a fixed agency by its code in the province
 * configuration, or the agency of a kind in the administrative unit of the receiving agency or of the applicant's
 * address (e.g. `{ kind: 'commune', unitOf: 'applicant' }` — the commune where the applicant lives).
 */
export const agencySelectorSchema: z.ZodType<AgencySelector> = z.union([
  z.enum(['receiving', 'competent', 'chosen']),
  z.object({ code: z.string().regex(/^[A-Z0-9_-]{2,32}$/) }).strict(),
  z.object({ kind: z.enum(AGENCY_KINDS), unitOf: z.enum(['receiving', 'applicant']) }).strict(),
]);

const decisionRouteSchema = z.object({
  /** The next step, or `$end`. A decision without one is reported with its flow and step. */
  to: z.union([stepId, z.literal(END)]).optional(),
  status: z.enum(DOSSIER_STATUSES).optional(),
  /** The decision must say why (refusal reasons, the full list of missing items). */
  noteRequired: z.boolean().optional(),
  /** Chuyển liên thông: the officer names the agency the dossier goes to, among agencies of these kinds. */
  chooseAgency: z.object({ kinds: z.array(z.enum(AGENCY_KINDS)).min(1) }).optional(),
});

/** One human (or external-system) step: who acts, how long they have, and where each decision leads. */
export const flowStepSchema = z.object({
  id: stepId,
  name: z.string().min(3),
  /**
   * `officer` steps wait in an agency inbox and are flagged when late; `applicant` steps wait for the applicant
   * (a supplement, a payment); `external` steps wait for another system (e.g. the tax authority's notice, posted by
   * its integration client). Applicant and external steps end with their `timeoutDecision` when the time is up.
   */
  kind: z.enum(['officer', 'applicant', 'external']).default('officer'),
  timeoutDecision: z.string().optional(),
  role: z.enum(['receiver', 'specialist', 'leader', 'citizen', 'integration']),
  agency: agencySelectorSchema,
  /** Default working hours allotted to the step; a procedure case may override them. */
  hours: z.number().positive().max(2000),
  entryStatus: z.enum(DOSSIER_STATUSES).optional(),
  decisions: z
    .record(decisionName, decisionRouteSchema)
    .refine((d) => Object.keys(d).length > 0, 'a step needs at least one decision'),
});

/** One agency asked within a parallel step, with its own deadline. */
export const branchSchema = z.object({
  id: stepId,
  name: z.string().min(3),
  role: z.enum(['receiver', 'specialist', 'leader']),
  agency: agencySelectorSchema,
  hours: z.number().positive().max(2000),
  /** The answers the agency may give; each may require a note. */
  decisions: z
    .record(decisionName, z.object({ noteRequired: z.boolean().optional() }))
    .default({ agree: {}, object: { noteRequired: true } }),
});

/**
 * Xin ý kiến / liên thông song song — several agencies act at once, each against its own deadline. The flow goes on
 * to `next` when every branch answered or lapsed; a lapsed branch is recorded as late (`no_answer`).
 */
export const parallelStepSchema = z.object({
  id: stepId,
  name: z.string().min(3),
  kind: z.literal('parallel'),
  branches: z.array(branchSchema).min(2).max(6),
  next: stepId,
});

/** The system's decision on a branch whose deadline lapsed without an answer. */
export const NO_ANSWER = 'no_answer';

/** Quy trình nội bộ — a flow as analysts declare it. One state machine per flow, whatever the procedures using it. */
export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{2,40}$/),
    version: z.number().int().positive(),
    /** The flow version applies to executions started from this date (Vietnam time); running ones keep theirs. */
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    name: z.string().min(3),
    /** The first step of an online submission (the one-stop desk's reception). */
    startStepId: stepId,
    /** Where a dossier received at the counter starts, its reception being done on the spot. */
    intakeStepId: stepId,
    steps: z.array(z.union([parallelStepSchema, flowStepSchema])).min(1),
  })
  .superRefine((flow, ctx) => {
    for (const issue of flowProblems(flow)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export type Flow = z.infer<typeof flowSchema>;
export type FlowStep = z.infer<typeof flowStepSchema>;
export type ParallelStep = z.infer<typeof parallelStepSchema>;
export type Branch = z.infer<typeof branchSchema>;
export type AnyStep = Flow['steps'][number];

export const isParallel = (step: AnyStep): step is ParallelStep => step.kind === 'parallel';

/** Every step a task can be opened for (human steps and the branches of parallel steps), with its default hours. */
export function taskSteps(flow: Pick<Flow, 'steps'>): { id: string; hours: number }[] {
  return flow.steps.flatMap((s): { id: string; hours: number }[] =>
    isParallel(s) ? s.branches.map((b) => ({ id: b.id, hours: b.hours })) : [{ id: s.id, hours: s.hours }],
  );
}

function targetsOf(step: AnyStep): string[] {
  if (isParallel(step)) return [step.next];
  return Object.values(step.decisions).flatMap((route) => (route.to ? [route.to] : []));
}

/** The semantic checks of a flow; every message names the step. */
function flowProblems(flow: Omit<Flow, 'steps'> & { steps: AnyStep[] }) {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const byId = new Map<string, AnyStep>();
  const allIds = new Set<string>();
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  flow.steps.forEach((step, index) => {
    for (const id of [step.id, ...(isParallel(step) ? step.branches.map((b) => b.id) : [])]) {
      if (allIds.has(id)) add(['steps', index, 'id'], `duplicate step id ${id}`);
      allIds.add(id);
    }
    byId.set(step.id, step);
  });
  for (const key of ['startStepId', 'intakeStepId'] as const) {
    const step = byId.get(flow[key]);
    if (!step) add([key], `unknown step ${flow[key]}`);
    else if (isParallel(step)) add([key], `step ${step.id}: a flow cannot start with a parallel step`);
  }
  const chosenTargets = new Set<string>();
  flow.steps.forEach((step, index) => {
    if (isParallel(step)) {
      if (!byId.has(step.next))
        add(['steps', index, 'next'], `step ${step.id}: next leads to unknown step ${step.next}`);
      step.branches.forEach((branch, b) => {
        if (branch.agency === 'chosen') {
          add(['steps', index, 'branches', b, 'agency'], `step ${branch.id}: a branch cannot act for a chosen agency`);
        }
        if (branch.decisions[NO_ANSWER]) {
          add(['steps', index, 'branches', b], `step ${branch.id}: ${NO_ANSWER} is the system's decision`);
        }
      });
      return;
    }
    const waitsOnOthers = step.kind !== 'officer';
    const expectedRole = { officer: undefined, applicant: 'citizen', external: 'integration' }[step.kind];
    if (expectedRole ? step.role !== expectedRole : step.role === 'citizen' || step.role === 'integration') {
      add(
        ['steps', index, 'role'],
        `step ${step.id}: ${step.kind} steps, and only they, have the role ${expectedRole ?? step.role}`,
      );
    }
    if (waitsOnOthers && (!step.timeoutDecision || !step.decisions[step.timeoutDecision])) {
      add(['steps', index, 'timeoutDecision'], `step ${step.id}: a ${step.kind} step needs a timeoutDecision`);
    }
    for (const [decision, route] of Object.entries(step.decisions)) {
      if (!route.to) {
        add(['steps', index, 'decisions', decision, 'to'], `step ${step.id}: decision ${decision} has no target`);
        continue;
      }
      if (route.to !== END && !byId.has(route.to)) {
        add(
          ['steps', index, 'decisions', decision, 'to'],
          `step ${step.id}: decision ${decision} leads to unknown step ${route.to}`,
        );
      }
      const target = byId.get(route.to);
      if (target && !isParallel(target) && target.agency === 'chosen') {
        chosenTargets.add(route.to);
        if (!route.chooseAgency) {
          add(
            ['steps', index, 'decisions', decision],
            `step ${step.id}: decision ${decision} leads to ${route.to}, whose agency is chosen, without chooseAgency`,
          );
        }
      }
    }
  });
  for (const [id, step] of byId) {
    if (!isParallel(step) && step.agency === 'chosen' && (id === flow.startStepId || id === flow.intakeStepId)) {
      add(['steps'], `step ${id}: a first step cannot act for a chosen agency`);
    }
  }
  // Reachability from both entries.
  const reachable = new Set<string>();
  const visit = (id: string) => {
    if (reachable.has(id) || id === END || !byId.has(id)) return;
    reachable.add(id);
    for (const to of targetsOf(byId.get(id)!)) visit(to);
  };
  visit(flow.startStepId);
  visit(flow.intakeStepId);
  flow.steps.forEach((step, index) => {
    if (!reachable.has(step.id)) add(['steps', index], `step ${step.id} is unreachable`);
  });
  // A loop through external steps only would spin without anyone acting: every cycle needs a human step.
  const machineOnly = (step: AnyStep) => !isParallel(step) && step.kind === 'external';
  const state = new Map<string, 'visiting' | 'done'>();
  const walk = (id: string, path: string[]) => {
    const step = byId.get(id);
    if (!step || !machineOnly(step)) return;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      add(['steps'], `cycle without a human step: ${[...path.slice(path.indexOf(id)), id].join(' → ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const to of targetsOf(step)) walk(to, [...path, id]);
    state.set(id, 'done');
  };
  for (const step of flow.steps) walk(step.id, []);
  return problems;
}

export function parseFlow(input: unknown): Flow {
  const result = flowSchema.safeParse(input);
  if (result.success) return result.data;
  const id = (input as { id?: unknown })?.id ?? '(no id)';
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid flow ${String(id)}:\n${lines.join('\n')}`);
}
