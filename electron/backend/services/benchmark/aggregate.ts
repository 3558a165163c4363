/**
 * Reducing one client file to aggregates, as a worker thread does it: open read-only with the file's own key, read
 * what the metrics need, reduce, close. Never migrates: a file on a schema older than this reader understands is
 * reported as needing an upgrade, a newer one as from a future version. Imports stay light (no drizzle) because
 * every worker loads this module at start.
 */
import { constants, copyFileSync, existsSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { applyKey } from '../../db/key'
import { ownedTempDir } from '../../tempFolders'
import { AGGREGATE_VERSION, type ClientAggregates, type MilestoneDurationAggregate } from '../../../../shared/benchmark/metrics'
import { dimensionScores, overallScore } from '../../../../shared/domain/assessment'
import { STAGE_KEYS, type MilestoneKind, type MilestoneStatus } from '../../../../shared/domain/journey'
import { isOverdue } from '../../../../shared/domain/journeyRules'
import type { MaturityModelContent } from '../../../../shared/domain/maturity'
import { PARTNER_TYPES, type LifecycleStage, type PartnerType } from '../../../../shared/domain/partner'
import {
  DEFAULT_PORTFOLIO_SETTINGS,
  HEALTH_SIGNALS,
  type OpportunityKind,
  type OpportunityStage,
  type PortfolioSettings
} from '../../../../shared/domain/portfolio'
import type { CockpitDueItem, CockpitFlags, SkipReason } from '../../../../shared/ipc/channels/benchmark'
import {
  activationRate,
  addDays,
  cadenceAdherence,
  cadenceFor,
  concentration,
  dayNumber,
  daysBetween,
  defaultActivationPeriod,
  firstCommercialDate,
  isActive,
  leanHealth,
  median,
  medianDaysToFirstCommercial,
  paperPartners,
  pipeline,
  summarisePartner,
  type HealthFacts,
  type PortfolioData
} from '../../../../shared/portfolio/metrics'

/**
 * The oldest schema (PRAGMA user_version = number of migrations) whose tables this reader understands: migration
 * 0003 (portfolio) added what the portfolio metrics read. Older files need an upgrade first, which only opening
 * the client in Trellis does.
 */
export const MIN_READABLE_VERSION = 4

export const DUE_WINDOW_DAYS = 14

export interface FileTask {
  clientId: string
  path: string
  /** The file's raw 256-bit key, hex. */
  keyHex: string
  asOf: string
  /** The newest schema this build knows. */
  knownVersion: number
  /**
   * A file the backend holds open (exclusively) comes as a plaintext image of it made by the backend's own
   * connection (`Session.snapshot`), read from memory instead of the file.
   */
  image?: Uint8Array
  /** The file's change marker (index.ts), stored with its result. */
  marker: string
}

/** What the cockpit needs of one client; stays in the consultant's own views. */
export interface CockpitFacts {
  stage: { key: string; name: string; position: number } | null
  maturity: { overall: number | null; heldOn: string } | null
  flags: CockpitFlags
  due: Omit<CockpitDueItem, 'clientId' | 'clientName'>[]
}

export type FileResult =
  | { clientId: string; ok: true; aggregates: ClientAggregates; cockpit: CockpitFacts }
  | { clientId: string; ok: false; reason: SkipReason; message: string }

class Skip extends Error {
  constructor(
    readonly reason: SkipReason,
    message: string
  ) {
    super(message)
  }
}

function requirePresent(path: string): void {
  if (!existsSync(path)) throw new Skip('file-missing', 'The client file is missing from the vault folder.')
  if (statSync(path).size === 0) throw new Skip('file-corrupt', 'The client file is empty (0 bytes); it was truncated.')
}

function openReadOnly(task: FileTask): Database.Database {
  const { path, keyHex, knownVersion, image } = task
  if (!image) requirePresent(path)
  let db: Database.Database
  try {
    db = image ? new Database(Buffer.from(image.buffer, image.byteOffset, image.byteLength), { readonly: true }) : new Database(path, { readonly: true, fileMustExist: true })
  } catch (err) {
    throw new Skip('unreadable', `The client file cannot be opened (${(err as { code?: string }).code ?? 'error'}).`)
  }
  try {
    if (!image) applyKey(db, keyHex)
    let version: number
    try {
      version = db.pragma('user_version', { simple: true }) as number
      db.prepare('SELECT count(*) FROM sqlite_master').get()
    } catch (err) {
      const code = (err as { code?: string }).code ?? ''
      if (code === 'SQLITE_NOTADB')
        throw new Skip('key-invalid', 'The client file cannot be decrypted with its key: it is damaged, or it is not this client’s file.')
      if (code.startsWith('SQLITE_CORRUPT')) throw new Skip('file-corrupt', 'The client file is truncated or damaged.')
      throw err
    }
    if (version > knownVersion)
      throw new Skip(
        'from-future-version',
        `Written by a newer version of Trellis (schema ${version}; this version knows ${knownVersion}). Update Trellis to include it.`
      )
    if (version < MIN_READABLE_VERSION)
      throw new Skip('needs-upgrade', `Needs an upgrade (schema ${version}): open the client in Trellis once, then run the benchmark again.`)
    db.pragma('query_only = ON')
    db.pragma('temp_store = MEMORY')
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

// ---------------------------------------------------------------------------------------------- reading

/**
 * What the metrics need of the portfolio, reduced per partner by SQL where the definitions only use a summary: the
 * last meeting, activation-topic points, due and on-time actions, and the latest score of each health signal.
 * Partners and opportunities come whole (the activation and pipeline metrics use every row).
 */
export interface PortfolioRows {
  partners: PortfolioData['partners']
  opportunities: PortfolioData['opportunities']
  /** Last meeting on or before the day, by partner. */
  lastMeeting: Map<string, string>
  /** Activation-plan points × 2 (agreed 2, discussed 1), by partner. */
  topicPoints2: Map<string, number>
  /** Actions due by the day, and of those done on time, by partner. */
  actions: Map<string, { due: number; onTime: number }>
  /** Sum and count of the latest score of each health signal, by partner. */
  signals: Map<string, { sum: number; n: number }>
}

interface Rows {
  settings: { key: string; value: string }[]
  data: PortfolioRows
  assessment: { id: string; held_on: string; model_id: string; model_version: number } | null
  /** The assessment's model snapshot (JSON), unless the worker already parsed that model version. */
  modelSnapshot: string | null
  consensus: { question_id: string; consensus: number | null }[]
  assessmentDims: { dimension_id: string }[]
  decisions: number
  importantUntested: number
  hypothesesDue: { belief: string; due_date: string }[]
  stages: { id: string; key: string; name: string; position: number; gate: string; started_at: string | null; completed_at: string | null }[]
  milestones: {
    stage_id: string
    title: string
    kind: MilestoneKind
    status: MilestoneStatus
    planned_start: string
    planned_end: string
    actual_start: string | null
    actual_end: string | null
  }[]
  actionsDue: { text: string; due_at: string; partner: string }[]
  credentialsDue: { name: string; rotation_due: string; partner: string }[]
  goalsDue: { metric: string; due_at: string; partner: string }[]
}

/**
 * Model snapshots by id and version, parsed once per worker: a version never changes once saved, and most clients
 * share the default model, so its snapshot is neither read nor parsed again.
 */
const models = new Map<string, MaturityModelContent>()
const modelKey = (id: string, version: number) => `${id}@${version}`

const HEALTH_SIGNAL_LIST = HEALTH_SIGNALS.map((x) => `'${x}'`).join(', ')

/**
 * Every statement a run executes on one file (the "raw" cost the benchmark compares a run against). Shaped for
 * cost, since a run reads every client file: per-partner summaries are grouped by SQLite (cheaper than handing
 * thousands of rows to JavaScript), table scans instead of non-covering indexes where every row is read anyway
 * (`NOT INDEXED`: a lookup per row costs more than the scan), rows in raw mode (arrays, no per-row property
 * objects), and no window functions (their sort and frame work cost more than a grouped max). Nothing relies on
 * an index (a benchmark never migrates a file): files with migration 0005's covering indexes are grouped along
 * them (SQLite picks them; for the topics the statement is chosen by whether the index exists), older files read
 * the same answers by scans.
 */
export function readRows(db: Database.Database, asOf: string, knownModels: ReadonlySet<string> = new Set()): Rows {
  const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[]
  const raw = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).raw().all(...args) as T[]
  const dueTo = addDays(asOf, DUE_WINDOW_DAYS)
  // Files of schema 0005 and later have an index covering the topics per partner (SQLite then groups without
  // sorting); in older files the only index on partner_id needs a table lookup per row, slower than a scan.
  const topicsIndexed = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'topics_partner_state'`).get() !== undefined
  // The snapshot is fetched apart: sorting rows that carry it would read every assessment's snapshot. Ties on the
  // day go to the assessment written last (rowid), since created_at sits after the snapshot in the row.
  const assessment =
    (db
      .prepare(
        `SELECT a.id, a.held_on, a.model_id, a.model_version FROM assessments a
         WHERE EXISTS (SELECT 1 FROM assessment_questions q WHERE q.assessment_id = a.id AND q.consensus IS NOT NULL)
         ORDER BY a.held_on DESC, a.rowid DESC LIMIT 1`
      )
      .get() as Rows['assessment'] | undefined) ?? null
  const modelSnapshot =
    assessment && !knownModels.has(modelKey(assessment.model_id, assessment.model_version))
      ? (db.prepare('SELECT model_snapshot FROM assessments WHERE id = ?').pluck().get(assessment.id) as string)
      : null
  const partnerJoin = (alias: string) => `JOIN partners p ON p.id = ${alias}.partner_id`
  // Counts that need no rows: one statement.
  const [decisions, importantUntested] = db
    .prepare(
      `SELECT
         (SELECT count(DISTINCT hypothesis_id) FROM hypothesis_decisions
          WHERE decision <> 'keep_testing' AND substr(decided_at, 1, 10) > ? AND substr(decided_at, 1, 10) <= ?),
         (SELECT count(*) FROM hypotheses WHERE status = 'untested' AND importance >= 4)`
    )
    .raw()
    .get(addDays(asOf, -365), asOf) as [number, number]
  return {
    settings: all('SELECT key, value FROM portfolio_settings'),
    data: {
      partners: raw<[string, PartnerType, string | null, LifecycleStage, string | null, string | null]>(
        'SELECT id, type, tier, stage, signed_at, first_commercial_at FROM partners'
      ).map(([id, type, tier, stage, signedAt, firstCommercialAt]) => ({ id, name: '', type, tier, stage, signedAt, firstCommercialAt })),
      opportunities: raw<[string, OpportunityKind, number, string, OpportunityStage, string]>(
        // Every row in table order: the (partner_id, …) index of migration 0005 covers these columns in another order.
        'SELECT partner_id, kind, amount, currency, stage, opened_at FROM opportunities NOT INDEXED'
      ).map(([partnerId, kind, amount, currency, stage, openedAt]) => ({ partnerId, kind, amount, currency, stage, openedAt })),
      // The (partner_id, date) index covers this one.
      lastMeeting: new Map(raw<[string, string]>('SELECT partner_id, max(date) FROM meetings WHERE date <= ? GROUP BY partner_id', asOf)),
      topicPoints2: new Map(
        raw<[string, number]>(
          `SELECT partner_id, sum(CASE state WHEN 'agreed' THEN 2 WHEN 'discussed' THEN 1 ELSE 0 END) FROM activation_topics ${topicsIndexed ? '' : 'NOT INDEXED'} GROUP BY partner_id`
        )
      ),
      // Actions due after the day count for nothing, so they are left out.
      actions: new Map(
        raw<[string, number, number]>(
          `SELECT partner_id, count(*), sum(done_at IS NOT NULL AND done_at <= due_at)
           FROM action_items WHERE due_at IS NOT NULL AND due_at <= ? GROUP BY partner_id`,
          asOf
        ).map(([id, due, onTime]) => [id, { due, onTime }])
      ),
      // The latest score of each signal: ties on the date go to the score given last (the higher rowid), as in
      // latestSignals. max() over the date followed by the zero-padded rowid orders by both at once; the score
      // is a bare column of max(), so it comes from that row.
      signals: new Map(
        raw<[string, number, number]>(
          `SELECT partner_id, sum(score), count(*) FROM (
             SELECT partner_id, score, max(date || printf('%020d', rowid)) FROM health_scores
             WHERE signal IN (${HEALTH_SIGNAL_LIST}) GROUP BY partner_id, signal
           ) GROUP BY partner_id`
        ).map(([id, sum, n]) => [id, { sum, n }])
      )
    },
    assessment,
    modelSnapshot,
    consensus: assessment ? all('SELECT question_id, consensus FROM assessment_questions WHERE assessment_id = ?', assessment.id) : [],
    assessmentDims: assessment ? all('SELECT dimension_id FROM assessment_dimensions WHERE assessment_id = ? ORDER BY position', assessment.id) : [],
    decisions,
    importantUntested,
    hypothesesDue: all(
      `SELECT belief, due_date FROM hypotheses WHERE status IN ('untested', 'testing') AND due_date >= ? AND due_date <= ?`,
      asOf,
      dueTo
    ),
    stages: all('SELECT id, key, name, position, gate, started_at, completed_at FROM journey_stages ORDER BY position'),
    milestones: all('SELECT stage_id, title, kind, status, planned_start, planned_end, actual_start, actual_end FROM milestones'),
    actionsDue: all(`SELECT a.text, a.due_at, p.name AS partner FROM action_items a ${partnerJoin('a')} WHERE a.done_at IS NULL AND a.due_at >= ? AND a.due_at <= ?`, asOf, dueTo),
    credentialsDue: all(
      `SELECT c.name, c.rotation_due, p.name AS partner FROM integration_credentials c ${partnerJoin('c')} WHERE c.rotation_due >= ? AND c.rotation_due <= ?`,
      asOf,
      dueTo
    ),
    goalsDue: all(`SELECT g.metric, g.due_at, p.name AS partner FROM joint_goals g ${partnerJoin('g')} WHERE g.due_at >= ? AND g.due_at <= ?`, asOf, dueTo)
  }
}

// ---------------------------------------------------------------------------------------------- reducing

function settingsOf(rows: Rows['settings']): PortfolioSettings {
  const out: PortfolioSettings = { ...DEFAULT_PORTFOLIO_SETTINGS }
  for (const r of rows) if (r.key in out) (out as unknown as Record<string, unknown>)[r.key] = JSON.parse(r.value)
  return out
}

/** The most common partner type among partners past qualifying and not exited; ties go to the first type listed. */
export function partnerModelOf(partners: readonly { type: string; stage: string }[]): PartnerType | null {
  const counts = new Map<string, number>()
  for (const p of partners) if (p.stage !== 'prospect' && p.stage !== 'qualifying' && p.stage !== 'exited') counts.set(p.type, (counts.get(p.type) ?? 0) + 1)
  let best: PartnerType | null = null
  for (const t of PARTNER_TYPES) if ((counts.get(t) ?? 0) > 0 && (best === null || counts.get(t)! > counts.get(best)!)) best = t
  return best
}

const date = (ts: string | null): string | null => (ts ? ts.slice(0, 10) : null)
const inclusiveDays = (a: string, b: string): number => dayNumber(b) - dayNumber(a) + 1

function byPartner<T extends { partnerId: string }>(xs: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>()
  for (const x of xs) {
    const a = m.get(x.partnerId)
    if (a) a.push(x)
    else m.set(x.partnerId, [x])
  }
  return m
}

/**
 * What the health score (shared/portfolio/metrics `leanHealth`, the Partners screen's) reads of a partner, from the
 * rows the benchmark reduces: the deals by the definition itself (`summarisePartner`), the rest from the
 * per-partner reductions. A unit test holds the band equal to the explained healthScore on random portfolios.
 */
export function healthFacts(
  p: PortfolioData['partners'][number],
  opps: readonly PortfolioData['opportunities'][number][],
  f: { lastMeeting: string | null; topicPoints2: number; actions: { due: number; onTime: number } | null; signals: { sum: number; n: number } | null },
  asOf: string,
  currency: string
): HealthFacts {
  const deals = summarisePartner(
    { partner: p, opportunities: opps as PortfolioData['opportunities'], meetings: [], actions: [], topics: [], healthScores: [], goals: [], contacts: [] },
    asOf,
    currency
  )
  return {
    partner: p,
    firstSourcedAt: deals.firstSourcedAt,
    liveOpportunities: deals.liveOpportunities,
    lastMeetingAt: f.lastMeeting,
    // Points count an agreed topic whole and a discussed one half; as agreed topics they weigh the same.
    topicsAgreed: f.topicPoints2 / 2,
    topicsDiscussed: 0,
    actionsDue: f.actions?.due ?? 0,
    actionsOnTime: f.actions?.onTime ?? 0,
    signalSum: f.signals?.sum ?? 0,
    signalsScored: f.signals?.n ?? 0
  }
}

/**
 * The portfolio figures, from the same functions and definitions as the Partners screen (shared/portfolio/metrics);
 * of the warnings only the two the cockpit counts are evaluated. A unit test holds these equal to computePortfolio.
 */
export function portfolioFigures(d: PortfolioRows, asOf: string, settings: PortfolioSettings) {
  const opps = byPartner(d.opportunities)
  // Only the last meeting on or before the day matters to cadence adherence.
  const meetings = new Map<string, { partnerId: string; date: string }[]>()
  for (const [partnerId, date] of d.lastMeeting) meetings.set(partnerId, [{ partnerId, date }])
  let paperWarnings = 0
  let notMet = 0
  let red = 0
  for (const p of d.partners) {
    const po = opps.get(p.id) ?? []
    const last = d.lastMeeting.get(p.id) ?? null
    const facts = healthFacts(
      p,
      po,
      { lastMeeting: last, topicPoints2: d.topicPoints2.get(p.id) ?? 0, actions: d.actions.get(p.id) ?? null, signals: d.signals.get(p.id) ?? null },
      asOf,
      settings.currency
    )
    if (leanHealth(facts, asOf, settings).band === 'red') red++
    if (!isActive(p)) continue
    if (p.signedAt && !firstCommercialDate(p, po) && daysBetween(p.signedAt, asOf) > settings.paperWindowDays) paperWarnings++
    if (last === null || daysBetween(last, asOf) > cadenceFor(p.tier, settings.cadenceDays)) notMet++
  }
  const period = defaultActivationPeriod(asOf, settings.paperWindowDays)
  const conc = concentration(d.opportunities, settings.currency)
  return {
    activationRate: activationRate(d.partners, opps, period, settings.paperWindowDays).value,
    daysToFirstCommercial: medianDaysToFirstCommercial(d.partners, opps).days,
    paperPartnerRatio: paperPartners(d.partners, opps, asOf, settings.paperWindowDays).ratio.value,
    sourcedShare: pipeline(d.opportunities, settings.currency).sourcedShare,
    concentrationTop1: conc.top1Share,
    concentrationTop3: conc.top3Share,
    cadenceAdherence: cadenceAdherence(d.partners, meetings, asOf, settings.cadenceDays).value,
    paperWarnings,
    notMet,
    red
  }
}

export function reduceRows(r: Rows, asOf: string): { aggregates: ClientAggregates; cockpit: CockpitFacts } {
  const settings = settingsOf(r.settings)
  const pf = portfolioFigures(r.data, asOf, settings)
  const metrics: Record<string, number | null> = {
    maturity: null,
    activationRate: pf.activationRate,
    daysToFirstCommercial: pf.daysToFirstCommercial,
    paperPartnerRatio: pf.paperPartnerRatio,
    sourcedShare: pf.sourcedShare,
    concentrationTop1: pf.concentrationTop1,
    concentrationTop3: pf.concentrationTop3,
    cadenceAdherence: pf.cadenceAdherence,
    hypothesisVelocity: r.decisions / 4
  }

  // Maturity: the latest assessment with agreed scores.
  const dimensionNames: Record<string, string> = {}
  let maturity: CockpitFacts['maturity'] = null
  if (r.assessment) {
    const mk = modelKey(r.assessment.model_id, r.assessment.model_version)
    let model = models.get(mk)
    if (!model) {
      model = JSON.parse(r.modelSnapshot!) as MaturityModelContent
      models.set(mk, model)
    }
    const consensus: Record<string, number | null> = {}
    for (const q of r.consensus) consensus[q.question_id] = q.consensus
    const dims = dimensionScores(model, consensus, r.assessmentDims.map((d) => d.dimension_id))
    const overall = overallScore(dims)
    metrics.maturity = overall
    for (const d of dims) {
      metrics[`maturity:${d.dimensionId}`] = d.score
      dimensionNames[d.dimensionId] = d.name
    }
    maturity = { overall, heldOn: r.assessment.held_on }
  }

  // Journey: days per stage, the stage now running, overdue milestones, actual vs planned durations by kind.
  const firstActual = new Map<string, string>()
  for (const m of r.milestones)
    if (m.actual_start && (!firstActual.has(m.stage_id) || m.actual_start < firstActual.get(m.stage_id)!)) firstActual.set(m.stage_id, m.actual_start)
  let stage: CockpitFacts['stage'] = null
  for (const s of r.stages) {
    if (s.gate !== 'not_started' && (!stage || s.position >= stage.position)) stage = { key: s.key, name: s.name, position: s.position }
    if (!(STAGE_KEYS as readonly string[]).includes(s.key)) continue
    const starts = [date(s.started_at), firstActual.get(s.id) ?? null].filter((x): x is string => x !== null)
    if (starts.length === 0) continue
    const start = starts.sort()[0]
    const end = s.gate === 'completed' && s.completed_at ? date(s.completed_at)! : asOf
    metrics[`stageDays:${s.key}`] = Math.max(0, dayNumber(end) - dayNumber(start))
  }
  const byKind = new Map<MilestoneKind, { actual: number[]; planned: number[]; ratio: number[] }>()
  let overdueMilestones = 0
  for (const m of r.milestones) {
    if (isOverdue({ status: m.status, plannedEnd: m.planned_end }, asOf)) overdueMilestones++
    if (m.status !== 'done' || !m.actual_start || !m.actual_end || m.actual_end < m.actual_start) continue
    const actual = inclusiveDays(m.actual_start, m.actual_end)
    const planned = inclusiveDays(m.planned_start, m.planned_end)
    const k = byKind.get(m.kind) ?? { actual: [], planned: [], ratio: [] }
    k.actual.push(actual)
    k.planned.push(planned)
    k.ratio.push(actual / planned)
    byKind.set(m.kind, k)
  }
  const milestoneDurations: Partial<Record<MilestoneKind, MilestoneDurationAggregate>> = {}
  for (const [kind, k] of byKind) {
    milestoneDurations[kind] = {
      count: k.actual.length,
      medianActualDays: median(k.actual)!,
      medianPlannedDays: median(k.planned)!,
      medianRatio: Math.round(median(k.ratio)! * 10_000) / 10_000
    }
    metrics[`milestoneRatio:${kind}`] = milestoneDurations[kind]!.medianRatio
  }

  const due: CockpitFacts['due'] = [
    ...r.milestones
      .filter((m) => (m.status === 'planned' || m.status === 'in_progress' || m.status === 'blocked') && m.planned_end >= asOf && m.planned_end <= addDays(asOf, DUE_WINDOW_DAYS))
      .map((m) => ({ kind: 'milestone' as const, title: m.title, partnerName: null, dueOn: m.planned_end, section: 'journey' as const })),
    ...r.actionsDue.map((a) => ({ kind: 'action' as const, title: a.text, partnerName: a.partner, dueOn: a.due_at, section: 'partners' as const })),
    ...r.hypothesesDue.map((h) => ({ kind: 'hypothesis' as const, title: h.belief, partnerName: null, dueOn: h.due_date, section: 'hypotheses' as const })),
    ...r.credentialsDue.map((c) => ({
      kind: 'credential' as const,
      title: `Rotate ${c.name}`,
      partnerName: c.partner,
      dueOn: c.rotation_due,
      section: 'partners' as const
    })),
    ...r.goalsDue.map((g) => ({ kind: 'goal' as const, title: g.metric, partnerName: g.partner, dueOn: g.due_at, section: 'partners' as const }))
  ]

  return {
    aggregates: { asOf, partnerModel: partnerModelOf(r.data.partners), metrics, dimensionNames, milestoneDurations },
    cockpit: {
      stage,
      maturity,
      flags: {
        paperPartners: pf.paperWarnings,
        overdueMilestones,
        partnersNotMet: pf.notMet,
        importantUntested: r.importantUntested,
        redHealth: pf.red
      },
      due
    }
  }
}

/**
 * A private copy of a client file: the same encrypted bytes and WAL in the OS temp folder, as the session's
 * ReadOnlyMirror does, removed as soon as the file is read. A reader of the file in place would map a WAL index
 * (`-shm`) beside it, and a mapped file kills the whole backend (SIGBUS) when the vault's disk turns read-only or
 * goes away mid-read; on read-only media SQLite cannot open it in place at all. A copy a killed process left is
 * removed by the next run (tempFolders).
 */
function privateCopy(path: string): { path: string; remove(): void } {
  const dir = ownedTempDir('trellis-benchmark-')
  const out = join(dir, 'client.trellis')
  try {
    // A clone where the file system can make one (APFS, btrfs, xfs): no bytes copied.
    copyFileSync(path, out, constants.COPYFILE_FICLONE)
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${out}-wal`, constants.COPYFILE_FICLONE)
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
  return { path: out, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** One file, start to finish. Never throws: a file that cannot be read becomes a skip with its reason. */
export function aggregateFile(task: FileTask): FileResult {
  let db: Database.Database | null = null
  let copy: { path: string; remove(): void } | null = null
  try {
    if (!task.image) {
      requirePresent(task.path)
      copy = privateCopy(task.path)
    }
    db = openReadOnly(copy ? { ...task, path: copy.path } : task)
    const rows = readRows(db, task.asOf, new Set(models.keys()))
    db.close()
    db = null
    return { clientId: task.clientId, ok: true, ...reduceRows(rows, task.asOf) }
  } catch (err) {
    if (err instanceof Skip) return { clientId: task.clientId, ok: false, reason: err.reason, message: err.message }
    const code = (err as { code?: string }).code ?? ''
    if (code.startsWith('SQLITE_CORRUPT')) return { clientId: task.clientId, ok: false, reason: 'file-corrupt', message: 'The client file is truncated or damaged.' }
    // A table or column this reader expects is missing: the file's schema does not match its version number.
    // SQLite's own words name the table or column, never the file's data.
    const detail = code === 'SQLITE_ERROR' ? `${code}: ${(err as Error).message}` : code || 'unexpected content'
    return { clientId: task.clientId, ok: false, reason: 'unreadable', message: `The client file could not be read (${detail}).` }
  } finally {
    db?.close()
    copy?.remove()
  }
}

const rawSeen = new Set<string>()
/** The raw cost the benchmark is compared with: open and run the same statements (snapshots read once too), no reduction. */
export function rawReadFile(task: FileTask): void {
  const db = openReadOnly(task)
  try {
    const r = readRows(db, task.asOf, rawSeen)
    if (r.assessment) rawSeen.add(modelKey(r.assessment.model_id, r.assessment.model_version))
  } finally {
    db.close()
  }
}

export { AGGREGATE_VERSION }
