using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PocTracker.Contracts.Pocs;
using PocTracker.Sdk.Problems;

namespace PocTracker.Sdk.Pocs;

/// <summary>
/// The pocs API (<c>/api/pocs</c>, docs/api.md): create, change and delete a POC, search and its facets, one POC, the
/// NDJSON export, the CSV import, code notes.
/// The <see cref="HttpClient"/> it is given carries the server's base address and the caller's access token for the <c>pocs</c>
/// audience (a default Authorization header or a delegating handler), unless <see cref="WithAccessToken"/> names one.
/// An error answer throws <see cref="PocTrackerProblemException"/>; no answer at all (unreachable, timed out,
/// cut off mid-stream) throws <see cref="HttpRequestException"/>.
/// </summary>
public sealed class PocsClient
{
    private const string Pocs = "api/pocs";

    private readonly HttpClient http;
    private readonly string? accessToken;

    public PocsClient(HttpClient http)
        : this(http, accessToken: null)
    {
    }

    private PocsClient(HttpClient http, string? accessToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        this.http = http;
        this.accessToken = accessToken;
    }

    /// <summary>The same client sending <paramref name="token"/> as its bearer token (e.g. a background job acting for the user who asked).</summary>
    public PocsClient WithAccessToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new PocsClient(http, token);
    }

    /// <summary>One page of a search (<c>GET /api/pocs</c>); pass the page's <see cref="PocPage.NextCursor"/> back as <paramref name="cursor"/> for the next.</summary>
    /// <param name="filters">The filters; a creation-day range is the export's only.</param>
    /// <param name="sort"><c>newest</c>, <c>oldest</c>, <c>updated</c>, <c>name</c> or <c>relevance</c>; the server's default when null.</param>
    /// <param name="limit">Page size, 1–100; the server's default (20) when null.</param>
    /// <param name="cursor">The previous page's next cursor, with the same filters and sort.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public async Task<PocPage> SearchAsync(
        PocSearchFilters filters, string? sort = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.HasCreatedRange)
        {
            throw new ArgumentException("The search has no creation-day range; the export has (ExportAsync).", nameof(filters));
        }

        var query = PocSearchFilters.QueryStringOf(filters.ToQueryParameters().Concat(Optional(
            (PocSearchKeys.Sort, sort),
            (PocSearchKeys.Limit, limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (PocSearchKeys.Cursor, cursor))));
        return await GetJsonAsync(Pocs + query, SdkJson.Default.PocPage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Languages, the most used tags and statuses, each with how many POCs the caller may see carry it
    /// (<c>GET /api/pocs/facets</c>): what the search's filters offer.
    /// </summary>
    public Task<PocFacets> GetFacetsAsync(CancellationToken cancellationToken = default) =>
        GetJsonAsync($"{Pocs}/facets", SdkJson.Default.PocFacets, cancellationToken);

    /// <summary>
    /// Creates POCs from a CSV in the report's columns (<c>POST /api/pocs/import</c>, owned by the caller): the rows that
    /// pass are created together, the others come back with their line and field errors. A file no row of which can be
    /// imported writes nothing and is a 400 problem (<c>import-rows-refused</c> with <see cref="PocTrackerProblem.Rows"/>,
    /// or <c>validation-failed</c> naming the file's first bad <see cref="PocTrackerProblem.Line"/>); 413 over 10 MB or
    /// 10,000 rows; 415 for a charset the server does not read. Never repeated on its own: a failure may have stored it.
    /// </summary>
    /// <param name="csv">The file's bytes, read to its end (the caller disposes it).</param>
    /// <param name="charset">The file's charset: <c>utf-8</c> (the default), or <c>windows-1252</c> for what Excel in Brazil writes.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public async Task<PocImportResult> ImportAsync(Stream csv, string charset = "utf-8", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrEmpty(charset);
        using var request = Request(HttpMethod.Post, $"{Pocs}/import");
        var content = new StreamContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = charset };
        request.Content = content;
        return await SendForJsonAsync(request, SdkJson.Default.PocImportResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a POC (<c>POST /api/pocs</c>); returns it as stored, at version 1. Never repeated on its own: a failure may have stored it.</summary>
    public async Task<PocDto> CreateAsync(PocWriteRequest poc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poc);
        using var request = Request(HttpMethod.Post, Pocs);
        request.Content = JsonContent.Create(poc, SdkJson.Default.PocWriteRequest);
        return await SendForJsonAsync(request, SdkJson.Default.PocDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The fields a POC registered from a GitHub repository would get (<c>GET /api/pocs/github-preview</c>); nothing is
    /// written. A URL that is not <c>https://github.com/{owner}/{repo}</c> is a 400 problem (field <c>url</c>), an unknown
    /// or private repository a 404 (<c>github-repository-not-found</c>), GitHub unreachable or rate-limited a 503
    /// (<c>github-unavailable</c>, with <see cref="PocTrackerProblemException.RetryAfter"/>).
    /// </summary>
    public Task<GitHubRepositoryPreview> PreviewFromGitHubAsync(string repositoryUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositoryUrl);
        return GetJsonAsync($"{Pocs}/github-preview?url={Uri.EscapeDataString(repositoryUrl)}", SdkJson.Default.GitHubRepositoryPreview, cancellationToken);
    }

    /// <summary>
    /// Registers a POC from its GitHub repository (<c>POST /api/pocs/from-github</c>), the request's non-null fields
    /// replacing GitHub's; returns it as stored. A repository this tenant already registered is a 409 problem
    /// (<c>github-repository-registered</c>) naming the existing POC (<see cref="PocTrackerProblem.PocId"/>,
    /// <see cref="PocTrackerProblem.Location"/>); the other
    /// problems are those of <see cref="PreviewFromGitHubAsync"/> and <see cref="CreateAsync"/>.
    /// </summary>
    public async Task<PocDto> CreateFromGitHubAsync(PocFromGitHubRequest poc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poc);
        using var request = Request(HttpMethod.Post, $"{Pocs}/from-github");
        request.Content = JsonContent.Create(poc, SdkJson.Default.PocFromGitHubRequest);
        return await SendForJsonAsync(request, SdkJson.Default.PocDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers a GitHub user's public repositories that are not forks and not yet registered in the tenant
    /// (<c>POST /api/pocs/from-github/user</c>), up to the cap docs/api.md names. Up to GitHub:SynchronousImportLimit
    /// public repositories the import is done when this returns (<see cref="GitHubUserImportStart.Result"/>); above it the
    /// server answers 202 and imports in the background (<see cref="GitHubUserImportStart.Job"/>: follow it with
    /// <see cref="GetGitHubImportJobAsync"/>). An unknown user is a 404 problem (<c>github-user-not-found</c>); GitHub
    /// unreachable or rate-limited a 503 (<c>github-unavailable</c>), with nothing written.
    /// </summary>
    public async Task<GitHubUserImportStart> ImportGitHubUserAsync(string login, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(login);
        using var request = Request(HttpMethod.Post, $"{Pocs}/from-github/user");
        request.Content = JsonContent.Create(new GitHubUserImportRequest { Login = login }, SdkJson.Default.GitHubUserImportRequest);
        using var response = await ProblemAnswers.SendAsync(http, request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Accepted
            ? new GitHubUserImportStart(null, await ReadJsonAsync(response, SdkJson.Default.GitHubImportJob, cancellationToken).ConfigureAwait(false))
            : new GitHubUserImportStart(await ReadJsonAsync(response, SdkJson.Default.GitHubUserImportResult, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>
    /// A GitHub user import job the caller started (<c>GET /api/pocs/from-github/jobs/{id}</c>): its status, progress and,
    /// once it ended, its result. Another person's job, or another tenant's, is a 404 problem.
    /// </summary>
    public Task<GitHubImportJob> GetGitHubImportJobAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetJsonAsync($"{Pocs}/from-github/jobs/{id}", SdkJson.Default.GitHubImportJob, cancellationToken);

    /// <summary>
    /// Replaces a POC's fields (<c>PUT /api/pocs/{id}</c>) if it is still at <paramref name="version"/> (the version the
    /// change was made from, sent as <c>If-Match</c>); returns it as stored. Someone else's change in between is a 412
    /// <see cref="PocTrackerProblemException"/>: read it again and redo the change on it.
    /// </summary>
    public async Task<PocDto> UpdateAsync(Guid id, int version, PocWriteRequest poc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poc);
        using var request = Request(HttpMethod.Put, $"{Pocs}/{id}");
        request.Headers.IfMatch.Add(ETagOf(version));
        request.Content = JsonContent.Create(poc, SdkJson.Default.PocWriteRequest);
        return await SendForJsonAsync(request, SdkJson.Default.PocDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a POC (<c>DELETE /api/pocs/{id}</c>); with <paramref name="version"/>, only if it is still at that version (412 otherwise).</summary>
    public async Task DeleteAsync(Guid id, int? version = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Delete, $"{Pocs}/{id}");
        if (version is { } expected)
        {
            request.Headers.IfMatch.Add(ETagOf(expected));
        }

        await ProblemAnswers.SendForStatusAsync(http, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One POC (<c>GET /api/pocs/{id}</c>); its <see cref="PocDto.Version"/> is the ETag to send back with <see cref="UpdateAsync"/> and <see cref="DeleteAsync"/>.</summary>
    public Task<PocDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetJsonAsync($"{Pocs}/{id}", SdkJson.Default.PocDto, cancellationToken);

    /// <summary>
    /// Every POC the filters match (<c>GET /api/pocs/export</c>), read as they arrive, one at a time, so memory stays
    /// flat for any number. Returns once the server accepted (a refusal throws here, before any POC); enumerate the
    /// result once, to its end or not: leaving the enumeration ends the export.
    /// </summary>
    /// <param name="filters">The filters, with the creation-day range if any.</param>
    /// <param name="sort"><c>newest</c> (the export's default when null), <c>oldest</c>, <c>updated</c>, <c>name</c> or <c>relevance</c>.</param>
    /// <param name="cancellationToken">Ends the call and the reading.</param>
    public async Task<IAsyncEnumerable<PocDto>> ExportAsync(PocSearchFilters filters, string? sort = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var query = PocSearchFilters.QueryStringOf(filters.ToQueryParameters().Concat(Optional((PocSearchKeys.Sort, sort))));
        using var request = Request(HttpMethod.Get, $"{Pocs}/export{query}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        var response = await ProblemAnswers.SendAsync(http, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return ReadLinesAsync(response, cancellationToken);
    }

    /// <summary>Keeps a code note on a POC (<c>POST /api/pocs/{id}/code-notes</c>); returns it as stored. Never repeated on its own: a failure may have stored it.</summary>
    public async Task<CodeNoteDto> AddCodeNoteAsync(Guid pocId, CodeNoteRequest note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        using var request = Request(HttpMethod.Post, $"{Pocs}/{pocId}/code-notes");
        request.Content = JsonContent.Create(note, SdkJson.Default.CodeNoteRequest);
        return await SendForJsonAsync(request, SdkJson.Default.CodeNoteDto, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A POC's code notes, newest first, without their content (<c>GET /api/pocs/{id}/code-notes</c>).</summary>
    public Task<IReadOnlyList<CodeNoteDto>> ListCodeNotesAsync(Guid pocId, CancellationToken cancellationToken = default) =>
        GetJsonAsync($"{Pocs}/{pocId}/code-notes", SdkJson.Default.IReadOnlyListCodeNoteDto, cancellationToken);

    /// <summary>One code note with its content (<c>GET /api/pocs/{id}/code-notes/{noteId}</c>).</summary>
    public Task<CodeNoteDto> GetCodeNoteAsync(Guid pocId, Guid noteId, CancellationToken cancellationToken = default) =>
        GetJsonAsync($"{Pocs}/{pocId}/code-notes/{noteId}", SdkJson.Default.CodeNoteDto, cancellationToken);

    /// <summary>A POC's ETag is its version in quotes (docs/api.md, "Optimistic concurrency").</summary>
    private static EntityTagHeaderValue ETagOf(int version) => new($"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"");

    private static IEnumerable<KeyValuePair<string, string>> Optional(params (string Key, string? Value)[] parameters) =>
        parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Key, p.Value!));

    private HttpRequestMessage Request(HttpMethod method, string uri)
    {
        var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Relative));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return request;
    }

    private async Task<T> GetJsonAsync<T>(string uri, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, uri);
        return await SendForJsonAsync(request, type, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} without a body.");

    private Task<T> SendForJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        ProblemAnswers.SendForJsonAsync(http, request, type, cancellationToken);

    /// <summary>NDJSON: one JSON value per line. A stream that breaks off (or stalls past the reader's timeout) is an <see cref="HttpRequestException"/>.</summary>
    private static async IAsyncEnumerable<PocDto> ReadLinesAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var pocs = JsonSerializer.DeserializeAsyncEnumerable(stream, SdkJson.Default.PocDto, topLevelValues: true, cancellationToken)
                    .GetAsyncEnumerator(cancellationToken);
                await using (pocs.ConfigureAwait(false))
                {
                    while (true)
                    {
                        // (C# allows no yield inside a try with a catch: the move is tried, the yield comes after.)
                        try
                        {
                            if (!await pocs.MoveNextAsync().ConfigureAwait(false))
                            {
                                yield break;
                            }
                        }
                        catch (IOException e)
                        {
                            throw new HttpRequestException($"The export from {response.RequestMessage?.RequestUri} broke off.", e);
                        }

                        if (pocs.Current is { } poc)
                        {
                            yield return poc;
                        }
                    }
                }
            }
        }
    }
}

/// <summary>
/// How <see cref="PocsClient.ImportGitHubUserAsync"/> was answered: exactly one of the two is set. <see cref="Result"/>
/// when the import was done at once; <see cref="Job"/> when it runs in the background (a user with many repositories).
/// </summary>
/// <param name="Result">What the import did.</param>
/// <param name="Job">The job as it started; read it again with <see cref="PocsClient.GetGitHubImportJobAsync"/>.</param>
public sealed record GitHubUserImportStart(GitHubUserImportResult? Result, GitHubImportJob? Job);
