import { resolveAgency } from '../../functions/domain/agency-selector';
import type { Actor, StepSpec } from '../../functions/domain/dossier';
import { openTask, routingFacts } from '../../functions/domain/lifecycle/routing';
import { FLOWS } from '../../workflows/flows';
import type { InMemoryComposition } from './in-memory-ports';

export const citizen: Actor = { sub: 'citizen-an', role: 'citizen', name: 'Nguyễn Văn An' };

import { JUSTICE, PASC } from './agencies';

export { JUSTICE, PASC };
export const receiver: Actor = { sub: 'desk-binh', role: 'receiver', agencyId: PASC };
export const specialist: Actor = { sub: 'chi', role: 'specialist', agencyId: JUSTICE };
export const leader: Actor = { sub: 'dung', role: 'leader', agencyId: JUSTICE };
export const applicant = { fullName: 'Nguyễn Văn An', idNumber: '025090001234', email: 'an@example.vn' };

/**
 * What the state machine does between use cases, done by hand over the in-memory ports: open a step's task when an
 * execution starts there, or take the one a settled decision opened, and attach a token as the waiting state does.
 * The use cases under test are the real ones.
 */
export function flowDriver(c: InMemoryComposition) {
  let tokens = 0;
  const step = (flowId: string, id: string) =>
    FLOWS.get(flowId)!.steps.find((s) => s.id === id) as unknown as StepSpec & { hours: number };

  async function open(code: string, stepId: string) {
    const dossier = (await c.dossiers.getDossier(code))!;
    const spec = step(dossier.flowId, stepId);
    const agencyId = resolveAgency(spec.agency, routingFacts(dossier), (await c.catalogue.province()).agencies);
    const opened = openTask(dossier, spec, spec.hours, c.clock.now(), await c.calendarOf(agencyId), agencyId);
    if ('existing' in opened)
      return c.tasks.attachToken((await c.tasks.getTask(opened.existing))!, `token-${++tokens}`);
    if (!('task' in opened)) throw new Error(`step ${stepId} did not open a task`);
    const events = opened.event ? [{ event: opened.event, dossier: opened.dossier }] : [];
    await c.dossiers.openStepTasks(dossier, opened.dossier, [opened.task], events);
    return c.tasks.attachToken(opened.task, `token-${++tokens}`);
  }

  /** An uploaded document of `owner`: the record the API keeps and the object the browser stored. */
  async function upload(
    owner: Actor,
    stored: { size: number; contentType: string } = { size: 10, contentType: 'application/pdf' },
    declared = stored,
  ) {
    const uploadId = `00000000-0000-4000-8000-${String(++tokens).padStart(12, '0')}`;
    const key = c.files.uploadKey(uploadId);
    await c.uploads.saveUpload(
      {
        uploadId,
        owner: owner.sub,
        key,
        fileName: `${uploadId}.pdf`,
        contentType: declared.contentType,
        size: declared.size,
        createdAt: '2026-03-02T08:00:00+07:00',
      },
      86_400,
    );
    c.files.objects.set(key, stored);
    return uploadId;
  }

  return { open, upload };
}
