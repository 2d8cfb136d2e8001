import * as z from 'zod';
import { dossiers } from '../composition';
import { httpHandler } from '../http/handler';
import { decideTask } from '../use-cases/decide-task';
import { taskView } from '../use-cases/dossier-views';
import { decisionBody, listQuery, taskId } from './schemas';

const OFFICERS = ['receiver', 'specialist', 'leader'] as const;

/** Hộp công việc — open tasks of the caller's agency and role, earliest due first. */
export const listTasks = httpHandler({ roles: OFFICERS, query: listQuery }, async ({ query, actor }) => {
  if (!actor.agencyId) return { body: { items: [], nextCursor: null } };
  const page = await dossiers.inbox(actor.agencyId, actor.role, query.limit, query.cursor);
  return { body: { items: page.items.map(taskView), nextCursor: page.nextCursor } };
});

export const decide = httpHandler(
  { roles: OFFICERS, path: z.object({ id: taskId }), body: decisionBody },
  async ({ path, body, actor }) => ({ status: 202, body: await decideTask(actor, path.id, body) }),
);
