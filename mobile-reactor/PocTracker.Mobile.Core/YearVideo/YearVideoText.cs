namespace PocTracker.Mobile.Core.YearVideo;

/// <summary>The year-video page's texts (YearVideoText.resx, YearVideoText.pt-BR.resx), read through <c>IStringLocalizer&lt;YearVideoText&gt;</c>; the state holds keys and enums, the views translate.</summary>
public sealed class YearVideoText;
