// Sums every suite's JSON report in a folder into one line: `N passed, N failed, N skipped`.
// Understands vitest's and Playwright's JSON reporters and the small {passed, failed, skipped} files of the checks.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2] ?? '.reports'
let passed = 0
let failed = 0
let skipped = 0

function countPlaywright(suites) {
  for (const s of suites ?? []) {
    for (const spec of s.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const st = t.status // expected | unexpected | flaky | skipped
        if (st === 'skipped') skipped++
        else if (st === 'expected' || st === 'flaky') passed++
        else failed++
      }
    }
    countPlaywright(s.suites)
  }
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'))
  const before = [passed, failed, skipped]
  if ('numTotalTests' in r) {
    passed += r.numPassedTests
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)
    skipped += r.numPendingTests + r.numTodoTests
  } else if ('suites' in r) {
    countPlaywright(r.suites)
    failed += (r.errors ?? []).length
  } else if (['passed', 'failed', 'skipped'].every((k) => Number.isInteger(r[k]))) {
    passed += r.passed
    failed += r.failed
    skipped += r.skipped
  } else {
    // Other JSON in the folder (e.g. figures an e2e test records) is not a suite report.
    continue
  }
  console.log(`  ${file.padEnd(22)} ${passed - before[0]} passed, ${failed - before[1]} failed, ${skipped - before[2]} skipped`)
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || !Number.isFinite(passed + failed + skipped) ? 1 : 0)
