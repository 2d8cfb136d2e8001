import type { AgencyKind } from './agency-selector';
import type { CalendarSettings } from './working-calendar';

/** Cơ quan — an agency as the API shows it. */
export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  parentId: string | null;
  unitId: string;
  /** The agency's one-stop mailbox: its inbox digests and due-soon warnings. */
  email?: string;
  /** The agency's leader: overdue steps (and, for a PASC, steps escalated to it). */
  leaderEmail?: string;
  calendar: CalendarSettings;
}

/** The province settings the handlers need at run time, seeded from the province config. */
export interface ProvinceSettings {
  id: string;
  name: string;
  agencies: Agency[];
  uploads: { maxBytes: number; allowedContentTypes: string[] };
  supplementPolicy: 'restart' | 'pause';
  fromEmail: string;
  /** The public lookup page of a dossier, `{code}` standing for its code (absent in settings seeded before it). */
  lookupUrl?: string;
  /** When officers are told of their work (absent in settings seeded before it: the defaults). */
  officerNotices?: OfficerNoticeSettings;
  /** Administrative units (communes, wards) with their validity: merged units point to their successor. */
  units?: { id: string; name: string; kind: string; validTo?: string; successorId?: string }[];
  /** The flows the province's state machines run (one per flow): what operators may list executions of. */
  flowIds?: string[];
}

/** The province's choices (`notifications.officers` of its config). */
export interface OfficerNoticeSettings {
  /** Digest times of a working day, `HH:MM` Vietnam time; empty: no digest. */
  inboxDigestAt: string[];
  /** Warn this many working days before a task is due; 0: never. */
  dueSoonWorkingDays: number;
  /** Tell the PASC's leader when a task is still open this many working days after it was due; 0: never. */
  escalateAfterWorkingDays: number;
}
