import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerApply } from './apply.js';
import { registerDemo } from './demo.js';
import { registerDiff } from './diff.js';
import { registerEmulator } from './emulator.js';
import { registerErlang } from './erlang.js';
import { registerExport } from './export.js';
import { registerInit } from './init.js';
import { registerPlan } from './plan.js';
import { registerValidate } from './validate.js';

export function registerCommands(program: Command, ctx: CliContext): void {
  registerInit(program, ctx);
  registerExport(program, ctx);
  registerValidate(program, ctx);
  registerDiff(program, ctx);
  registerApply(program, ctx);
  registerPlan(program, ctx);
  registerErlang(program, ctx);
  registerEmulator(program, ctx);
  registerDemo(program, ctx);
}
