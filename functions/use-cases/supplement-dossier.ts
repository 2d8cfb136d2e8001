import { clock, tasks, workflows } from '../composition';
import type { Actor } from '../domain/dossier';
import { businessRule } from '../domain/errors';
import { assertDossierVersion } from '../domain/lifecycle/history';
import { recordSupplement } from '../domain/lifecycle/supplement';
import { readableDossier } from './dossier-views';
import { retryOnStaleVersion } from './retry-on-stale-version';
import { settleDecision } from './settle-decision';
import { attachDocuments, resolveDocuments } from './submit-dossier';

/**
 * Nộp bổ sung — the applicant's supplement settles the waiting step (the dossier back to the step that asked, its
 * clock restarted or resumed, that step opened again) and resumes the flow. Without a version from the client, a race lost to the flow itself (the step
 * attaching its token as the supplement arrives) is retried on the new state.
 */
export function supplementDossier(
  actor: Actor,
  code: string,
  input: { documents: { componentCode: string; uploadId: string }[]; note?: string; version?: number },
) {
  const once = async () => {
    const dossier = await readableDossier(actor, code);
    assertDossierVersion(dossier, input.version);
    const task = (await tasks.getTasks(code)).find((t) => t.kind === 'applicant' && t.state === 'OPEN');
    if (!task) throw businessRule('NOT_AWAITING_SUPPLEMENT', 'Hồ sơ không ở trạng thái chờ bổ sung');
    const documents = await resolveDocuments(actor, input.documents);
    const decided = recordSupplement(dossier, task, actor, documents, input.note, clock.now());
    decided.documents = await attachDocuments(code, documents);
    const settled = await settleDecision(task, decided, { dossier });
    if (task.token) await workflows.sendDecision(task.token, settled.output);
    return { code, status: settled.dossier.status, taskId: task.id };
  };
  return input.version === undefined ? retryOnStaleVersion(once) : once();
}
