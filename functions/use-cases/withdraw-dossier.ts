import { sendFailure } from '../adapters/workflow-engine';
import { clock, dossiers } from '../composition';
import { type Actor, DOSSIER_CLOSED } from '../domain/dossier';
import { withdraw } from '../domain/lifecycle';
import { readableDossier } from './dossier-views';
import { notifyStatusChange } from './notify';

/**
 * Rút hồ sơ — ends the dossier and its open tasks in one transaction, then tells each waiting step that its dossier
 * is closed so the execution ends. A step that has no live token learns it when it next attaches one.
 */
export async function withdrawDossier(actor: Actor, code: string, reason: string) {
  const dossier = await readableDossier(actor, code);
  const open = (await dossiers.getTasks(code)).filter((t) => t.state === 'OPEN' || t.state === 'DECIDED');
  const result = withdraw(dossier, open, actor, reason, clock.now());
  await dossiers.closeDossier(dossier.version, result.dossier, result.closed, result.event);
  for (const task of result.closed) {
    if (task.token) await sendFailure(task.token, DOSSIER_CLOSED, `withdrawn by the applicant`);
  }
  await notifyStatusChange(result.dossier, result.event);
  return result.dossier;
}
