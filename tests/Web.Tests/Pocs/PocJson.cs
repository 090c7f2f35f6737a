using System.Text.Json;

namespace PocTracker.Web.Tests.Pocs;

/// <summary>A POC and the answers around it as the pocs app writes them (camelCase JSON, docs/api.md).</summary>
public static class PocJson
{
    public static readonly Guid Owner = Guid.Parse("0196f1e2-0000-7000-8000-00000000a0a0");

    public static string Poc(Guid id, int version, string name = "Leitor de NF-e", string description = "Reads invoices.", string status = "idea", string? notes = null, Guid? owner = null) =>
        $$"""
        {"id":"{{id}}","name":{{Text(name)}},"description":{{Text(description)}},"language":"csharp","languageDisplayName":"C#",
         "tags":["blazor","nf-e"],"repositoryUrl":"https://github.com/ana/nfe","status":"{{status}}","startedOn":"2026-01-10","finishedOn":null,
         "notes":{{Text(notes)}},"visibility":"tenant","ownerId":"{{owner ?? Owner}}","version":{{version}},"createdAt":"2026-01-10T10:00:00Z","updatedAt":"2026-02-01T10:00:00Z"}
        """;

    public const string Facets = """
        {"languages":[{"value":"csharp","displayName":"C#","count":2},{"value":"python","displayName":"Python","count":1}],"tags":[],"statuses":[]}
        """;

    public static string Problem(int status, string code, string title, string? detail = null, string? errors = null) =>
        $$"""{"type":"https://poctracker.dev/problems/{{code}}","title":{{Text(title)}},"status":{{status}},"code":"{{code}}","detail":{{Text(detail)}}{{(errors is null ? "" : $",\"errors\":{errors}")}}}""";

    public static string Me(Guid account, string role) => $$"""{"sub":"{{account}}","tenant_id":"{{Guid.NewGuid()}}","role":"{{role}}","name":"Someone"}""";

    private static string Text(string? text) => text is null ? "null" : JsonSerializer.Serialize(text);
}
