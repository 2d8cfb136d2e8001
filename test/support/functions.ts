import { FAN_OUT_FUNCTION, REACTION_FUNCTIONS, SCHEDULED_FUNCTIONS } from '../../functions/reactions/functions';
import { type Access, ROUTES } from '../../functions/routes';
import { STEP_FUNCTIONS } from '../../workflows/compile';

/** Every Lambda function the stack deploys from our code: routes, workflow steps, the stream's fan-out, reactions, scheduled jobs. */
export function deployedFunctions(): { name: string; file: string; export: string; access: readonly Access[] }[] {
  return [
    ...ROUTES.map((r) => ({ name: `${r.method} ${r.path}`, file: r.file, export: r.export, access: r.access })),
    ...[
      ...Object.entries(STEP_FUNCTIONS),
      ...Object.entries(REACTION_FUNCTIONS),
      ...Object.entries(SCHEDULED_FUNCTIONS),
      ['fan-out', FAN_OUT_FUNCTION] as const,
    ].map(([name, s]) => ({ name, file: s.file, export: 'handler', access: s.access as readonly Access[] })),
  ];
}
