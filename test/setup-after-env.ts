import { lintSynthesizedTemplates } from './util/synth';

// Every template a test file synthesizes with synth() must pass cfn-lint.
afterAll(() => lintSynthesizedTemplates());
