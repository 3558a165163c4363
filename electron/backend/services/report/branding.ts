/**
 * The consultant's report branding (firm name, logo, accent colour, confidentiality line). It belongs to the
 * consultant, not to a client, so like the journey templates it lives in the vault folder
 * (`settings/branding.json`), encrypted with a key derived from the vault key, never in a client file.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { DEFAULT_BRANDING, type Branding } from '../../../../shared/report/model'
import { brandingSchema } from '../../../../shared/ipc/channels/report'
import { AppError, toAppError } from '../../errors'
import { writeFileAtomic } from '../../fsutil'
import { subkey, unwrap, wrap } from '../../vault/keys'
import type { Session } from '../session'

const fileSchema = z.object({ v: z.literal(1), data: z.object({ iv: z.string(), tag: z.string(), ct: z.string() }) })
const AAD = 'report-branding'

export class BrandingStore {
  constructor(private readonly session: Session) {}

  get path(): string {
    return join(this.session.vault.dir, 'settings', 'branding.json')
  }

  private key(): Buffer {
    return subkey(this.session.vault.key(), 'report-branding')
  }

  get(): Branding {
    const key = this.key()
    if (!existsSync(this.path)) return { ...DEFAULT_BRANDING }
    try {
      const file = fileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8')))
      const plain = unwrap(key, file.data, AAD)
      if (!plain) throw new Error('tag mismatch')
      return { ...DEFAULT_BRANDING, ...brandingSchema.partial().parse(JSON.parse(plain.toString('utf8'))) }
    } catch {
      throw new AppError('FILE_CORRUPT', 'Your report branding file is damaged or belongs to another vault; it was left as it is.')
    }
  }

  update(patch: Partial<Branding>): Branding {
    this.session.requireWritable()
    const next: Branding = { ...this.get(), ...patch }
    try {
      mkdirSync(join(this.session.vault.dir, 'settings'), { recursive: true, mode: 0o700 })
      writeFileAtomic(this.path, JSON.stringify({ v: 1, data: wrap(this.key(), Buffer.from(JSON.stringify(next), 'utf8'), AAD) }))
    } catch (err) {
      throw toAppError(err, 'Saving the report branding')
    }
    return next
  }
}
