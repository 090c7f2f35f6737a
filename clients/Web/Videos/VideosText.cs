namespace PocTracker.Web.Videos;

/// <summary>The year video page's texts (VideosText.resx, VideosText.pt-BR.resx).</summary>
public sealed class VideosText;
