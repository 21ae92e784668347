// The doctor's front door: what this machine can do, for the CLI's
// `countersign doctor` and the start screen (`machine:check`).
export { checkMachine, type MachineCheckOptions } from './machineReport';
export { createDoctorHandlers } from './doctorHandlers';
