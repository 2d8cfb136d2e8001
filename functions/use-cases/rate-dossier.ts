import { clock, uploads } from '../composition';
import type { Actor } from '../domain/dossier';
import { AppError, businessRule } from '../domain/errors';
import { type Criterion, handlersOf, type Rating, type RatingLevel } from '../domain/ratings';
import { toVietnamIso } from '../domain/vietnam-time';
import { readableRecord } from './dossier-views';

/**
 * Đánh giá mức độ hài lòng — the applicant rates the dossier once, after delivery. The rating is tied to the
 * competent agency and to every officer the history shows acting on the dossier; the figures take it from the
 * event stream.
 */
export async function rateDossier(
  actor: Actor,
  code: string,
  input: {
    level: RatingLevel;
    criteria?: Partial<Record<Criterion, number>> | undefined;
    comment?: string | undefined;
  },
) {
  const { dossier, history } = await readableRecord(actor, code);
  if (dossier.status !== 'DELIVERED') throw businessRule('NOT_DELIVERED', 'Chỉ đánh giá sau khi đã nhận kết quả');
  const rating: Rating = {
    level: input.level,
    criteria: input.criteria ?? {},
    comment: input.comment ?? null,
    at: toVietnamIso(clock.now()),
    agencyId: dossier.competentAgencyId,
    procedureId: dossier.procedureId,
    channel: dossier.channel,
    handlers: handlersOf(history),
  };
  if (!(await uploads.saveRating(code, rating))) {
    throw new AppError('conflict', 'ALREADY_RATED', 'Hồ sơ này đã được đánh giá');
  }
  return { code, level: rating.level, criteria: rating.criteria, comment: rating.comment, at: rating.at };
}
