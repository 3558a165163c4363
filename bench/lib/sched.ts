/**
 * The kernel's scheduler statistics (`/proc/<pid>/task/<tid>/schedstat`: nanoseconds run, nanoseconds waited on a
 * run queue), so a figure taken on a machine shared with other busy processes can leave out the time spent waiting
 * for a core. Linux only; elsewhere the helpers return nothing and the figures show wall and CPU time only.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** This process and, with `tree`, every process it started (Chromium's browser, renderer and helper processes). */
export function processIds(tree: boolean): string[] {
  if (!tree) return [String(process.pid)]
  const parent = new Map<string, string>()
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after the command name, which is in parentheses and may itself contain spaces or parentheses.
      parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    } catch {
      // The process ended between the listing and the read.
    }
  }
  const out = [String(process.pid)]
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid)
  return out
}

/** [nanoseconds run, nanoseconds waited on a run queue] of one thread (`/proc/<pid>/task/<tid>/schedstat`). */
export function schedstat(pid: string, tid: string): [number, number] | null {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number)
    return [run, wait]
  } catch {
    return null // not Linux, or the thread ended
  }
}

/** Nanoseconds run so far by each thread of this process and the processes it started. */
export function treeRunTimes(): Map<string, number> {
  const out = new Map<string, number>()
  for (const pid of processIds(true)) {
    let tids: string[] = []
    try {
      tids = readdirSync(`/proc/${pid}/task`)
    } catch {
      continue
    }
    for (const tid of tids) {
      const st = schedstat(pid, tid)
      if (st) out.set(`${pid}/${tid}`, st[0])
    }
  }
  return out
}

/** schedstat of every thread of this process, by thread id. */
export function ownThreads(): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>()
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const st = schedstat(String(process.pid), tid)
      if (st) out.set(tid, st)
    }
  } catch {
    // not Linux
  }
  return out
}

/**
 * Time lost waiting for a core: the main thread's wait (exact: it runs at both ends of the window), plus, when most
 * of the work ran on one other thread while the main thread awaited it (scrypt in the libuv pool), that thread's
 * wait. Other threads' waits are left out: they may overlap the main thread's work or predate the window.
 */
export function queuedBetween(before: Map<string, [number, number]>, after: Map<string, [number, number]>): number {
  const me = String(process.pid)
  const d = (tid: string) => {
    const [r0, w0] = before.get(tid) ?? [0, 0]
    const [r1, w1] = after.get(tid) ?? [r0, w0]
    return { run: r1 - r0, wait: w1 - w0 }
  }
  if (!before.has(me) || !after.has(me)) return NaN
  const main = d(me)
  let busiest = { run: 0, wait: 0 }
  for (const tid of after.keys()) if (tid !== me && d(tid).run > busiest.run) busiest = d(tid)
  return (main.wait + (busiest.run > main.run ? busiest.wait : 0)) / 1e6
}

/** Main thread of each Chromium renderer process this process started: pid → [run, wait] nanoseconds. */
export function rendererMainThreads(): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>()
  for (const pid of processIds(true)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue
    } catch {
      continue
    }
    const st = schedstat(pid, pid)
    if (st) out.set(pid, st)
  }
  return out
}

/**
 * The renderer main thread that did the most work between two snapshots (the one that loaded the page): its CPU
 * and its run-queue wait in milliseconds.
 */
export function busiestRenderer(
  before: Map<string, [number, number]>,
  after: Map<string, [number, number]>
): { cpu: number; queued: number } | null {
  let best: { cpu: number; queued: number } | null = null
  for (const [pid, [r1, w1]] of after) {
    const [r0, w0] = before.get(pid) ?? [0, 0]
    if (!best || r1 - r0 > best.cpu) best = { cpu: r1 - r0, queued: w1 - w0 }
  }
  return best && { cpu: best.cpu / 1e6, queued: best.queued / 1e6 }
}
