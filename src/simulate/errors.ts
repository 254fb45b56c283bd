import { RoutingGitopsError } from '../errors.js';

/** Inputs the staffing maths or the what-if cannot work with (negative volumes, a target of 100 %, …). */
export class SimulationError extends RoutingGitopsError {
  constructor(message: string) {
    super('SIMULATION', message);
  }
}
