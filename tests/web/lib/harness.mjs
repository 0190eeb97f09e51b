// A few helpers that make a failing end-to-end test say what it was doing.

let currentStep = '(setup)';

export async function step(name, fn) {
  currentStep = name;
  const started = Date.now();
  try {
    const result = await fn();
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
    return result;
  } catch (error) {
    console.log(`  FAIL ${name}`);
    throw error;
  }
}

export function failedStep() {
  return currentStep;
}

export class CheckError extends Error {}

export function check(condition, message) {
  if (!condition) throw new CheckError(message);
}

export function checkEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckError(`${what}: expected ${e}, got ${a}`);
}

/** Runs a test body; prints the failing step and the reason, and sets the exit code. */
export async function runTest(name, body) {
  console.log(`${name}`);
  try {
    await body();
    console.log(`PASS ${name}`);
  } catch (error) {
    console.log(`\nFAIL ${name}\n  while: ${failedStep()}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
    process.exitCode = 1;
  }
}
