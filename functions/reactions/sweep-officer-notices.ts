import { logger, stepHandler } from '../observability';
import { sweepOfficerNotices } from '../use-cases/officer-notices';

/**
 * The scheduled sweep (every 15 minutes) that writes the officer notices falling due (see the use case). A failure is
 * logged and thrown; the next run does what this one did not.
 */
export const handler = /* @__PURE__ */ stepHandler(async () => {
  const written = await sweepOfficerNotices();
  if (written.digests + written.dueSoon + written.escalated > 0) logger.info('officer notices written', written);
  return written;
});
