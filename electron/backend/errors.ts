/** Maps low-level failures (SQLite, file system) to the contract's error codes with a human message. */
import { AppError } from '../../shared/ipc/errors'

export { AppError }

interface CodedError {
  code?: unknown
  message?: unknown
}

export function toAppError(err: unknown, context = 'The operation'): AppError {
  if (err instanceof AppError) return err
  const code = typeof (err as CodedError)?.code === 'string' ? ((err as CodedError).code as string) : ''
  if (code === 'ENOSPC' || code === 'SQLITE_FULL')
    return new AppError('DISK_FULL', `${context} failed: the disk is full. Nothing was changed; free some space and try again.`)
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY'))
    return new AppError('READ_ONLY', `${context} failed: the vault folder cannot be written (permission denied or read-only disk).`)
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return new AppError('FILE_CORRUPT', `${context} failed: the client file is damaged (part of it fails its integrity check). Restore it from a backup.`)
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new AppError('VAULT_BUSY', `${context} failed: another Trellis process is writing this file. Try again in a moment.`)
  if (code === 'SQLITE_CANTOPEN')
    return new AppError('IO', `${context} failed: a file cannot be created or opened there (no permission, a read-only disk, or a missing folder).`)
  if (code === 'ENOENT') return new AppError('FILE_MISSING', `${context} failed: a file it needs is missing.`)
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return new AppError('IO', `${context} failed: the disk reported an input/output error.`)
  return new AppError('INTERNAL', `${context} failed unexpectedly. Details are in the log.`)
}
