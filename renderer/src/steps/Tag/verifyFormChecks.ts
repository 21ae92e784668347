import { TAG_NAME_RULES, tagNameSchema, verifyTagRequestSchema } from '../../../../shared/tags';

export interface VerifyFormProblems {
  tag?: string;
  commit?: string;
}

const commitSchema = verifyTagRequestSchema.shape.expectCommit;

/**
 * Checks the form before anything is sent, with the same schemas the engine
 * applies, so a typo is explained beside its field instead of as a refusal.
 */
export function checkVerifyForm(tag: string, commit: string): VerifyFormProblems {
  const problems: VerifyFormProblems = {};
  const trimmedTag = tag.trim();
  if (trimmedTag === '') problems.tag = 'Choose a tag from the list or type its name.';
  else if (!tagNameSchema.safeParse(trimmedTag).success)
    problems.tag = `This is not a tag name git accepts (${TAG_NAME_RULES}).`;
  const trimmedCommit = commit.trim().toLowerCase();
  if (trimmedCommit !== '' && !commitSchema.safeParse(trimmedCommit).success)
    problems.commit =
      'Give the full commit SHA: 40 hexadecimal characters (64 for SHA-256 repositories).';
  return problems;
}
