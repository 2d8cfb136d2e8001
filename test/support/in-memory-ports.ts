import { BundledFlowSteps } from '../../functions/adapters/flow-steps';
import { summarise } from '../../functions/domain/catalogue-search';
import type { Dossier, HistoryEvent, Task } from '../../functions/domain/dossier';
import type { StoredDocument } from '../../functions/domain/e-data';
import { conflict, uploadAlreadyUsed } from '../../functions/domain/errors';
import { type DossierEvent, eventId, type Reaction, type StreamEvent, snapshotOf } from '../../functions/domain/events';
import {
  addCounts,
  type DossierFigures,
  type FigureChange,
  type FigureDelta,
  type FigureItem,
  type FigureKey,
  itemChanges,
} from '../../functions/domain/figures';
import type { OfficerNotice, SweepCursor } from '../../functions/domain/officer-notices';
import type {
  CatalogueStore,
  DocumentStore,
  DossierStore,
  DownloadLinks,
  ExecutionInput,
  ExecutionSummary,
  FigureStore,
  FileStore,
  FlowSteps,
  Message,
  Notifier,
  OfficerNoticeStore,
  Page,
  ReactionLog,
  SettledDecision,
  TaskStore,
  UploadRecord,
  UploadStore,
  WorkflowEngine,
} from '../../functions/domain/ports';
import type { ProcedureVersion } from '../../functions/domain/procedure';
import type { ProvinceSettings } from '../../functions/domain/province-settings';
import type { RatingRecord } from '../../functions/domain/ratings';
import type { DossierStatus } from '../../functions/domain/status';
import { WorkingCalendar } from '../../functions/domain/working-calendar';
import { loadProvince } from '../../infra/province';
import { provinceSettings } from '../../infra/province/settings';

/**
 * The ports in memory, with the same conditions as their AWS adapters (versions, one-time claims, idempotency), so
 * that use cases run in unit tests without any emulator. Reads return copies, as a database would.
 */
const copy = <T>(value: T): T => structuredClone(value);
const stale = (what: string) => conflict('STALE_VERSION', `${what} changed (stale version)`);

function page<T>(all: T[], limit: number, cursor?: string): Page<T> {
  const start = cursor ? Number(cursor) : 0;
  const items = all.slice(start, start + limit);
  return { items: copy(items), nextCursor: start + limit < all.length ? String(start + limit) : null };
}

/** The dossier, task and upload items of the single table, in one object: each port is a view of it. */
export class InMemoryDossierStore implements DossierStore, TaskStore, UploadStore, OfficerNoticeStore {
  readonly dossiers = new Map<string, Dossier>();
  readonly tasks = new Map<string, Task>();
  readonly history = new Map<string, HistoryEvent[]>();
  readonly idempotency = new Map<string, { bodyHash: string; code: string }>();
  readonly uploads = new Map<string, UploadRecord>();
  readonly ratings = new Map<string, unknown>();
  private readonly counters = new Map<string, number>();

  clear() {
    this.stream.length = 0;
    for (const map of [this.dossiers, this.tasks, this.history, this.idempotency, this.uploads, this.ratings])
      map.clear();
    this.counters.clear();
    this.notices.length = 0;
    this.noticeKeys.clear();
    this.cursors.clear();
  }

  async nextSequence(counterKey: string) {
    const n = (this.counters.get(counterKey) ?? 0) + 1;
    this.counters.set(counterKey, n);
    return n;
  }

  private claim(code: string, uploadIds: string[]) {
    const used = uploadIds.filter((id) => !this.uploads.has(id) || this.uploads.get(id)!.usedBy);
    if (used.length > 0) throw uploadAlreadyUsed(used);
    return () => {
      for (const id of uploadIds) this.uploads.set(id, { ...this.uploads.get(id)!, usedBy: code });
    };
  }

  private checkVersion(code: string, previousVersion: number) {
    if (this.dossiers.get(code)?.version !== previousVersion) throw stale(`dossier ${code}`);
  }

  private append(dossier: Dossier, event: HistoryEvent) {
    const code = dossier.code;
    const events = this.history.get(code) ?? [];
    if (events.some((e) => e.seq === event.seq)) throw stale(`history of ${code}`);
    this.history.set(code, [...events, copy(event)]);
    // What the table's stream would carry to the reactions.
    this.stream.push({ id: eventId(code, event.seq), code, event: copy(event), dossier: snapshotOf(dossier) });
  }

  /** Events written and not yet taken by `takeEvents` (the stream, in write order). */
  readonly stream: DossierEvent[] = [];
  takeEvents(): DossierEvent[] {
    return this.stream.splice(0);
  }

  async createDossier(
    dossier: Dossier,
    event: HistoryEvent,
    key: { sub: string; key: string; bodyHash: string },
    opened?: { task: Task; event?: HistoryEvent; before: Dossier },
  ) {
    const id = `${key.sub}#${key.key}`;
    if (this.idempotency.has(id) || this.dossiers.has(dossier.code)) {
      throw conflict('IDEMPOTENCY_KEY_IN_USE', 'concurrent retry');
    }
    const commit = this.claim(
      dossier.code,
      dossier.documents.map((d) => d.uploadId),
    );
    commit();
    this.idempotency.set(id, { bodyHash: key.bodyHash, code: dossier.code });
    this.dossiers.set(dossier.code, copy(dossier));
    this.append(opened?.before ?? dossier, event);
    if (opened) {
      this.tasks.set(opened.task.id, copy(opened.task));
      if (opened.event) this.append(dossier, opened.event);
    }
  }

  async findIdempotency(sub: string, key: string) {
    return copy(this.idempotency.get(`${sub}#${key}`));
  }

  async getDossier(code: string) {
    return copy(this.dossiers.get(code));
  }

  async getDossierRecord(code: string) {
    const dossier = this.dossiers.get(code);
    if (!dossier) return undefined;
    return { dossier: copy(dossier), tasks: await this.getTasks(code), history: copy(this.history.get(code) ?? []) };
  }

  async getDossierHistory(code: string) {
    const record = await this.getDossierRecord(code);
    return record && { dossier: record.dossier, history: record.history };
  }

  async getTasks(code: string) {
    return copy([...this.tasks.values()].filter((t) => t.dossierCode === code));
  }

  async getTask(taskId: string) {
    return copy(this.tasks.get(taskId));
  }

  private newestFirst(filter: (d: Dossier) => boolean, status?: DossierStatus) {
    return [...this.dossiers.values()]
      .filter((d) => filter(d) && (!status || d.status === status))
      .sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : -1));
  }

  async listByApplicant(sub: string, limit: number, cursor?: string, status?: DossierStatus) {
    return page(
      this.newestFirst((d) => d.applicant.sub === sub, status),
      limit,
      cursor,
    );
  }

  async listByAgency(agencyId: string, limit: number, cursor?: string, status?: DossierStatus) {
    return page(
      this.newestFirst((d) => d.agencyIds.includes(agencyId), status),
      limit,
      cursor,
    );
  }

  private openTasksOf(agencyId: string, role: string) {
    return [...this.tasks.values()]
      .filter((t) => t.state === 'OPEN' && t.agencyId === agencyId && t.role === role)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
  }

  async inbox(agencyId: string, role: string, limit: number, cursor?: string) {
    return page(this.openTasksOf(agencyId, role), limit, cursor);
  }

  async overdueTasks(agencyId: string, role: string) {
    return copy(this.openTasksOf(agencyId, role).filter((t) => t.overdue));
  }

  async openStepTasks(
    previous: Dossier,
    dossier: Dossier,
    opened: Task[],
    events: { event: HistoryEvent; dossier: Dossier }[],
  ) {
    this.checkVersion(dossier.code, previous.version);
    for (const task of opened) if (this.tasks.has(task.id)) throw stale(`task ${task.id}`);
    for (const { event, dossier: after } of events) this.append(after, event);
    this.dossiers.set(dossier.code, copy(dossier));
    for (const task of opened) this.tasks.set(task.id, copy(task));
  }

  private updateTask(task: Task, next: Task, allowed: (stored: Task) => boolean) {
    const stored = this.tasks.get(task.id);
    if (!stored || stored.version !== task.version || !allowed(stored)) throw stale(`task ${task.id}`);
    this.tasks.set(task.id, copy(next));
    return copy(next);
  }

  async attachToken(task: Task, token: string) {
    return this.updateTask(task, { ...task, token, version: task.version + 1 }, (t) => t.state !== 'APPLIED');
  }

  async attachTokenIfOpen(taskId: string, token: string) {
    const stored = this.tasks.get(taskId);
    if (stored?.state !== 'OPEN') return undefined;
    return this.updateTask(stored, { ...stored, token, version: stored.version + 1 }, () => true);
  }

  async openTasks(agencyId: string, role: string) {
    return copy(this.openTasksOf(agencyId, role));
  }

  /** Officer notices written so far, in write order (the stream's view of them). */
  readonly notices: OfficerNotice[] = [];
  private readonly noticeKeys = new Set<string>();
  private readonly cursors = new Map<string, SweepCursor>();

  async markOverdue(task: Task, notice: OfficerNotice) {
    const next = this.updateTask(
      task,
      { ...task, overdue: true, version: task.version + 1 },
      (t) => t.state === 'OPEN',
    );
    await this.recordTaskNotice(notice);
    return next;
  }

  async recordTaskNotice(notice: OfficerNotice) {
    const key = `${notice.tasks[0]!.taskId}#${notice.kind}`;
    if (this.noticeKeys.has(key)) return false;
    this.noticeKeys.add(key);
    this.notices.push(copy(notice));
    return true;
  }

  async sweepCursor(agencyId: string) {
    const cursor = this.cursors.get(agencyId);
    return cursor && copy(cursor);
  }

  async recordSweep(agencyId: string, previous: SweepCursor | undefined, next: SweepCursor, digest?: OfficerNotice) {
    if (this.cursors.get(agencyId)?.sweptAt !== previous?.sweptAt) return false;
    this.cursors.set(agencyId, copy(next));
    if (digest) this.notices.push(copy(digest));
    return true;
  }

  async settleDecision({ previousVersion, dossier, task, events, opened, uploadIds }: SettledDecision) {
    this.checkVersion(dossier.code, previousVersion);
    const stored = this.tasks.get(task.before.id);
    if (!stored || stored.version !== task.before.version || !['OPEN', 'DECIDED'].includes(stored.state)) {
      throw stale(`task ${task.before.id}`);
    }
    for (const task of opened) if (this.tasks.has(task.id)) throw stale(`task ${task.id}`);
    const commit = this.claim(dossier.code, uploadIds);
    commit();
    for (const { event, dossier: after } of events) this.append(after, event);
    this.dossiers.set(dossier.code, copy(dossier));
    this.tasks.set(task.after.id, copy(task.after));
    for (const task of opened) this.tasks.set(task.id, copy(task));
  }

  async closeDossier(
    previousVersion: number,
    dossier: Dossier,
    closedTasks: Task[],
    events: { event: HistoryEvent; dossier: Dossier }[],
  ) {
    this.checkVersion(dossier.code, previousVersion);
    for (const task of closedTasks) {
      const stored = this.tasks.get(task.id);
      if (stored?.version !== task.version - 1 || stored.state !== 'OPEN') throw stale(`task ${task.id}`);
    }
    for (const { event, dossier: after } of events) this.append(after, event);
    this.dossiers.set(dossier.code, copy(dossier));
    for (const task of closedTasks) this.tasks.set(task.id, copy(task));
  }

  async recordEvents(previousVersion: number, dossier: Dossier, events: { event: HistoryEvent; dossier: Dossier }[]) {
    this.checkVersion(dossier.code, previousVersion);
    for (const { event, dossier: after } of events) this.append(after, event);
    this.dossiers.set(dossier.code, copy(dossier));
  }

  async settleAnswer(task: Task, next: Task) {
    return this.updateTask(task, next, (t) => t.state === 'OPEN' || t.state === 'DECIDED');
  }

  async saveUpload(upload: UploadRecord) {
    if (this.uploads.has(upload.uploadId)) throw conflict('UPLOAD_EXISTS', 'upload exists');
    this.uploads.set(upload.uploadId, copy(upload));
  }

  async getUpload(uploadId: string) {
    return copy(this.uploads.get(uploadId));
  }

  async getUploads(uploadIds: readonly string[]) {
    return new Map(
      uploadIds.flatMap((id) => (this.uploads.has(id) ? [[id, copy(this.uploads.get(id)!)] as const] : [])),
    );
  }

  async saveRating(code: string, rating: unknown) {
    if (this.ratings.has(code)) return false;
    this.ratings.set(code, copy(rating));
    return true;
  }
}

/** The Phú Thọ settings and catalogue, as the seed writes them. */
export class InMemoryCatalogue implements CatalogueStore {
  readonly settings: ProvinceSettings;
  readonly versions: ProcedureVersion[];

  constructor() {
    const { province, catalogue } = loadProvince('phu-tho');
    this.settings = provinceSettings(province);
    this.versions = catalogue;
  }

  async province() {
    return this.settings;
  }

  async catalogueIndex() {
    return this.versions.map((v) => summarise(v));
  }

  async procedureVersions(id: string) {
    return copy(this.versions.filter((v) => v.id === id));
  }
}

/** Files by key: what a test uploads is what `stat` sees. */
export class InMemoryFiles implements FileStore, DownloadLinks {
  readonly objects = new Map<string, { size: number; contentType: string }>();

  clear() {
    this.objects.clear();
  }

  uploadKey(uploadId: string) {
    return `uploads/${uploadId}`;
  }

  async presignUpload(key: string, contentType: string, size: number, now: number) {
    return { url: 'memory://files', fields: { key, 'Content-Type': contentType, size: String(size) }, expiresAt: now };
  }

  async stat(key: string) {
    return copy(this.objects.get(key));
  }

  dossierKey(code: string, uploadId: string) {
    return `dossiers/${code}/${uploadId}`;
  }

  async sha256(key: string) {
    const object = this.objects.get(key);
    return object ? `${object.size}-${object.contentType}-${key}` : undefined;
  }

  async put(key: string, body: Uint8Array, contentType: string) {
    this.objects.set(key, { size: body.byteLength, contentType });
  }

  async copyToDossier(sourceKey: string, code: string, uploadId: string) {
    const key = this.dossierKey(code, uploadId);
    const object = this.objects.get(sourceKey);
    // Like S3's CopyObject: no source, no copy.
    if (!object) throw Object.assign(new Error(`NoSuchKey: ${sourceKey}`), { name: 'NoSuchKey' });
    this.objects.set(key, object);
    return key;
  }

  async presignDownload(key: string, fileName: string) {
    return {
      url: `memory://files/${key}?name=${encodeURIComponent(fileName)}`,
      expiresAt: '2026-03-02T09:05:00+07:00',
    };
  }
}

/** Executions by name (the dossier code), as Step Functions names them; tokens it was handed. */
export class InMemoryWorkflows implements WorkflowEngine {
  readonly executions = new Map<string, ExecutionInput>();
  readonly starts: ExecutionInput[] = [];
  readonly decisions: { token: string; output: unknown }[] = [];
  readonly failures: { token: string; error: string }[] = [];

  clear() {
    this.executions.clear();
    for (const list of [this.starts, this.decisions, this.failures]) list.length = 0;
  }

  async start(input: ExecutionInput) {
    this.starts.push(copy(input));
    if (!this.executions.has(input.dossierCode)) this.executions.set(input.dossierCode, copy(input));
  }

  async sendDecision(token: string, output: unknown) {
    this.decisions.push({ token, output: copy(output) });
    return true;
  }

  async sendFailure(token: string, error: string) {
    this.failures.push({ token, error });
    return true;
  }

  async listExecutions(flowId: string) {
    const items: ExecutionSummary[] = [...this.executions.values()]
      .filter((e) => e.flowId === flowId)
      .map((e) => ({ name: e.dossierCode, flowId, status: 'RUNNING', startDate: null, stopDate: null }));
    return { items, nextCursor: null };
  }

  async describeExecution(flowId: string, name: string) {
    return this.executions.has(name) ? { name, flowId, status: 'RUNNING', startDate: null, stopDate: null } : undefined;
  }
}

export class InMemoryNotifier implements Notifier {
  readonly sent: { contact: { email?: string; phone?: string }; message: Message }[] = [];

  clear() {
    this.sent.length = 0;
  }

  async send(contact: { email?: string; phone?: string }, message: Message) {
    this.sent.push({ contact, message });
    return Number(Boolean(contact.email)) + Number(Boolean(contact.phone));
  }
}

/** Which reactions applied which events (by event id), beside the dossiers they read. */
export class InMemoryReactionLog implements ReactionLog {
  readonly markers = new Set<string>();

  constructor(private readonly dossiers: InMemoryDossierStore) {}

  clear() {
    this.markers.clear();
  }

  async applied(reaction: Reaction, event: StreamEvent) {
    return this.markers.has(`${reaction}#${event.id}`);
  }

  async record(reaction: Reaction, event: StreamEvent) {
    this.markers.add(`${reaction}#${event.id}`);
  }

  async dossierUnlessApplied(reaction: Reaction, event: DossierEvent) {
    if (await this.applied(reaction, event)) return { applied: true } as const;
    return { applied: false, dossier: await this.dossiers.getDossier(event.code) } as const;
  }
}

/** Each citizen's stored documents (the e-data store), by owner and id; a document is kept once. */
export class InMemoryDocumentStore implements DocumentStore {
  readonly documents = new Map<string, StoredDocument>();

  private static key = (owner: string, id: string) => `${owner}|${id}`;

  async get(ownerIdNumber: string, id: string) {
    return this.documents.get(InMemoryDocumentStore.key(ownerIdNumber, id));
  }

  async keptAmong(ownerIdNumber: string, ids: readonly string[]) {
    return new Set(ids.filter((id) => this.documents.has(InMemoryDocumentStore.key(ownerIdNumber, id))));
  }

  async keep(document: StoredDocument) {
    const key = InMemoryDocumentStore.key(document.ownerIdNumber, document.id);
    if (this.documents.has(key)) return false;
    this.documents.set(key, document);
    return true;
  }

  async list(ownerIdNumber: string, limit: number, cursor?: string): Promise<Page<StoredDocument>> {
    const mine = [...this.documents.values()]
      .filter((d) => d.ownerIdNumber === ownerIdNumber && (cursor === undefined || d.id > cursor))
      .sort((a, b) => a.id.localeCompare(b.id));
    const items = mine.slice(0, limit);
    return { items, nextCursor: mine.length > limit ? items.at(-1)!.id : null };
  }

  clear() {
    this.documents.clear();
  }
}

/** The figures read model: each dossier's place, and the counter items by level, period, key and shard. */
export class InMemoryFigures implements FigureStore {
  readonly places = new Map<string, DossierFigures>();
  readonly items = new Map<string, FigureItem>();
  readonly records: RatingRecord[] = [];

  async dossierFigures(code: string) {
    return copy(this.places.get(code));
  }

  async apply(
    code: string,
    before: DossierFigures | undefined,
    change: FigureChange,
    shard: number,
    records: readonly RatingRecord[] = [],
  ) {
    const now = this.places.get(code);
    if (now?.seq !== before?.seq || now?.rated !== before?.rated) return false;
    this.records.push(...copy(records));
    this.places.set(code, copy(change.after));
    const { key } = change.after;
    for (const { level, period, counts } of itemChanges(change.deltas)) {
      const id = `${level}|${period}|${key.agencyId}|${key.procedureId}|${key.channel}|${shard}`;
      const item = this.items.get(id) ?? { level, period, key: copy(key), counts: {} };
      this.items.set(id, { ...item, counts: addCounts(item.counts, counts) });
    }
    return true;
  }

  readonly markers = new Set<string>();

  async applyOnce(code: string, marker: string, key: FigureKey, deltas: readonly FigureDelta[], shard: number) {
    if (this.markers.has(`${code}#${marker}`)) return false;
    this.markers.add(`${code}#${marker}`);
    for (const { level, period, counts } of itemChanges(deltas)) {
      const id = `${level}|${period}|${key.agencyId}|${key.procedureId}|${key.channel}|${shard}`;
      const item = this.items.get(id) ?? { level, period, key: copy(key), counts: {} };
      this.items.set(id, { ...item, counts: addCounts(item.counts, counts) });
    }
    return true;
  }

  async read(periods: { monthsOfYears: readonly string[]; daysOfMonths: readonly string[] }) {
    return copy(
      [...this.items.values()].filter(
        (item) =>
          item.level === 'year' ||
          (item.level === 'month' && periods.monthsOfYears.includes(item.period.slice(0, 4))) ||
          (item.level === 'day' && periods.daysOfMonths.includes(item.period.slice(0, 7))),
      ),
    );
  }

  async ratingRecords(agencyIds: readonly string[], months: readonly string[]) {
    return copy(this.records.filter((r) => agencyIds.includes(r.agencyId) && months.includes(r.at.slice(0, 7))));
  }

  clear() {
    this.places.clear();
    this.items.clear();
    this.records.length = 0;
  }
}

export type InMemoryComposition = ReturnType<typeof inMemoryComposition>;

/** A composition module over in-memory ports, for `vi.mock('…/functions/composition', …)`. */
export function inMemoryComposition() {
  const catalogue = new InMemoryCatalogue();
  const calendars = new Map<string, WorkingCalendar>();
  const items = new InMemoryDossierStore();
  const files = new InMemoryFiles();
  return {
    dossiers: items,
    tasks: items as TaskStore,
    officerNotices: items as OfficerNoticeStore,
    uploads: items as UploadStore,
    catalogue,
    files,
    downloads: files as DownloadLinks,
    workflows: new InMemoryWorkflows(),
    flowSteps: new BundledFlowSteps() as FlowSteps,
    notifier: new InMemoryNotifier(),
    reactions: new InMemoryReactionLog(items),
    figures: new InMemoryFigures(),
    eData: new InMemoryDocumentStore(),
    clock: { now: () => Date.parse('2026-03-02T09:00:00+07:00') },
    /** The stream's work: every event written so far goes to a reaction's use case, in write order. */
    async deliverEvents(reaction: (event: DossierEvent) => Promise<void>) {
      for (const event of items.takeEvents()) await reaction(event);
    },
    /** Forgets every dossier, file, execution and message (the catalogue stays). */
    reset() {
      this.dossiers.clear();
      this.files.clear();
      this.workflows.clear();
      this.notifier.clear();
      this.reactions.clear();
      this.figures.clear();
      this.eData.clear();
    },
    async calendarOf(agencyId: string) {
      const agency = catalogue.settings.agencies.find((a) => a.id === agencyId);
      if (!agency) throw new Error(`no agency ${agencyId}`);
      if (!calendars.has(agencyId)) calendars.set(agencyId, new WorkingCalendar(agency.calendar));
      return calendars.get(agencyId)!;
    },
  };
}
