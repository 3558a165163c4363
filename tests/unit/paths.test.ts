import { describe, expect, it } from 'vitest'
import { defaultVaultDir } from '../../electron/backend/paths'

// Electron's app.getPath('userData') is <appData>/<productName>; appData is %APPDATA%, ~/Library/Application Support,
// or $XDG_CONFIG_HOME (else ~/.config).
describe('defaultVaultDir matches the app’s user-data folder', () => {
  it('on Linux, honouring an absolute XDG_CONFIG_HOME', () => {
    expect(defaultVaultDir('linux', {}, '/home/dana')).toBe('/home/dana/.config/Trellis/vault')
    expect(defaultVaultDir('linux', { XDG_CONFIG_HOME: '/data/cfg' }, '/home/dana')).toBe('/data/cfg/Trellis/vault')
    expect(defaultVaultDir('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/dana')).toBe('/home/dana/.config/Trellis/vault')
  })
  it('on macOS', () => {
    expect(defaultVaultDir('darwin', {}, '/Users/dana')).toBe('/Users/dana/Library/Application Support/Trellis/vault')
  })
  it('on Windows', () => {
    expect(defaultVaultDir('win32', { APPDATA: 'C:\\Users\\dana\\AppData\\Roaming' }, 'C:\\Users\\dana')).toBe(
      'C:\\Users\\dana\\AppData\\Roaming\\Trellis\\vault'
    )
    expect(defaultVaultDir('win32', {}, 'C:\\Users\\dana')).toBe('C:\\Users\\dana\\AppData\\Roaming\\Trellis\\vault')
  })
})
