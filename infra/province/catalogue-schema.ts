import * as z from 'zod';
import { fixedCodes } from '../../functions/domain/agency-selector';
import type { ProcedureVersion } from '../../functions/domain/procedure';
import { type Flow, isParallel, taskSteps } from '../../workflows/flow-schema';
import { flowById } from '../../workflows/flows';
import type { ProvinceConfig } from './schema';

export const procedureSchema = z.object({
  id: z.string().regex(/^\d\.\d{6}$/, 'national procedure code like 1.004194'),
  name: z.string().min(5),
  sector: z.string().min(2),
  /** The competent agency; omitted for commune-level procedures (the receiving commune decides). */
  agencyId: z.string().optional(),
  receivingAgencyIds: z.array(z.string()).min(1),
  onlineMode: z.enum(['full', 'partial', 'none']),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  legalBasis: z.array(z.string().min(3)).min(1),
  /** Where the facts of this entry were read: shown to reviewers, never to citizens. */
  source: z.string().min(5),
  components: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Z0-9_]{2,20}$/),
        name: z.string().min(3),
        mandatory: z.boolean(),
        formUrl: z.url().optional(),
      }),
    )
    .min(1),
  cases: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{2,40}$/),
        name: z.string().min(3),
        duration: z.object({
          value: z.number().nonnegative(),
          unit: z.enum(['working_days', 'calendar_days', 'hours', 'same_day']),
        }),
        fees: z.array(
          z.object({
            name: z.string(),
            amount: z.number().int().nonnegative(),
            channel: z.enum(['online', 'counter', 'post', 'any']),
          }),
        ),
        flowId: z.string(),
        stepHours: z.record(z.string(), z.number().positive()).default({}),
      }),
    )
    .min(1),
});
export type ProcedureInput = z.input<typeof procedureSchema>;

/**
 * Validates a catalogue against the province and its flows, and fills each case's step hours with the flow's
 * defaults, so that a stored procedure version carries everything an execution needs.
 */
export function buildCatalogue(entries: unknown[], province: ProvinceConfig): ProcedureVersion[] {
  const agencyIds = new Set(province.agencies.map((a) => a.id));
  const agencyCodes = new Set(province.agencies.map((a) => a.code));
  const problems: string[] = [];
  const versions: ProcedureVersion[] = [];
  entries.forEach((entry, index) => {
    const parsed = procedureSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`catalogue[${index}].${issue.path.join('.')}: ${issue.message}`);
      return;
    }
    const p = parsed.data;
    for (const id of [...(p.agencyId ? [p.agencyId] : []), ...p.receivingAgencyIds]) {
      if (!agencyIds.has(id)) problems.push(`procedure ${p.id}: unknown agency ${id}`);
    }
    const cases = p.cases.map((c) => {
      let stepHours: Record<string, number> = {};
      let startStepId = '';
      let intakeStepId = '';
      let requiresAddressUnit = false;
      let flowVersion: number | undefined;
      try {
        const flow = flowById(c.flowId);
        for (const code of flowAgencyCodes(flow)) {
          if (!agencyCodes.has(code))
            problems.push(
              `procedure ${p.id} case ${c.id}: flow ${flow.id} names agency ${code}, unknown in the province`,
            );
        }
        startStepId = flow.startStepId;
        intakeStepId = flow.intakeStepId;
        const steps = taskSteps(flow);
        flowVersion = flow.version;
        requiresAddressUnit = flowSelectors(flow).some(
          (s) => typeof s === 'object' && 'unitOf' in s && s.unitOf === 'applicant',
        );
        stepHours = Object.fromEntries(steps.map((s) => [s.id, c.stepHours[s.id] ?? s.hours]));
        for (const key of Object.keys(c.stepHours)) {
          if (!steps.some((s) => s.id === key))
            problems.push(`procedure ${p.id} case ${c.id}: flow has no step ${key}`);
        }
      } catch (error) {
        problems.push(`procedure ${p.id} case ${c.id}: ${(error as Error).message}`);
      }
      return {
        ...c,
        stepHours,
        startStepId,
        intakeStepId,
        ...(flowVersion ? { flowVersion } : {}),
        ...(requiresAddressUnit ? { requiresAddressUnit } : {}),
      };
    });
    const { source: _source, ...rest } = p;
    versions.push({ ...rest, code: p.id, cases });
  });
  if (problems.length > 0) throw new Error(`Invalid catalogue:\n  - ${problems.join('\n  - ')}`);
  return versions;
}

/** The agency codes a flow names (fixed selectors): each must exist in a province that uses the flow. */
export function flowAgencyCodes(flow: Flow): string[] {
  return fixedCodes(flowSelectors(flow));
}

function flowSelectors(flow: Flow) {
  return flow.steps.flatMap((s) => (isParallel(s) ? s.branches.map((b) => b.agency) : [s.agency]));
}
