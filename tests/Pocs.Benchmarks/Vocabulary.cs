namespace PocTracker.Pocs.Benchmarks;

/// <summary>
/// The words POCs are made of: Portuguese and English name parts, technologies, tags and
/// languages. Lists are in rough popularity order; <see cref="Zipf"/> turns that order into skew.
/// </summary>
internal static class Vocabulary
{
    /// <summary>A technology as it appears in a name and as a tag.</summary>
    public sealed record Tech(string Name, string Tag, string Language);

    public static readonly Tech[] Techs =
    [
        new("PostgreSQL", "postgresql", "sql"), new("Kafka", "kafka", "java"), new("Redis", "redis", "csharp"),
        new("React", "react", "typescript"), new("Kubernetes", "kubernetes", "go"), new("Docker", "docker", "shell"),
        new("FastAPI", "fastapi", "python"), new("Spring Boot", "spring-boot", "java"), new("ASP.NET Core", "asp.net-core", "csharp"),
        new("RabbitMQ", "rabbitmq", "csharp"), new("gRPC", "grpc", "go"), new("GraphQL", "graphql", "typescript"),
        new("Terraform", "terraform", "terraform"), new("Elasticsearch", "elasticsearch", "java"), new("Next.js", "next.js", "typescript"),
        new("Flutter", "flutter", "dart"), new("Django", "django", "python"), new("SignalR", "signalr", "csharp"),
        new("Blazor", "blazor", "csharp"), new("Angular", "angular", "typescript"), new("Vue", "vue", "javascript"),
        new("OpenTelemetry", "opentelemetry", "go"), new("Dapr", "dapr", "csharp"), new("MongoDB", "mongodb", "javascript"),
        new("PyTorch", "pytorch", "python"), new("LangChain", "langchain", "python"), new("OpenAI", "openai", "python"),
        new("DuckDB", "duckdb", "python"), new("Spark", "spark", "scala"), new("Airflow", "airflow", "python"),
        new("Prometheus", "prometheus", "go"), new("Grafana", "grafana", "typescript"), new("Keycloak", "keycloak", "java"),
        new("WebAssembly", "webassembly", "rust"), new("Tauri", "tauri", "rust"), new("Electron", "electron", "javascript"),
        new("MAUI", "maui", "csharp"), new("SwiftUI", "swiftui", "swift"), new("Jetpack Compose", "jetpack-compose", "kotlin"),
        new("Quarkus", "quarkus", "java"), new("Orleans", "orleans", "csharp"), new("Akka", "akka", "scala"),
        new("NATS", "nats", "go"), new("MQTT", "mqtt", "c"), new("SQLite", "sqlite", "c"), new("ClickHouse", "clickhouse", "sql"),
        new("Cassandra", "cassandra", "java"), new("Neo4j", "neo4j", "java"), new("Supabase", "supabase", "typescript"),
        new("Firebase", "firebase", "javascript"), new("Stripe", "stripe", "ruby"), new("Rails", "rails", "ruby"),
        new("Laravel", "laravel", "php"), new("Phoenix", "phoenix", "elixir"), new("Ktor", "ktor", "kotlin"),
        new("Svelte", "svelte", "javascript"), new("Astro", "astro", "typescript"), new("htmx", "htmx", "html"),
        new("Tailwind", "tailwind", "css"), new("Pandas", "pandas", "python"), new("Polars", "polars", "rust"),
        new("TensorFlow", "tensorflow", "python"), new("Hugging Face", "hugging-face", "python"), new("Ollama", "ollama", "go"),
        new("pgvector", "pgvector", "sql"), new("Temporal", "temporal", "go"), new("Ansible", "ansible", "shell"),
        new("Pulumi", "pulumi", "typescript"), new("ArgoCD", "argocd", "go"), new("Istio", "istio", "go"),
        new("Envoy", "envoy", "cpp"), new("Nginx", "nginx", "c"), new("Unity", "unity", "csharp"), new("Godot", "godot", "gdscript"),
        new("Arduino", "arduino", "cpp"), new("Raspberry Pi", "raspberry-pi", "python"), new("ESP32", "esp32", "c"),
        new("Solana", "solana", "rust"), new("Ethereum", "ethereum", "solidity"),
    ];

    public static readonly string[] DomainTags =
    [
        "backend", "performance", "web", "api", "mobile", "dados", "segurança", "machine-learning", "devops", "frontend",
        "observabilidade", "microservices", "cloud", "aws", "testes", "integração", "mensageria", "ia", "pagamentos", "automação",
        "realtime", "busca", "cache", "arquitetura", "llm", "azure", "analytics", "autenticação", "infraestrutura", "benchmark",
        "rest", "eventos", "streaming", "ci-cd", "serverless", "relatórios", "protótipo", "multi-tenant", "ddd", "cqrs",
        "event-sourcing", "rag", "nlp", "pix", "boletos", "fiscal", "nfe", "lgpd", "privacidade", "gcp",
        "resiliência", "escalabilidade", "iac", "tdd", "bdd", "testes-de-carga", "android", "ios", "fullstack", "pwa",
        "offline", "websockets", "etl", "data-lake", "big-data", "visão-computacional", "ocr", "recomendação", "full-text-search", "filas",
        "agendamento", "workflows", "webhooks", "sdk", "cli", "ferramentas", "scraping", "pdf", "planilhas", "e-mail",
        "notificações", "chat", "chatbot", "voz", "vídeo", "áudio", "imagens", "mapas", "geolocalização", "iot",
        "sensores", "edge", "embarcados", "blockchain", "smart-contracts", "games", "3d", "realidade-aumentada", "acessibilidade", "i18n",
        "ux", "design-system", "componentes", "programação-funcional", "concorrência", "paralelismo", "memória", "compiladores", "parsers", "interpretadores",
        "dsl", "educação", "saúde", "finanças", "varejo", "logística", "seguros", "agro", "jurídico", "rh",
        "e-commerce", "marketplace", "crm", "erp", "feature-flags", "a-b-testing", "migração", "legado", "refatoração", "padrões",
        "clean-architecture", "hexagonal", "profiling", "tracing", "logs", "métricas", "alertas", "sre", "finops", "custos",
        "green-software", "open-source", "hackathon", "estudo", "spike", "mvp", "experimento", "pesquisa", "documentação", "onboarding",
        "code-review", "qualidade", "linters", "oauth", "oidc", "passkeys", "webauthn", "criptografia", "certificados", "assinatura-digital",
        "sso", "rbac", "auditoria", "compliance", "backup", "disaster-recovery", "replicação", "sharding", "particionamento", "índices",
        "sql", "nosql", "grafos", "séries-temporais", "vetores", "embeddings", "low-code", "no-code", "bots", "telemetria",
    ];

    /// <summary>Domain tags and technology tags interleaved: the tag vocabulary, most used first.</summary>
    public static readonly string[] Tags = Interleave(DomainTags, Techs.Select(t => t.Tag).ToArray());

    /// <summary>Language keys (as stored), most used first.</summary>
    public static readonly string[] Languages =
    [
        "python", "typescript", "csharp", "javascript", "java", "go", "rust", "kotlin", "sql", "shell",
        "cpp", "php", "ruby", "swift", "dart", "terraform", "c", "elixir", "scala", "html",
        "css", "r", "lua", "haskell", "fsharp", "clojure", "julia", "powershell", "perl", "zig",
        "ocaml", "erlang", "nim", "objective-c", "groovy", "vbnet", "solidity", "assembly", "matlab", "gdscript",
        "cobol", "fortran",
    ];

    public static readonly string[] PtActions =
    [
        "Busca", "Cadastro", "Integração", "Painel", "Migração", "Monitoramento", "Autenticação", "Processamento",
        "Sincronização", "Análise", "Geração", "Validação", "Exportação", "Importação", "Notificação", "Agendamento",
        "Conciliação", "Classificação", "Previsão", "Detecção", "Auditoria", "Compressão", "Criptografia", "Versionamento",
        "Replicação", "Indexação", "Roteamento", "Orquestração", "Simulação", "Visualização",
    ];

    public static readonly string[] PtObjects =
    [
        "pedidos", "clientes", "boletos", "notas fiscais", "pagamentos", "estoque", "usuários", "contratos", "faturas",
        "entregas", "produtos", "documentos", "imagens", "vídeos", "logs", "métricas", "eventos", "mensagens", "relatórios",
        "sensores", "transações", "agendamentos", "consultas", "prontuários", "matrículas", "currículos", "reservas",
        "cotações", "sinistros", "apólices", "leilões", "cupons", "rotas", "frotas", "chamados", "avaliações",
        "comentários", "arquivos", "planilhas", "receitas",
    ];

    public static readonly string[] PtSuffixes =
    [
        "em tempo real", "multi-tenant", "offline", "na nuvem", "no navegador", "em lote", "com alta disponibilidade",
        "sem servidor", "para o app móvel", "para o backoffice",
    ];

    public static readonly string[] EnAdjectives =
    [
        "Realtime", "Offline-first", "Serverless", "Multi-tenant", "Distributed", "Incremental", "Streaming", "Event-driven",
        "Lightweight", "Self-hosted", "Reactive", "Scalable", "Secure", "Batch", "Embedded", "Cloud-native", "Low-latency",
        "Zero-downtime", "Federated", "Headless",
    ];

    public static readonly string[] EnObjects =
    [
        "order", "customer", "invoice", "payment", "inventory", "user", "contract", "shipment", "product", "document",
        "image", "video", "log", "metrics", "event", "message", "report", "sensor", "transaction", "booking",
        "appointment", "ticket", "review", "file", "spreadsheet", "route", "fleet", "claim", "policy", "quote",
        "coupon", "auction", "playlist", "recipe", "podcast",
    ];

    public static readonly string[] EnNouns =
    [
        "dashboard", "pipeline", "search", "sync", "importer", "exporter", "scheduler", "classifier", "validator", "gateway",
        "cache", "queue", "tracker", "analyzer", "generator", "recommender", "notifier", "crawler", "parser", "visualizer",
        "monitor", "simulator", "benchmark", "prototype", "API", "CLI", "bot", "engine", "service", "editor",
    ];

    public static readonly string[] PtOpenings = ["Prova de conceito para", "Experimento para", "Estudo de como", "Protótipo para", "Spike para"];
    public static readonly string[] PtVerbs = ["buscar", "processar", "sincronizar", "validar", "exportar", "importar", "monitorar", "classificar", "agendar", "auditar", "comprimir", "indexar"];

    public static readonly string[] PtClosings =
    [
        "Comparar latência e custo com a solução atual.", "Medir a vazão sob carga com dados reais.",
        "Avaliar a curva de aprendizado do time.", "Validar com o time de produto antes de investir mais.",
        "Documentar os limites encontrados e os próximos passos.", "Rodar em produção atrás de uma feature flag.",
        "Sem dependências pagas.", "Resultado apresentado na reunião de arquitetura.", "Precisa de revisão de segurança.",
        "Testado com dez mil registros anonimizados.", "Integração contínua com testes de carga.", "Código aberto no repositório do time.",
    ];

    public static readonly string[] EnOpenings = ["A proof of concept to", "An experiment to", "A spike to", "A prototype to", "Exploring how to"];
    public static readonly string[] EnVerbs = ["search", "process", "sync", "validate", "export", "import", "monitor", "classify", "schedule", "audit", "compress", "index"];

    public static readonly string[] EnClosings =
    [
        "Compare latency and cost with the current solution.", "Measure throughput under load with real data.",
        "Check how fast the team can learn it.", "Validate with product before investing more.",
        "Document the limits found and the next steps.", "Ship behind a feature flag.", "No paid dependencies.",
        "Presented at the architecture review.", "Needs a security review.", "Tested with ten thousand anonymised records.",
        "Load tests run in CI.", "Open source in the team's repository.",
    ];

    public static readonly string[] Notes =
    [
        "Ver ADR 12.", "Falar com o time de dados.", "Blocked on credentials.", "Retomar no próximo trimestre.",
        "Demo gravada.", "Owner left the company.", "Custos acima do esperado.", "Good candidate for the platform team.",
    ];

    public static readonly string[] GitHubOrgs = ["acme", "contoso", "fabrikam", "northwind", "tailspin", "wingtip", "adventure-works", "woodgrove"];

    private static string[] Interleave(string[] first, string[] second)
    {
        var result = new List<string>(first.Length + second.Length);
        for (var i = 0; i < Math.Max(first.Length, second.Length); i++)
        {
            if (i < first.Length)
            {
                result.Add(first[i]);
            }

            if (i < second.Length)
            {
                result.Add(second[i]);
            }
        }

        return [.. result.Distinct(StringComparer.Ordinal)];
    }
}

/// <summary>Picks index i of n with probability proportional to 1 / (i + 1)^s: a few very common items and a long tail.</summary>
internal sealed class Zipf
{
    private readonly double[] cumulative;

    public Zipf(int count, double exponent)
    {
        cumulative = new double[count];
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            total += 1.0 / Math.Pow(i + 1, exponent);
            cumulative[i] = total;
        }

        for (var i = 0; i < count; i++)
        {
            cumulative[i] /= total;
        }
    }

    public int Next(Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
