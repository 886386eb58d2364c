#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ (npm run build, run by `npm ci` through "prepare").
import { main } from '../dist/cli/bin.js';

await main();
