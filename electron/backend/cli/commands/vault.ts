import { AppError } from '../../errors'
import { fields, UsageError, type CommandGroup } from '../framework'

export const vaultCommands: CommandGroup = {
  name: 'vault',
  summary: 'Create a vault, see where it is, change its passphrase.',
  commands: [
    {
      name: 'init',
      summary: 'Create a vault and print its recovery key (shown once).',
      usage: '',
      details: 'The passphrase comes from $TRELLIS_PASSPHRASE or --passphrase-file (at least 8 characters).',
      async run(ctx) {
        const passphrase = ctx.passphrase()
        const { recoveryKey } = await ctx.call('vault.create', { passphrase })
        const location = ctx.vaultDir
        return {
          data: { location, recoveryKey },
          text: [
            `Vault created in ${location}`,
            '',
            'Recovery key (shown only this once):',
            '',
            `    ${recoveryKey}`,
            '',
            'Store it somewhere safe, away from this computer (a password manager, or printed and filed).',
            'It unlocks the vault if the passphrase is lost; without both, the data cannot be recovered.'
          ].join('\n')
        }
      }
    },
    {
      name: 'status',
      summary: 'Show where the vault is and whether it exists.',
      usage: '',
      async run(ctx) {
        const status = await ctx.call('vault.status', {})
        if (!status.exists)
          return {
            data: { exists: false, location: status.location },
            text: fields([
              ['Vault', status.location],
              ['Exists', 'no (create one with `trellis vault init`)']
            ])
          }
        const header = ctx.backend.session.vault.readHeader()
        const clientFiles = ctx.backend.session.clientFileIds().length
        const data = {
          exists: true,
          location: status.location,
          vaultId: header.vaultId,
          createdAt: header.createdAt,
          formatVersion: header.version,
          clientFiles,
          kdf: { alg: header.kdf.alg, N: header.kdf.N, r: header.kdf.r, p: header.kdf.p }
        }
        return {
          data,
          text: fields([
            ['Vault', data.location],
            ['Exists', 'yes'],
            ['Vault id', data.vaultId],
            ['Created', data.createdAt],
            ['Client files', clientFiles],
            ['Key stretching', `scrypt N=${header.kdf.N} r=${header.kdf.r} p=${header.kdf.p}`]
          ])
        }
      }
    },
    {
      name: 'change-passphrase',
      summary: 'Set a new passphrase (client files are not rewritten).',
      usage: '[--new-passphrase-file FILE]',
      options: { 'new-passphrase-file': { type: 'string' } },
      details: [
        'The current passphrase comes from $TRELLIS_PASSPHRASE or --passphrase-file; the new one from',
        '$TRELLIS_NEW_PASSPHRASE or --new-passphrase-file (at least 8 characters). Lost the passphrase? Give',
        '--recovery-key-file FILE instead of the current passphrase.'
      ].join('\n'),
      async run(ctx) {
        const next = ctx.secret('new-passphrase-file', 'TRELLIS_NEW_PASSPHRASE')
        if (next === undefined)
          throw new UsageError('No new passphrase: set TRELLIS_NEW_PASSPHRASE or pass --new-passphrase-file FILE.')
        const recoveryKey = ctx.secret('recovery-key-file')
        if (recoveryKey !== undefined) {
          await ctx.call('vault.resetPassphrase', { recoveryKey, next })
          return { data: { changed: true }, text: 'Passphrase set with the recovery key. The recovery key still works.' }
        }
        const current = ctx.passphrase()
        if (current === next) throw new AppError('VALIDATION', 'The new passphrase is the same as the current one.')
        await ctx.call('vault.changePassphrase', { current, next })
        return { data: { changed: true }, text: 'Passphrase changed. The recovery key is unchanged.' }
      }
    }
  ]
}
