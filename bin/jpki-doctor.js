#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
