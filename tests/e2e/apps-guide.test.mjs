// The app developers' guide's examples (docs/apps.md), run as written against a dev node: every
// block fenced as `js`, in order, as one script in a process of its own (the blocks share their
// variables; their imports go to the top), so a connection a failed block leaves open cannot
// hold the test. A renamed call, event or view function fails here before it misleads a
// reader; the failure names the block and its first line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startNode } from './lib.mjs';

let node;

before(async () => {
  node = await startNode(['--dev'], 'apps-guide');
});

after(async () => {
  if (node) await node.stop();
});

/** The guide's `js` blocks, each as its import lines and the rest. */
function guideBlocks() {
  const md = readFileSync(join(ROOT, 'docs', 'apps.md'), 'utf8');
  return [...md.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => {
    const lines = m[1].split('\n');
    return {
      first: (lines.find((l) => l.trim() && !l.startsWith('import ')) ?? '').trim(),
      imports: lines.filter((l) => l.startsWith('import ')),
      body: lines.filter((l) => !l.startsWith('import ')).join('\n'),
    };
  });
}

test("the app developers' guide's examples run against a dev node", { timeout: 180_000 }, () => {
  const blocks = guideBlocks();
  assert.ok(blocks.length >= 10, `the guide has its examples: ${blocks.length} blocks`);
  const source = [
    "import assert from 'node:assert/strict';",
    ...new Set(blocks.flatMap((b) => b.imports)),
    'const url = process.argv[2];',
    'let block = 0;',
    'try {',
    ...blocks.map((b, i) => `block = ${i};\n${b.body}`),
    '} catch (e) {',
    "  console.error(`::failed ${block}`);",
    '  console.error(e);',
    '  process.exit(1);',
    '}',
    "console.log('::every block ran');",
    'process.exit(0);',
  ].join('\n');
  // Inside tests/ so that the blocks' packages resolve from the workspace's node_modules.
  const file = join(ROOT, 'tests', 'e2e', `.apps-guide-${process.pid}.mjs`);
  writeFileSync(file, source);
  try {
    const run = spawnSync(process.execPath, [file, node.url], { encoding: 'utf8', timeout: 150_000 });
    const failed = Number(run.stderr.match(/^::failed (\d+)$/m)?.[1] ?? NaN);
    const where = Number.isNaN(failed) ? '' : `docs/apps.md, block ${failed + 1} of ${blocks.length} (${blocks[failed].first}): `;
    assert.equal(run.status, 0, `${where}${run.stderr.slice(-3000) || run.error}`);
    assert.match(run.stdout, /^::every block ran$/m);
  } finally {
    rmSync(file, { force: true });
  }
});
