using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace PocTracker.Pocs.Catalog;

/// <summary>A programming language as stored (<see cref="Key"/>) and shown (<see cref="DisplayName"/>).</summary>
internal sealed partial record Language(string Key, string DisplayName)
{
    /// <summary>
    /// The known languages, each with the spellings people use for it, so "c#", "C#" and "csharp"
    /// are one language. An unknown language is kept, lower-cased with its spaces collapsed.
    /// </summary>
    private static readonly (string Key, string Display, string[] Aliases)[] Known =
    [
        ("csharp", "C#", ["c#", "cs", "c sharp", "c-sharp", "csharp"]),
        ("fsharp", "F#", ["f#", "fs", "f sharp", "f-sharp", "fsharp"]),
        ("vbnet", "Visual Basic .NET", ["vb", "vb.net", "vbnet", "visual basic", "visual basic .net"]),
        ("java", "Java", ["java"]),
        ("kotlin", "Kotlin", ["kotlin", "kt"]),
        ("scala", "Scala", ["scala"]),
        ("groovy", "Groovy", ["groovy"]),
        ("clojure", "Clojure", ["clojure", "clj"]),
        ("javascript", "JavaScript", ["javascript", "js", "ecmascript", "node", "nodejs", "node.js"]),
        ("typescript", "TypeScript", ["typescript", "ts"]),
        ("python", "Python", ["python", "py", "python3"]),
        ("go", "Go", ["go", "golang"]),
        ("rust", "Rust", ["rust", "rs"]),
        ("c", "C", ["c"]),
        ("cpp", "C++", ["c++", "cpp", "cplusplus", "cxx"]),
        ("objective-c", "Objective-C", ["objective-c", "objective c", "objc", "obj-c"]),
        ("swift", "Swift", ["swift"]),
        ("dart", "Dart", ["dart", "flutter"]),
        ("ruby", "Ruby", ["ruby", "rb"]),
        ("php", "PHP", ["php"]),
        ("perl", "Perl", ["perl", "pl"]),
        ("lua", "Lua", ["lua"]),
        ("r", "R", ["r", "rlang"]),
        ("julia", "Julia", ["julia"]),
        ("elixir", "Elixir", ["elixir", "ex"]),
        ("erlang", "Erlang", ["erlang", "erl"]),
        ("haskell", "Haskell", ["haskell", "hs"]),
        ("ocaml", "OCaml", ["ocaml", "ml"]),
        ("zig", "Zig", ["zig"]),
        ("nim", "Nim", ["nim"]),
        ("shell", "Shell", ["shell", "bash", "sh", "zsh", "shell script"]),
        ("powershell", "PowerShell", ["powershell", "pwsh", "ps1"]),
        ("sql", "SQL", ["sql", "plpgsql", "t-sql", "tsql"]),
        ("html", "HTML", ["html", "html5"]),
        ("css", "CSS", ["css", "css3", "scss", "sass"]),
        ("solidity", "Solidity", ["solidity", "sol"]),
        ("terraform", "Terraform", ["terraform", "hcl"]),
        ("assembly", "Assembly", ["assembly", "asm"]),
        ("cobol", "COBOL", ["cobol"]),
        ("fortran", "Fortran", ["fortran"]),
        ("matlab", "MATLAB", ["matlab"]),
        ("gdscript", "GDScript", ["gdscript"]),
    ];

    private static readonly FrozenDictionary<string, Language> ByAlias = Known
        .SelectMany(k => k.Aliases.Append(k.Key).Select(alias => (alias, language: new Language(k.Key, k.Display))))
        .DistinctBy(x => x.alias)
        .ToFrozenDictionary(x => x.alias, x => x.language, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> DisplayByKey = Known
        .ToFrozenDictionary(k => k.Key, k => k.Display, StringComparer.Ordinal);

    /// <summary>The longest language name accepted.</summary>
    public const int MaxLength = 50;

    /// <summary>The language named by <paramref name="text"/>, or null for blank text.</summary>
    public static Language? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = Whitespace().Replace(text.Trim().ToLowerInvariant(), " ");
        return ByAlias.TryGetValue(key, out var known) ? known : new Language(key, key);
    }

    /// <summary>How a stored key is shown: the known name, else the key itself.</summary>
    public static string? DisplayNameOf(string? key) =>
        key is null ? null : DisplayByKey.GetValueOrDefault(key, key);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
