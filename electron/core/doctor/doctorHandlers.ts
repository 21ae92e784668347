import type { ChannelHandlers } from '../lib/project/projectContext';
import { checkMachine, type MachineCheckOptions } from './machineReport';

/**
 * The machine's channel: which tools are present and usable. It needs no open
 * project, so the start screen can say what cannot run before anything starts.
 */
export function createDoctorHandlers(
  options: MachineCheckOptions = {},
): ChannelHandlers<'machine:check'> {
  return {
    'machine:check': () => checkMachine(options),
  };
}
