/**
 * The single table's keys and indexes, shared by the CDK stack and the local runtime so that both create the same
 * table. Items and access patterns are described in functions/adapters/keys.ts.
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'ttl',
  /** The stream carries each new history event to the reactions (functions/reactions/). */
  stream: 'NEW_IMAGE',
  indexes: [
    /** Inboxes (INBOX#agency#role, ordered by due time) and open dossiers per receiving agency (OPEN#agency). */
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Dossier listings: by applicant (APPLICANT#sub) and by agency on the path (AGENCY#id), newest first. */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** The same listings narrowed to one status (APPLICANT#sub#STATUS, AGENCY#id#STATUS), newest first. */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;
