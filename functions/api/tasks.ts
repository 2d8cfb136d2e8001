import { tasks } from '../composition';
import { httpHandler } from '../http/handler';
import { decideTask } from '../use-cases/decide-task';
import { taskView } from '../use-cases/dossier-views';
import { decideSpec, listTasksSpec } from './specs';

const OFFICERS = ['receiver', 'specialist', 'leader'] as const;

/**
 * Hộp công việc — open tasks of the caller's agency and role, earliest due first. `?overdue=true` lists the overdue
 * ones; for a leader, those of every role of the agency (the leader answers for the agency's late steps).
 */
export const listTasks = /* @__PURE__ */ httpHandler(listTasksSpec, async ({ query, actor }) => {
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

export const decide = /* @__PURE__ */ httpHandler(decideSpec, async ({ path, body, actor }) => ({
  body: await decideTask(actor, path.id, body),
}));
