// StrykerJS configuration for `npm run mutate` (see test/MUTATION.md): mutates the request core and
// runs the compiled core and reliability tests against each mutant. Not part of `npm test`.
//
// STRYKER_SCOPE picks what is mutated: `core` (the default, src/core), `v2` (the 2.x client's
// hand-written core, src/v2 but src/v2/generated), `sandbox` (the sandbox's domain rules: search
// evaluation, upsert, merge) or `resources` (the 1.x resources' shared helpers). Each scope has its
// own test files, incremental file and table.
//
// STRYKER_QUICK=1 leaves out the two slow suites (reliability/faults: about a minute, and
// reliability/pacing), for a run on one file while writing tests.
const quick = process.env.STRYKER_QUICK === '1';
// STRYKER_UNIT=1 runs only the unit tests of test/core (no socket, under a second each): for the small
// modules, where a survivor would otherwise run every HTTP suite that happens to reach it.
const unit = process.env.STRYKER_UNIT === '1';
const unitFiles = [
  'retry-decision',
  'answers',
  'url',
  'concurrency',
  'waits',
  'pipeline-requests',
  'pipeline-waits',
  'client-options',
  'core-rules',
  'validation',
  'api-version',
  'pagination-strategies',
  'page-walk',
  'error-rules',
  'errors',
  'rate-limit-store',
  'redaction',
  'pagination',
  'resource',
  'fetch-transport',
  'node-http-transport',
]
  .map((name) => `.test-build/test/core/${name}.test.js`)
  // Both transports' shared cases, on 127.0.0.1 (about 2 s).
  .concat('.test-build/test/runtimes/transports.test.js');
const slow = ['.test-build/test/reliability/faults.test.js', '.test-build/test/reliability/pacing.test.js'];
const testFiles = [
  // Fast unit tests first: a mutant is killed by the first file that fails.
  '.test-build/test/core/retry-decision.test.js',
  '.test-build/test/core/answers.test.js',
  '.test-build/test/core/url.test.js',
  '.test-build/test/core/concurrency.test.js',
  '.test-build/test/core/waits.test.js',
  '.test-build/test/core/pipeline-requests.test.js',
  '.test-build/test/core/pipeline-waits.test.js',
  '.test-build/test/core/client-options.test.js',
  '.test-build/test/core/core-rules.test.js',
  '.test-build/test/core/pipeline-rules.test.js',
  '.test-build/test/core/validation.test.js',
  '.test-build/test/core/error-rules.test.js',
  '.test-build/test/core/redaction.test.js',
  '.test-build/test/core/rate-limit-store.test.js',
  '.test-build/test/core/pagination.test.js',
  '.test-build/test/core/resource.test.js',
  '.test-build/test/core/fetch-transport.test.js',
  '.test-build/test/core/errors.test.js',
  '.test-build/test/core/api-version.test.js',
  '.test-build/test/core/models.test.js',
  '.test-build/test/core/page-walk.test.js',
  '.test-build/test/core/pagination-strategies.test.js',
  '.test-build/test/core/node-http-transport.test.js',
  '.test-build/test/reliability/bad-input.test.js',
  '.test-build/test/reliability/hostile-answers.test.js',
  '.test-build/test/reliability/timeouts-scroll.test.js',
  '.test-build/test/core/response-fuzz.test.js',
  '.test-build/test/core/pipeline-edges.test.js',
  '.test-build/test/core/rate-limit-pacer.test.js',
  '.test-build/test/core/pacing.test.js',
  '.test-build/test/core/retry-policy.test.js',
  '.test-build/test/core/retries.test.js',
  // The client's options (client-options.ts, runtime.ts) and both transports.
  '.test-build/test/client.test.js',
  '.test-build/test/runtimes/transports.test.js',
  ...(quick ? [] : slow),
];

// The 2.x client's hand-written core: its unit tests first, then the loopback ones.
const v2Files = [
  'request-options',
  'query',
  'page',
  'errors',
  'search-rules',
  'operations',
  'part-rules',
  'client-options',
  'search',
  'parts',
  'client',
  'pagination',
  'official-names',
  'retry-safety',
  'official-sdk-wire',
  'examples',
  'every-operation.wire',
].map((name) => `.test-build/test/v2/${name}.test.js`);
// The sandbox's domain rules: the domain's own unit tests first, then the route suites that reach them.
const sandboxFiles = [
  'domain',
  'domain-search',
  'domain-people',
  'people-search-email',
  'contacts',
  'customers-search',
  'v2/contacts',
  'v2/conversations',
  'v2/tickets',
  'v2/visitors',
  'users-routes',
  'conversations',
].map((name) => `.test-build/test/sandbox/${name}.test.js`);
// The 1.x resources' shared helpers (person fields, write bodies): their own unit test first, then the
// wire suites of the resources that use them (users, contacts, visitors).
const resourceFiles = [
  'resources/person-fields',
  'resources/write-bodies',
  'wire/users',
  'wire/contacts',
  'wire/customers',
  'e2e/visitors',
  'reliability/bad-input',
].map((name) => `.test-build/test/${name}.test.js`);
const scopes = {
  core: { mutate: ['src/core/**/*.ts', '!src/core/models.ts'], testFiles: unit ? unitFiles : testFiles },
  v2: {
    mutate: [
      'src/v2/resource.ts',
      'src/v2/page.ts',
      'src/v2/query.ts',
      'src/v2/search.ts',
      'src/v2/conversation-parts.ts',
      'src/v2/ticket-parts.ts',
      'src/v2/errors.ts',
      'src/v2/request-options.ts',
      'src/v2/client.ts',
    ],
    testFiles: v2Files,
  },
  resources: {
    mutate: ['src/resources/write-bodies.ts', 'src/resources/person-fields.ts'],
    testFiles: resourceFiles,
  },
  sandbox: {
    mutate: [
      'src/sandbox/domain/people-search.ts',
      'src/sandbox/domain/conversation-search.ts',
      'src/sandbox/domain/ticket-search.ts',
      'src/sandbox/domain/contact-lifecycle.ts',
      'src/sandbox/domain/people.ts',
    ],
    testFiles: sandboxFiles,
  },
};
const scope = process.env.STRYKER_SCOPE ?? 'core';
if (!Object.hasOwn(scopes, scope)) throw new Error(`STRYKER_SCOPE=${scope}: one of ${Object.keys(scopes).join(', ')}`);
const suffix = scope === 'core' ? '' : `-${scope}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: scopes[scope].mutate,
  testRunner: 'tap',
  tap: { testFiles: scopes[scope].testFiles, nodeArgs: ['--test-reporter=tap', '{{testFile}}'], forceBail: true },
  // The tests import the package by name (dist/), and run compiled (.test-build/).
  buildCommand: 'node scripts/mutate-build.mjs',
  // scripts/mutate-build.mjs links node_modules itself: Stryker would link it only after the build.
  symlinkNodeModules: false,
  // Stryker rewrites `tsconfigFile` for its sandbox with TypeScript's JavaScript API, which
  // TypeScript 7 (native) does not have. Our tsconfigs point nowhere outside the project: nothing
  // to rewrite, so name a file that does not exist.
  tsconfigFile: 'stryker-has-no-tsconfig-to-rewrite.json',
  coverageAnalysis: 'perTest',
  concurrency: 2,
  incremental: true,
  incrementalFile: `reports/stryker-incremental${suffix}.json`,
  timeoutMS: 15000,
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  ignorePatterns: ['dist', '.build', '.test-build', 'reports', '.stryker-tmp'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
