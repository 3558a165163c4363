// Renders resources/icon.svg to the PNG sizes the installers need, with Debian's Chromium (no downloads):
// resources/icon.png (1024, macOS .icns and Windows .ico are derived from it by electron-builder) and
// resources/icons/NxN.png (Linux AppImage and deb). Run after editing the SVG: node scripts/make-icons.mjs
import { readFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const svg = readFileSync(join(root, 'resources/icon.svg'), 'utf8')
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
})
const page = await browser.newPage()
mkdirSync(join(root, 'resources/icons'), { recursive: true })
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size })
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`)
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
  const { writeFileSync } = await import('node:fs')
  writeFileSync(join(root, `resources/icons/${size}x${size}.png`), png)
  if (size === 1024) writeFileSync(join(root, 'resources/icon.png'), png)
}
await browser.close()
console.log(`icons: ${SIZES.join(', ')} px`)
