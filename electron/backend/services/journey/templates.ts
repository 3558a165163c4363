/**
 * The consultant's own journey templates. They belong to the consultant, not to any client, so they live in the
 * vault folder (`templates/journeys.json`), encrypted with a key derived from the vault key. The index database
 * would be the wrong home: it is a rebuildable cache that may be deleted. A client's roadmap is a copy of a
 * template, so editing the roadmap never changes the template.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_JOURNEY, DEFAULT_TEMPLATE_ID, MILESTONE_KIND_KEYS, OWNER_SIDES, type JourneyTemplate } from '../../../../shared/domain/journey'
import type { TemplateSummary } from '../../../../shared/ipc/channels/journey'
import { AppError, toAppError } from '../../errors'
import { writeFileAtomic } from '../../fsutil'
import { subkey, unwrap, wrap } from '../../vault/keys'
import type { Session } from '../session'

const templateSchema = z.object({
  name: z.string(),
  stages: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      objectives: z.array(z.string()),
      exitCriteria: z.array(z.string()),
      milestones: z.array(
        z.object({
          title: z.string(),
          kind: z.enum(MILESTONE_KIND_KEYS),
          owner: z.enum(OWNER_SIDES),
          startOffset: z.number().int(),
          durationDays: z.number().int().min(0),
          dependsOn: z.array(z.string()).optional()
        })
      )
    })
  )
})
const storeSchema = z.object({
  v: z.literal(1),
  templates: z.array(z.object({ id: z.string(), updatedAt: z.string(), template: templateSchema }))
})
type Store = z.infer<typeof storeSchema>
const fileSchema = z.object({ v: z.literal(1), data: z.object({ iv: z.string(), tag: z.string(), ct: z.string() }) })
const AAD = 'journey-templates'

function summary(id: string, t: JourneyTemplate, builtIn: boolean, updatedAt: string | null): TemplateSummary {
  return {
    id,
    name: t.name,
    builtIn,
    stageCount: t.stages.length,
    milestoneCount: t.stages.reduce((n, s) => n + s.milestones.length, 0),
    updatedAt
  }
}

export class JourneyTemplates {
  constructor(private readonly session: Session) {}

  get path(): string {
    return join(this.session.vault.dir, 'templates', 'journeys.json')
  }

  private key(): Buffer {
    return subkey(this.session.vault.key(), 'journey-templates')
  }

  private read(): Store {
    const key = this.key()
    if (!existsSync(this.path)) return { v: 1, templates: [] }
    try {
      const file = fileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')))
      const plain = unwrap(key, file.data, AAD)
      if (!plain) throw new Error('tag mismatch')
      return storeSchema.parse(JSON.parse(plain.toString('utf8')))
    } catch {
      throw new AppError('FILE_CORRUPT', 'Your journey templates file is damaged or belongs to another vault; it was left as it is.')
    }
  }

  private write(store: Store): void {
    const key = this.key()
    try {
      mkdirSync(join(this.session.vault.dir, 'templates'), { recursive: true, mode: 0o700 })
      const data = wrap(key, Buffer.from(JSON.stringify(store), 'utf8'), AAD)
      writeFileAtomic(this.path, JSON.stringify({ v: 1, data }))
    } catch (err) {
      throw toAppError(err, 'Saving the template')
    }
  }

  list(): TemplateSummary[] {
    return [
      summary(DEFAULT_TEMPLATE_ID, DEFAULT_JOURNEY, true, null),
      ...this.read()
        .templates.sort((a, b) => a.template.name.localeCompare(b.template.name))
        .map((t) => summary(t.id, t.template, false, t.updatedAt))
    ]
  }

  get(id: string): JourneyTemplate {
    if (id === DEFAULT_TEMPLATE_ID) return structuredClone(DEFAULT_JOURNEY)
    const t = this.read().templates.find((x) => x.id === id)
    if (!t) throw new AppError('NOT_FOUND', 'There is no such journey template.')
    return t.template
  }

  private assertNameFree(store: Store, name: string, exceptId?: string): void {
    const key = name.toLocaleLowerCase('en')
    if (key === DEFAULT_JOURNEY.name.toLocaleLowerCase('en') || store.templates.some((t) => t.id !== exceptId && t.template.name.toLocaleLowerCase('en') === key))
      throw new AppError('CONFLICT', `A template named “${name}” already exists. Choose another name.`)
  }

  save(template: JourneyTemplate): TemplateSummary {
    const store = this.read()
    this.assertNameFree(store, template.name)
    const entry = { id: `t_${randomUUID()}`, updatedAt: new Date().toISOString(), template: templateSchema.parse(template) }
    store.templates.push(entry)
    this.write(store)
    return summary(entry.id, entry.template, false, entry.updatedAt)
  }

  rename(id: string, name: string): TemplateSummary {
    if (id === DEFAULT_TEMPLATE_ID) throw new AppError('CONFLICT', 'The default journey cannot be renamed; save a copy of a roadmap as your own template instead.')
    const store = this.read()
    const t = store.templates.find((x) => x.id === id)
    if (!t) throw new AppError('NOT_FOUND', 'There is no such journey template.')
    this.assertNameFree(store, name, id)
    t.template.name = name
    t.updatedAt = new Date().toISOString()
    this.write(store)
    return summary(t.id, t.template, false, t.updatedAt)
  }

  delete(id: string): void {
    if (id === DEFAULT_TEMPLATE_ID) throw new AppError('CONFLICT', 'The default journey cannot be deleted.')
    const store = this.read()
    const next = store.templates.filter((x) => x.id !== id)
    if (next.length === store.templates.length) throw new AppError('NOT_FOUND', 'There is no such journey template.')
    this.write({ ...store, templates: next })
  }
}
