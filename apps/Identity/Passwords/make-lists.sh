#!/usr/bin/env bash
# Regenerates the two blocklists in Lists/ from their registry packages (see docs/licences.md).
# Works in a temporary folder outside the repository; needs dotnet (NuGet) and npm.
#   global : zxcvbn-core 1.1.17 (NuGet), embedded resource zxcvbn-core.Dictionaries.passwords.lst
#   pt-BR  : @zxcvbn-ts/language-pt-br 4.1.1 (npm), src/*.json dictionaries
# Output: one entry per line, NFKC, lower-cased, trimmed, deduplicated, in the source's frequency order.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/Lists"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Global list: read the embedded resource through the package itself (file-based C# app, outside the repo).
mkdir -p "$work/global"
cat > "$work/global/extract.cs" <<'CS'
#:package zxcvbn-core@1.1.17
using System.Text;
var asm = typeof(Zxcvbn.Zxcvbn).Assembly;
using var stream = asm.GetManifestResourceStream("zxcvbn-core.Dictionaries.passwords.lst")!;
using var reader = new StreamReader(stream, Encoding.UTF8);
var seen = new HashSet<string>(StringComparer.Ordinal);
var sb = new StringBuilder();
while (reader.ReadLine() is { } line)
{
    var entry = line.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    if (entry.Length > 0 && seen.Add(entry)) sb.Append(entry).Append('\n');
}
File.WriteAllText(args[0], sb.ToString(), new UTF8Encoding(false));
Console.WriteLine($"global: {seen.Count} entries");
CS
(cd "$work/global" && dotnet run extract.cs -- "$out/common-passwords-global.txt")

# pt-BR list: the package's dictionaries, in the order its index.ts declares them.
mkdir -p "$work/ptbr"
(cd "$work/ptbr" && npm pack --silent @zxcvbn-ts/language-pt-br@4.1.1 >/dev/null && tar xzf ./*.tgz)
node - "$work/ptbr/package/src" "$out/common-words-pt-br.txt" <<'JS'
const fs = require('fs'); const path = require('path');
const [src, dest] = process.argv.slice(2);
const load = f => JSON.parse(fs.readFileSync(path.join(src, f), 'utf8'));
const groups = [load('commonWords.json'), load('firstnames.json'), load('lastnames.json'), load('wikipedia.json'),
  ...Object.values(load('wordSequences.json'))];
const seen = new Set(); const lines = [];
for (const group of groups) for (const word of group) {
  const entry = String(word).trim().normalize('NFKC').toLowerCase();
  if (entry.length > 0 && !seen.has(entry)) { seen.add(entry); lines.push(entry); }
}
fs.writeFileSync(dest, lines.join('\n') + '\n', 'utf8');
console.log(`pt-BR: ${lines.length} entries`);
JS
