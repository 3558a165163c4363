/** Error codes that cross the process boundary. Stacks stay in the backend log. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'VAULT_NOT_FOUND',
  'VAULT_EXISTS',
  'VAULT_LOCKED',
  'VAULT_BUSY',
  'KEY_INVALID',
  'FILE_CORRUPT',
  'FILE_FOREIGN',
  'FILE_MISSING',
  'FROM_FUTURE_VERSION',
  'NOT_FOUND',
  'CONFLICT',
  'DISK_FULL',
  'READ_ONLY',
  'IO',
  'CANCELLED',
  'BACKEND_RESTARTED',
  'KEYCHAIN_UNAVAILABLE',
  'FORBIDDEN',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorShape {
  code: ErrorCode
  message: string
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape }

/** Thrown inside the backend; turned into `{ ok: false, error }` at the boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'AppError'
  }
  toShape(): AppErrorShape {
    return { code: this.code, message: this.message }
  }
}

export function isAppErrorShape(v: unknown): v is AppErrorShape {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as AppErrorShape).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as AppErrorShape).code) &&
    typeof (v as AppErrorShape).message === 'string'
  )
}
