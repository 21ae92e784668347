/** The trust list's heading; focus returns here after a key is removed. */
export const SIGNERS_HEADING_ID = 'signers-heading';
