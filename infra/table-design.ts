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
  /**
   * An index holds only what its reads return: every attribute an index projects is written again to it whenever
   * it changes. The inbox index carries what an inbox line shows (never the task token, which the flow attaches after
   * the task opens); the listings carry keys only, and the listing reads the dossiers by key (BatchGetItem), so a
   * dossier's changes are not copied into two more indexes.
   */
  indexes: [
    /** Inboxes (INBOX#agency#role, ordered by due time): open tasks only. */
    {
      name: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      projection: 'INCLUDE',
      nonKeyAttributes: [
        'id',
        'dossierCode',
        'procedureId',
        'stepId',
        'stepName',
        'kind',
        'timeoutDecision',
        'branchOf',
        'role',
        'agencyId',
        'openedAt',
        'dueAt',
        'overdue',
        'state',
        'decisions',
        'decisionOrder',
        'version',
      ],
    },
    /** Dossier listings: by applicant (APPLICANT#sub) and by agency on the path (AGENCY#id), newest first. */
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'KEYS_ONLY', nonKeyAttributes: [] },
    /** The same listings narrowed to one status (APPLICANT#sub#STATUS, AGENCY#id#STATUS), newest first. */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY', nonKeyAttributes: [] },
  ],
} as const;
