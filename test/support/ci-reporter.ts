// Under CI=true a skipped test is a failure: every service a test needs must be there (DESIGN.md,
// "Tests and benchmarks"). Also prints the plain closing line CI reads ("N passed, N failed").
import type { Reporter, TestModule } from 'vitest/node';

export default class CiReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else if (state === 'skipped') skipped.push(`${module.moduleId}: ${test.fullName}`);
      }
    }
    const ci = process.env.CI === 'true' || process.env.CI === '1';
    if (ci && skipped.length > 0) {
      console.error(`\nCI=true: ${skipped.length} skipped test(s) count as failures:`);
      for (const name of skipped) console.error(`  - ${name}`);
      failed += skipped.length;
      process.exitCode = 1;
    }
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${ci ? 0 : skipped.length} skipped`);
  }
}
