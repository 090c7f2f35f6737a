using Microsoft.Extensions.AI;
using OpenAI;
using PocTracker.Video.Script;

namespace PocTracker.Video.Film;

/// <summary>Registers the film maker: fonts, voice, the template or AI script writer.</summary>
public static class YearFilmServiceCollectionExtensions
{
    /// <summary>The key of the chat client the narrator uses (keyed, so another feature's client is never taken by mistake).</summary>
    public const string ChatClientKey = "video-script";

    public static IServiceCollection AddYearFilm(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FilmOptions>().Bind(configuration.GetSection(FilmOptions.Section));
        var ai = configuration.GetSection(VideoAiOptions.Section).Get<VideoAiOptions>() ?? new VideoAiOptions();
        services.AddSingleton(ai);
        services.AddSingleton<FilmFonts>();
        services.AddSingleton<Narrator>();
        if (ai.IsConfigured)
        {
            services.AddKeyedChatClient(ChatClientKey, _ => new OpenAI.Chat.ChatClient(
                    ai.Model!,
                    new System.ClientModel.ApiKeyCredential(string.IsNullOrEmpty(ai.ApiKey) ? "unused" : ai.ApiKey),
                    new OpenAIClientOptions { Endpoint = ai.Endpoint })
                .AsIChatClient());
            services.AddSingleton(provider => new AiScriptWriter(
                provider.GetRequiredKeyedService<IChatClient>(ChatClientKey),
                ai,
                provider.GetRequiredService<ILogger<AiScriptWriter>>()));
            services.AddSingleton(provider => new FilmScriptWriter(provider.GetRequiredService<AiScriptWriter>()));
        }
        else
        {
            services.AddSingleton(_ => new FilmScriptWriter(null));
        }

        services.AddSingleton<IYearFilmMaker, YearFilmMaker>();
        return services;
    }
}
