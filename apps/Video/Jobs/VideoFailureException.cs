namespace PocTracker.Video.Jobs;

/// <summary>
/// An activity's failure whose message is written for the user (an expired token, the POCs not
/// readable): it becomes the video's reason as it is. Any other failure is a fault, and the user
/// reads a reason naming the step, in their language (<c>YearVideoWorkflow.ReasonOf</c>; the details
/// are in the logs).
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

    /// <summary>The reason when the server kept restarting in the middle of the job.</summary>
    public static string Interrupted(string culture) => culture == "pt-BR"
        ? "O servidor reiniciou várias vezes enquanto fazia o seu vídeo. Peça o vídeo de novo."
        : "The server restarted several times while making your video. Ask for the video again.";

    /// <summary>The reason when the viewer's access token no longer opens the pocs API.</summary>
    public static VideoFailureException TokenExpired(string culture) => new(culture == "pt-BR"
        ? "Seu acesso expirou antes de lermos seus POCs. Peça o vídeo de novo."
        : "Your access expired before your POCs could be read. Ask for the video again.");
}
