import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a GitHub Actions workflow this runner reads. */
export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number | boolean>;
}
export interface Job {
  'runs-on': string;
  'timeout-minutes'?: number;
  defaults?: { run?: { shell?: string } };
  steps: Step[];
}
export interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

/** What `${{ … }}` expressions read. */
export interface Contexts {
  secrets: Record<string, string>;
  github: Record<string, string>;
}

/** A `uses:` step played by the test: what it does on this runner, and the outputs it sets. */
export type ActionStandIn = (step: Step, inputs: Record<string, string>) => Promise<Record<string, string> | void>;

export interface JobResult {
  /** Every step's output, in order. */
  log: string;
  /** The name of the step that failed (a job stops there, as on GitHub), or null. */
  failed: string | null;
  ran: string[];
  outputs: Record<string, Record<string, string>>;
}

const EXPRESSION = /\$\{\{\s*([\w.-]+)\s*\}\}/g;

/** GitHub's `shell: bash`: a script file run with `bash --noprofile --norc -eo pipefail`. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv, scratch: string, n: number): Promise<{ status: number | null; output: string }> {
  const file = join(scratch, `step-${n}.sh`);
  writeFileSync(file, script);
  return new Promise((done) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', file], { cwd, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => done({ status, output }));
  });
}

/**
 * Run one job of a workflow, step by step, as a GitHub runner would: `run:` steps with the job's
 * shell, the workflow's, job's and step's env, `${{ … }}` expressions, `$GITHUB_OUTPUT`, step-level
 * `if: env.X == '…'` / `!=`; `uses:` steps by the stand-ins given (any other action fails the job).
 * Stops at the first failing step.
 */
export async function runJob(wf: Workflow, jobName: string, o: { cwd: string; scratch: string; env: NodeJS.ProcessEnv; contexts: Contexts; actions: Record<string, ActionStandIn> }): Promise<JobResult> {
  const job = wf.jobs[jobName];
  if (!job) throw new Error(`no job ${jobName}`);
  if (job.defaults?.run?.shell !== 'bash') throw new Error(`job ${jobName} must run its steps with shell: bash (it has ${job.defaults?.run?.shell})`);
  const outputs: Record<string, Record<string, string>> = {};
  const result: JobResult = { log: '', failed: null, ran: [], outputs };
  const lookup = (path: string, env: Record<string, string>): string => {
    const [scope, ...rest] = path.split('.');
    const value =
      scope === 'secrets' ? o.contexts.secrets[rest.join('.')] ?? ''
      : scope === 'github' ? o.contexts.github[rest.join('.')]
      : scope === 'env' ? env[rest.join('.')]
      : scope === 'steps' && rest[1] === 'outputs' ? outputs[rest[0]!]?.[rest[2]!]
      : undefined;
    if (value === undefined) throw new Error(`the workflow reads \${{ ${path} }}, which this runner does not know`);
    return value;
  };
  const expand = (text: string, env: Record<string, string>) => text.replace(EXPRESSION, (_, path: string) => lookup(path, env));
  const wfEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(wf.env ?? {})) wfEnv[k] = expand(String(v), wfEnv);
  for (const [n, step] of job.steps.entries()) {
    const label = step.name ?? step.uses ?? `step ${n}`;
    const env: Record<string, string> = { ...wfEnv };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v), env);
    if (step.if !== undefined) {
      const m = /^env\.(\w+)\s*(==|!=)\s*'([^']*)'$/.exec(step.if.trim());
      if (!m) throw new Error(`this runner reads only if: env.X == 'v' or !=, not ${step.if}`);
      if ((env[m[1]!] === m[3]) !== (m[2] === '==')) continue;
    }
    result.ran.push(label);
    if (step.uses) {
      const action = step.uses.replace(/@.*$/, '');
      const standIn = o.actions[action];
      if (!standIn) throw new Error(`no stand-in for ${step.uses}`);
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), env)]));
      const set = await standIn(step, inputs);
      if (set && step.id) outputs[step.id] = set;
      continue;
    }
    const outFile = join(o.scratch, `output-${n}`);
    writeFileSync(outFile, '');
    const r = await bash(expand(step.run!, env), o.cwd, { ...o.env, ...env, GITHUB_OUTPUT: outFile }, o.scratch, n);
    result.log += `## ${label}\n${r.output}`;
    if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    if (r.status !== 0) {
      result.failed = label;
      break;
    }
  }
  return result;
}
