import { readAction } from './__testUtils__/runAction';

/** Every `${{ inputs.x }}` in the steps. */
function inputsRead(action: any): Set<string> {
  const text = JSON.stringify(action.runs.steps);
  return new Set(
    [...text.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)].map(m => m[1]),
  );
}

describe('actions/release-orchestration/action.yml', () => {
  it('declares exactly the inputs its steps read', async () => {
    const action = await readAction();
    expect([...inputsRead(action)].sort()).toEqual(
      Object.keys(action.inputs).sort(),
    );
  });

  it('declares exactly the outputs its steps write', async () => {
    const action = await readAction();
    const run = action.runs.steps.find((s: any) => s.id === 'run');
    const written = new Set(
      [...String(run.run).matchAll(/echo "([\w-]+)(?:=|<<)/g)].map(m => m[1]),
    );
    expect([...written].sort()).toEqual(Object.keys(action.outputs).sort());
    for (const [name, output] of Object.entries<any>(action.outputs)) {
      expect(output.value).toBe(`\${{ steps.run.outputs.${name} }}`);
    }
  });

  it('maps every input the script reads to its env, and reads every one it maps', async () => {
    const action = await readAction();
    const run = action.runs.steps.find((s: any) => s.id === 'run');
    const used = new Set(
      [...String(run.run).matchAll(/\$\{?(INPUT_[A-Z_]+)/g)].map(m => m[1]),
    );
    const mapped = Object.keys(run.env).filter(k => k.startsWith('INPUT_'));
    expect([...used].sort()).toEqual(mapped.sort());
    for (const key of mapped) {
      expect(run.env[key]).toBe(
        `\${{ inputs.${key
          .slice('INPUT_'.length)
          .toLowerCase()
          .replace(/_/g, '-')} }}`,
      );
    }
  });
});
