// Entry of the bundled card-reading child (out/cli/probe-child.mjs): see probeInChild.ts.
import { runProbeChild } from './probeInChild';
import { finish } from './stdio';

await finish(await runProbeChild(process.argv.slice(2)));
