/**
 * The consultant's maturity models, kept at vault level (not in any client file, since a model is the
 * consultant's intellectual property shared across clients). One file, `maturity-models.enc`, AES-256-GCM with a
 * key derived from the vault key, rewritten atomically. Every save adds a version; versions are never changed,
 * so an assessment's (model id, version) always names exactly one content. The built-in default is version 1 of
 * `trellis-default` and needs no file.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_MODEL, DEFAULT_MODEL_ID, type MaturityModel, type MaturityModelContent } from '../../../shared/domain/maturity'
import { maturityDimensionSchema } from '../../../shared/domain/maturitySchema'
import type { ModelSummary } from '../../../shared/ipc/contract'
import { AppError } from '../errors'
import { writeFileAtomic } from '../fsutil'
import { subkey, unwrap, wrap } from '../vault/keys'
import type { Session } from './session'

const AAD = 'trellis:maturity-models:v1'

const storedVersion = z.object({
  version: z.number().int().min(1),
  name: z.string(),
  dimensions: z.array(maturityDimensionSchema),
  createdAt: z.string()
})
const storeSchema = z.object({
  v: z.literal(1),
  models: z.array(z.object({ id: z.string(), versions: z.array(storedVersion) }))
})
type Store = z.infer<typeof storeSchema>

export class MaturityModelService {
  constructor(private readonly session: Session) {}

  private get path(): string {
    return join(this.session.vault.dir, 'maturity-models.enc')
  }

  private key(): Buffer {
    return subkey(this.session.vault.key(), 'maturity-models')
  }

  private read(): Store {
    const key = this.key()
    if (!existsSync(this.path)) return { v: 1, models: [] }
    let parsed: unknown
    try {
      const raw = JSON.parse(readFileSync(this.path, 'utf8'))
      const plain = unwrap(key, raw, AAD)
      if (!plain) throw new Error('tag')
      parsed = JSON.parse(plain.toString('utf8'))
    } catch {
      throw new AppError('FILE_CORRUPT', 'The file holding your maturity models is damaged and cannot be read. Your assessments are safe: each keeps a copy of its model.')
    }
    const store = storeSchema.safeParse(parsed)
    if (!store.success)
      throw new AppError('FROM_FUTURE_VERSION', 'Your maturity models were saved by a newer version of Trellis; update Trellis to edit them.')
    return store.data
  }

  private write(store: Store): void {
    writeFileAtomic(this.path, JSON.stringify(wrap(this.key(), Buffer.from(JSON.stringify(store)), AAD)))
  }

  list(): ModelSummary[] {
    const store = this.read()
    const out: ModelSummary[] = []
    const stored = store.models.find((m) => m.id === DEFAULT_MODEL_ID)
    const defaultVersions = [1, ...(stored?.versions.map((v) => v.version) ?? [])]
    const lastDefault = stored?.versions.at(-1)
    out.push({
      id: DEFAULT_MODEL_ID,
      name: lastDefault?.name ?? DEFAULT_MODEL.name,
      version: Math.max(...defaultVersions),
      versions: defaultVersions,
      builtIn: true,
      updatedAt: lastDefault?.createdAt ?? null
    })
    for (const m of store.models) {
      if (m.id === DEFAULT_MODEL_ID) continue
      const last = m.versions.at(-1)!
      out.push({ id: m.id, name: last.name, version: last.version, versions: m.versions.map((v) => v.version), builtIn: false, updatedAt: last.createdAt })
    }
    return out
  }

  /** One exact version (the newest when `version` is omitted). */
  get(modelId: string, version?: number): MaturityModel {
    const store = this.read()
    const m = store.models.find((x) => x.id === modelId)
    if (modelId === DEFAULT_MODEL_ID && (version === 1 || (version === undefined && !m?.versions.length))) return DEFAULT_MODEL
    if (!m) throw new AppError('NOT_FOUND', `There is no maturity model “${modelId}” in this vault.`)
    const v = version === undefined ? m.versions.at(-1) : m.versions.find((x) => x.version === version)
    if (!v) throw new AppError('NOT_FOUND', `The maturity model “${modelId}” has no version ${version}.`)
    return { id: m.id, version: v.version, name: v.name, dimensions: v.dimensions }
  }

  /**
   * Saves a new version (or a new model when `modelId` is absent). `baseVersion` is the version the editor started
   * from: if someone saved a newer one meanwhile, the save is refused instead of silently discarding their edit.
   */
  save(modelId: string | undefined, baseVersion: number | undefined, content: MaturityModelContent): MaturityModel {
    const store = this.read()
    const now = new Date().toISOString()
    if (modelId === undefined) {
      const id = `m-${now.slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`
      store.models.push({ id, versions: [{ version: 1, name: content.name, dimensions: content.dimensions, createdAt: now }] })
      this.write(store)
      return { id, version: 1, ...content }
    }
    let m = store.models.find((x) => x.id === modelId)
    if (!m) {
      if (modelId !== DEFAULT_MODEL_ID) throw new AppError('NOT_FOUND', `There is no maturity model “${modelId}” in this vault.`)
      m = { id: DEFAULT_MODEL_ID, versions: [] }
      store.models.unshift(m)
    }
    const latest = m.versions.at(-1)?.version ?? 1
    if (baseVersion !== undefined && baseVersion !== latest)
      throw new AppError(
        'CONFLICT',
        `This model was changed since you opened it (you edited version ${baseVersion}, the newest is ${latest}). Reopen it and apply your edits again.`
      )
    const version = latest + 1
    m.versions.push({ version, name: content.name, dimensions: content.dimensions, createdAt: now })
    this.write(store)
    return { id: m.id, version, ...content }
  }

  /** Whether this vault holds exactly this content under this (id, version). */
  matches(model: MaturityModel): 'same' | 'different' | 'unknown' {
    try {
      const mine = this.get(model.id, model.version)
      return JSON.stringify(mine.dimensions) === JSON.stringify(model.dimensions) ? 'same' : 'different'
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return 'unknown'
      throw err
    }
  }
}
