import * as z from 'zod';
import { tasks } from '../composition';
import { httpHandler } from '../http/handler';
import { decideTask } from '../use-cases/decide-task';
import { taskView } from '../use-cases/dossier-views';
import { decisionBody, listQuery, taskId } from './schemas';

const OFFICERS = ['receiver', 'specialist', 'leader'] as const;

const taskQuery = listQuery.extend({ overdue: z.enum(['true', 'false']).optional() });

/**
 * Hộp công việc — open tasks of the caller's agency and role, earliest due first. `?overdue=true` lists the overdue
 * ones; for a leader, those of every role of the agency (the leader answers for the agency's late steps).
 */
export const listTasks = httpHandler({ route: 'GET /tasks', query: taskQuery }, async ({ query, actor }) => {
  const agencyId = actor.agencyId;
  if (!agencyId) return { body: { items: [], nextCursor: null } };
  if (query.overdue === 'true') {
    const roles = actor.role === 'leader' ? OFFICERS : [actor.role];
    const overdue = (await Promise.all(roles.map((role) => tasks.overdueTasks(agencyId, role)))).flat();
    overdue.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    return { body: { items: overdue.slice(0, query.limit).map(taskView), nextCursor: null } };
  }
  const page = await tasks.inbox(agencyId, actor.role, query.limit, query.cursor);
  return { body: { items: page.items.map(taskView), nextCursor: page.nextCursor } };
});

export const decide = httpHandler(
  { route: 'POST /tasks/{id}/decision', path: z.object({ id: taskId }), body: decisionBody },
  async ({ path, body, actor }) => ({ status: 202, body: await decideTask(actor, path.id, body) }),
);
