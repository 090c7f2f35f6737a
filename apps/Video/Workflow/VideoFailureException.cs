using PocTracker.ServiceDefaults.Jobs;
using PocTracker.Video.Collect;

namespace PocTracker.Video.Workflow;

/// <summary>
/// An activity's failure whose message is written for the user (an expired token, the POCs not
/// readable): it becomes the video's reason as it is. Any other failure is a fault, and the user
/// reads a reason naming the step, in their language (the details are in the logs).
/// </summary>
public sealed class VideoFailureException : Exception
{
    public VideoFailureException()
    {
    }

    public VideoFailureException(string reason)
        : base(reason)
    {
    }

    public VideoFailureException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>The reason a user reads for a failed activity.</summary>
    public static string ReasonOf(JobActivityFailedException failure, string culture)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure.ErrorType == typeof(VideoFailureException).FullName)
        {
            return failure.ErrorMessage;
        }

        var portuguese = culture == "pt-BR";
        var step = failure.Activity switch
        {
            nameof(CollectPocsActivity) => portuguese ? "ler seus POCs" : "reading your POCs",
            nameof(WriteScriptActivity) => portuguese ? "escrever o roteiro" : "writing the script",
            nameof(RenderFilmActivity) => portuguese ? "desenhar o filme" : "drawing the film",
            nameof(EncodeFilmActivity) => portuguese ? "codificar o filme" : "encoding the film",
            nameof(StoreFilmActivity) => portuguese ? "guardar o filme" : "storing the film",
            _ => portuguese ? "terminar o filme" : "finishing the film",
        };
        return portuguese
            ? $"Algo deu errado ao {step}. Peça o vídeo de novo."
            : $"Something went wrong while {step}. Ask for the video again.";
    }

    /// <summary>The reason when the server kept restarting in the middle of the job.</summary>
    public static string Interrupted(string culture) => culture == "pt-BR"
        ? "O servidor reiniciou várias vezes enquanto fazia o seu vídeo. Peça o vídeo de novo."
        : "The server restarted several times while making your video. Ask for the video again.";

    /// <summary>The reason when the viewer's access token no longer opens the pocs API.</summary>
    public static VideoFailureException TokenExpired(string culture) => new(culture == "pt-BR"
        ? "Seu acesso expirou antes de lermos seus POCs. Peça o vídeo de novo."
        : "Your access expired before your POCs could be read. Ask for the video again.");
}
