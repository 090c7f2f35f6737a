using Dapper;
using PocTracker.Pocs.Catalog;
using PocTracker.ServiceDefaults.Database;
using PocTracker.ServiceDefaults.Tenancy;

namespace PocTracker.Pocs.DemoData;

/// <summary>
/// A few dozen realistic POCs for a demo tenant, spread over the last year, languages, tags and
/// statuses, in Portuguese and English. Seeding is idempotent: each POC has a fixed id and is
/// inserted only if missing, so running the demo twice changes nothing.
/// </summary>
public static class PocsDemoData
{
    private sealed record DemoPoc(string Name, string Description, string Language, string[] Tags, string Status, int StartedMonthsAgo, int? DurationWeeks, bool ByMember, bool Private = false, string? Repository = null);

    private static readonly DemoPoc[] Pocs =
    [
        new("Busca de POCs com pg_trgm", "Busca parcial por nome, sem acentos, com índices trigram no PostgreSQL.", "C#", ["postgresql", "busca", "performance"], PocStatus.Done, 11, 3, false, Repository: "https://github.com/npgsql/npgsql"),
        new("Programação funcional em F#", "Railway-oriented programming para validar pedidos.", "F#", ["programação-funcional", "validação"], PocStatus.Done, 11, 2, true),
        new("Realtime editor with OT", "Operational transformation over SignalR, ot.js compatible.", "TypeScript", ["realtime", "signalr", "ot"], PocStatus.InProgress, 10, null, false),
        new("Pix QR code generator", "Static and dynamic Pix payloads (BR Code) with CRC16 checks.", "Python", ["pagamentos", "pix", "qr-code"], PocStatus.Done, 10, 1, true),
        new("Nota fiscal eletrônica: assinatura XML", "Assinar NF-e com certificado A1 e validar contra o XSD da SEFAZ.", "Java", ["nfe", "xml", "certificados"], PocStatus.Dropped, 9, 4, false),
        new("gRPC streaming benchmark", "Server streaming vs. WebSockets for telemetry fan-out.", "Go", ["grpc", "benchmark", "streaming"], PocStatus.Done, 9, 2, true, Repository: "https://github.com/grpc/grpc-go"),
        new("Leitor de boletos com OCR", "Extrair a linha digitável de boletos escaneados com Tesseract.", "Python", ["ocr", "boletos", "machine-learning"], PocStatus.InProgress, 8, null, true),
        new("Rust WebAssembly image filters", "Blur and sharpen in the browser, compared with a JS version.", "Rust", ["webassembly", "image-processing", "performance"], PocStatus.Done, 8, 3, false, Repository: "https://github.com/rustwasm/wasm-bindgen"),
        new("Dapr workflows for onboarding", "Long-running onboarding with retries and compensation.", "C#", ["dapr", "workflows", "microservices"], PocStatus.Done, 7, 2, false),
        new("Chatbot de atendimento com RAG", "Respostas a partir da base de conhecimento com embeddings.", "Python", ["ia", "rag", "llm"], PocStatus.InProgress, 7, null, true),
        new("Kotlin Multiplatform shared models", "One model layer for Android and iOS apps.", "Kotlin", ["mobile", "multiplatform"], PocStatus.Idea, 6, null, true),
        new("MAUI com MVU (MauiReactor)", "Telas declarativas em C# no estilo MVU.", "C#", ["mobile", "mvu", "maui"], PocStatus.InProgress, 6, null, false),
        new("Terraform para EKS multi-AZ", "Cluster EKS em três zonas com node groups gerenciados.", "Terraform", ["aws", "kubernetes", "infraestrutura"], PocStatus.Done, 6, 2, false),
        new("Event sourcing de pedidos", "Pedidos como eventos, projeções no PostgreSQL.", "C#", ["event-sourcing", "cqrs", "postgresql"], PocStatus.Dropped, 5, 5, true),
        new("Elixir LiveView dashboard", "Live metrics without writing JavaScript.", "Elixir", ["realtime", "dashboard"], PocStatus.Done, 5, 1, true),
        new("Análise de sentimentos em português", "Classificar avaliações de clientes com BERTimbau.", "Python", ["machine-learning", "nlp", "português"], PocStatus.Done, 5, 3, false, Private: true),
        new("CLI em Go para deploys", "Uma CLI que empacota, versiona e publica serviços.", "Go", ["cli", "devops"], PocStatus.Done, 4, 1, false, Repository: "https://github.com/spf13/cobra"),
        new("Swift concurrency image cache", "Actors for a thread-safe image cache.", "Swift", ["ios", "concurrency"], PocStatus.Idea, 4, null, true),
        new("Observabilidade com OpenTelemetry", "Traces de ponta a ponta do app móvel ao banco.", "C#", ["observabilidade", "opentelemetry"], PocStatus.Done, 4, 2, false),
        new("PWA offline-first", "Service worker, IndexedDB and background sync.", "JavaScript", ["pwa", "offline", "web"], PocStatus.InProgress, 3, null, true),
        new("Relatórios PDF com SkiaSharp", "Gerar PDFs com gráficos sem depender de navegador.", "C#", ["pdf", "relatórios", "skia"], PocStatus.Done, 3, 1, false),
        new("Fila com SQS e idempotência", "Consumidores idempotentes com chave de deduplicação.", "TypeScript", ["aws", "mensageria", "idempotência"], PocStatus.Done, 3, 2, true),
        new("Haskell parser combinators", "A JSON parser from scratch with megaparsec.", "Haskell", ["parsers", "programação-funcional"], PocStatus.Dropped, 2, 2, true),
        new("Vídeo de retrospectiva com ffmpeg", "Frames com Skia, narração com espeak-ng, MP4 com ffmpeg.", "C#", ["vídeo", "ffmpeg"], PocStatus.InProgress, 2, null, false),
        new("Feature flags com OpenFeature", "Flags por tenant sem novo deploy.", "Java", ["feature-flags", "multi-tenant"], PocStatus.Idea, 2, null, false),
        new("LGPD: anonimização de dados", "Pseudonimizar dados pessoais em ambientes de teste.", "SQL", ["lgpd", "privacidade", "postgresql"], PocStatus.Done, 1, 1, false),
        new("Zig allocator experiments", "Arena vs. general-purpose allocators for a parser.", "Zig", ["memória", "performance"], PocStatus.Idea, 1, null, true),
        new("Passkeys no login", "WebAuthn como segundo fator e depois sem senha.", "TypeScript", ["segurança", "autenticação", "webauthn"], PocStatus.InProgress, 1, null, false),
        new("Rate limiting distribuído com Redis", "Janela deslizante compartilhada entre réplicas.", "C#", ["redis", "segurança", "performance"], PocStatus.Done, 1, 1, true),
        new("Blazor WebAssembly com Monaco", "Editor de código no navegador, integrado ao C#.", "C#", ["blazor", "web", "editor"], PocStatus.Idea, 0, null, false),
        new("Pipeline de dados com DuckDB", "Analytics local sobre arquivos Parquet exportados.", "Python", ["dados", "analytics"], PocStatus.Idea, 0, null, true, Private: true),
        new("Smart contract de certificados", "Emitir certificados de cursos verificáveis.", "Solidity", ["blockchain", "certificados"], PocStatus.Dropped, 0, 1, true),
    ];

    /// <summary>The demo tenant and its two people: an owner and a member.</summary>
    public static readonly Guid TenantId = Guid.Parse("d0d0d0d0-0000-4000-8000-000000000001");
    public static readonly Guid OwnerId = Guid.Parse("d0d0d0d0-0000-4000-8000-0000000000a1");
    public static readonly Guid MemberId = Guid.Parse("d0d0d0d0-0000-4000-8000-0000000000b2");

    /// <summary>Inserts the demo POCs that are not there yet; returns how many were inserted.</summary>
    public static Task<int> SeedAsync(TenantDatabase database, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var owner = new TenantUser(TenantId, OwnerId, new HashSet<string> { "owner" });
        return database.InTenantTransactionAsync(owner, async tx =>
        {
            var inserted = 0;
            for (var i = 0; i < Pocs.Length; i++)
            {
                var poc = Pocs[i];
                var started = today.AddMonths(-poc.StartedMonthsAgo).AddDays(-(i % 9));
                var finished = poc.DurationWeeks is { } weeks ? started.AddDays(7 * weeks) : (DateOnly?)null;
                var createdAt = started.ToDateTime(new TimeOnly(9 + i % 8, 0), DateTimeKind.Utc);
                inserted += await tx.Connection.ExecuteAsync(tx.Command(
                    """
                    insert into pocs (tenant_id, id, owner_id, name, description, language, tags, repository_url, status,
                                      started_on, finished_on, notes, visibility, version, created_at, updated_at)
                    values (@TenantId, @Id, @OwnerId, @Name, @Description, @Language, @Tags, @RepositoryUrl, @Status,
                            @StartedOn, @FinishedOn, null, @Visibility, 1, @CreatedAt, @CreatedAt)
                    on conflict (tenant_id, id) do nothing
                    """,
                    new
                    {
                        TenantId,
                        Id = Guid.Parse($"d0d0d0d0-0000-4000-9000-{i + 1:D12}"),
                        OwnerId = poc.ByMember ? MemberId : OwnerId,
                        poc.Name,
                        poc.Description,
                        Language = Language.Normalize(poc.Language)!.Key,
                        Tags = Tag.NormalizeAll(poc.Tags).ToArray(),
                        RepositoryUrl = poc.Repository,
                        poc.Status,
                        StartedOn = poc.Status == PocStatus.Idea ? (DateOnly?)null : started,
                        FinishedOn = poc.Status is PocStatus.Done or PocStatus.Dropped ? finished : null,
                        Visibility = poc.Private ? PocVisibility.Private : PocVisibility.Tenant,
                        CreatedAt = createdAt,
                    }));
            }

            return inserted;
        }, cancellationToken);
    }
}
