import { z } from 'zod';

// zod probes for `new Function` to compile fast parsers. The page's CSP has no
// 'unsafe-eval', so the probe would fail anyway and be reported as a CSP
// violation; jitless mode skips it. Imported first by main.tsx, before any parse.
z.config({ jitless: true });
