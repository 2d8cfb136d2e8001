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
  email?: string;
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
  /** Administrative units (communes, wards) with their validity: merged units point to their successor. */
  units?: { id: string; name: string; kind: string; validTo?: string; successorId?: string }[];
  /** The flows the province's state machines run (one per flow): what operators may list executions of. */
  flowIds?: string[];
}
