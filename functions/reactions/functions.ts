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
  'notify-officers': {
    file: 'functions/reactions/notify-officers.ts',
    access: ['table:read', 'table:write', 'notify', 'events:consume'],
  },
  'file-documents': {
    file: 'functions/reactions/file-documents.ts',
    access: ['table:read', 'table:write', 'files:read', 'files:write', 'events:consume'],
  },
  figures: {
    file: 'functions/reactions/figures.ts',
    access: ['table:read', 'table:write', 'events:consume'],
  },
  // Calls the national portal over HTTPS (its address and account come from the province configuration).
  'dvcqg-sync': {
    file: 'functions/reactions/dvcqg-sync.ts',
    access: ['table:read', 'table:write', 'events:consume', 'national-portal'],
  },
} as const satisfies Record<Reaction, { file: string; access: readonly Access[] }>;

/**
 * Functions run on a schedule (an EventBridge rule on AWS, the development clock locally): the officer-notice sweep
 * decides, every quarter of an hour, which digests, warnings and escalations are due (it only writes them).
 */
export const SCHEDULED_FUNCTIONS = {
  'officer-notices': {
    file: 'functions/reactions/sweep-officer-notices.ts',
    access: ['table:read', 'table:write'],
    everyMinutes: 15,
  },
} as const satisfies Record<string, { file: string; access: readonly Access[]; everyMinutes: number }>;
