import { DynamoCatalogueStore } from './adapters/catalogue-repository';
import { HttpDocumentFetcher } from './adapters/document-fetcher';
import { DynamoDossierStore } from './adapters/dossier-repository';
import { S3DownloadLinks } from './adapters/download-links';
import { DynamoDocumentStore } from './adapters/e-data-repository';
import { env } from './adapters/environment';
import { SqsRedelivery } from './adapters/event-queues';
import { DynamoFigureStore } from './adapters/figure-repository';
import { S3FileStore } from './adapters/files';
import { BundledFlowSteps } from './adapters/flow-steps';
import { HttpNationalPortal } from './adapters/national-portal';
import { SesSnsNotifier } from './adapters/notifier';
import { DynamoOfficerNoticeStore } from './adapters/officer-notice-repository';
import { DynamoReactionLog } from './adapters/reaction-log';
import { DynamoSyncStore } from './adapters/sync-repository';
import { DynamoTaskStore } from './adapters/task-repository';
import { DynamoUploadStore } from './adapters/upload-repository';
import { StepFunctionsEngine } from './adapters/workflow-engine';
import { notFound } from './domain/errors';
import type {
  CatalogueStore,
  DocumentFetcher,
  DocumentStore,
  DossierStore,
  DownloadLinks,
  FigureStore,
  FileStore,
  FlowSteps,
  NationalPortal,
  Notifier,
  OfficerNoticeStore,
  ReactionLog,
  Redelivery,
  SyncStore,
  TaskStore,
  UploadStore,
  WorkflowEngine,
} from './domain/ports';
import { WorkingCalendar } from './domain/working-calendar';

/**
 * The one place that wires ports to adapters. Handlers and steps import from here; tests replace what they need.
 * The clock is a port too: the domain never reads the time itself. Each adapter is marked pure so that a function's
 * bundle keeps only the adapters (and so the SDK clients) it uses.
 */
export const dossiers: DossierStore = /* @__PURE__ */ new DynamoDossierStore();
export const tasks: TaskStore = /* @__PURE__ */ new DynamoTaskStore();
export const uploads: UploadStore = /* @__PURE__ */ new DynamoUploadStore();
export const catalogue: CatalogueStore = /* @__PURE__ */ new DynamoCatalogueStore();
export const files: FileStore = /* @__PURE__ */ new S3FileStore();
export const downloads: DownloadLinks = /* @__PURE__ */ new S3DownloadLinks();
export const workflows: WorkflowEngine = /* @__PURE__ */ new StepFunctionsEngine();
export const notifier: Notifier = /* @__PURE__ */ new SesSnsNotifier();
export const officerNotices: OfficerNoticeStore = /* @__PURE__ */ new DynamoOfficerNoticeStore();
export const figures: FigureStore = /* @__PURE__ */ new DynamoFigureStore();
export const reactions: ReactionLog = /* @__PURE__ */ new DynamoReactionLog();
export const redelivery: Redelivery = /* @__PURE__ */ new SqsRedelivery();
export const flowSteps: FlowSteps = /* @__PURE__ */ new BundledFlowSteps();
export const nationalPortal: NationalPortal = /* @__PURE__ */ new HttpNationalPortal();
export const syncs: SyncStore = /* @__PURE__ */ new DynamoSyncStore();
export const documentFetcher: DocumentFetcher = /* @__PURE__ */ new HttpDocumentFetcher();
export const eData: DocumentStore = /* @__PURE__ */ new DynamoDocumentStore();
export const clock = { now: () => Date.now() };
/** How many times a reaction's queue delivers a message before its dead letters (the stack and the runtime set it). */
export const deliveries = { max: () => Number(env('REACTION_MAX_RECEIVES')) };

const calendars = new Map<string, { settings: unknown; calendar: WorkingCalendar }>();

/** The working calendar of an agency, rebuilt only when the province settings object changes. */
export async function calendarOf(agencyId: string): Promise<WorkingCalendar> {
  const province = await catalogue.province();
  const agency = province.agencies.find((a) => a.id === agencyId);
  if (!agency) throw notFound('agency', agencyId);
  const cached = calendars.get(agencyId);
  if (cached && cached.settings === agency.calendar) return cached.calendar;
  const calendar = new WorkingCalendar(agency.calendar);
  calendars.set(agencyId, { settings: agency.calendar, calendar });
  return calendar;
}
