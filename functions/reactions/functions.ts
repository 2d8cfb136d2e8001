import type { Reaction } from '../domain/events';
import type { Access } from '../routes';

/**
 * The functions of the event stream, for the stack and the local runtime alike: the fan-out that copies the
 * table's stream to every reaction's queue (AWS only: the local runtime reads the stream and fills its queues
 * itself), and one consumer per reaction.
 */
export const FAN_OUT_FUNCTION = {
  file: 'functions/reactions/fan-out.ts',
  access: ['events:publish'],
} as const satisfies { file: string; access: readonly Access[] };

export const REACTION_FUNCTIONS = {
  'notify-applicant': {
    file: 'functions/reactions/notify-applicant.ts',
    access: ['table:read', 'table:write', 'notify', 'events:consume'],
  },
} as const satisfies Record<Reaction, { file: string; access: readonly Access[] }>;
