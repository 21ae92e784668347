import { createHash, randomBytes } from 'node:crypto';

/**
 * A project's identity: the name its review folders and audit logs are kept
 * under. A display name is not one: two projects may both be called
 * "countersign-hello", and they must never share a signed history. Its form
 * is shared/project.ts's projectIdSchema.
 */
/** The display name as the readable start of an identity: lower case, [a-z0-9-] only. */
function slug(name: string): string {
  const text = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return text === '' ? 'project' : text;
}

/** A fresh identity, chosen at init: the name, then 8 random hex digits. */
export function newProjectId(name: string): string {
  return `${slug(name)}-${randomBytes(4).toString('hex')}`;
}

/**
 * The identity of a project file written before identities existed: its name
 * and a digest of where the file is, so that two such projects with one name
 * still keep apart. It holds as long as the file is not moved; `countersign
 * init` writes one into project.json that always holds.
 */
export function impliedProjectId(name: string, projectFile: string): string {
  const where = createHash('sha256').update(projectFile, 'utf8').digest('hex').slice(0, 8);
  return `${slug(name)}-${where}`;
}
