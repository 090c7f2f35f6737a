namespace PocTracker.Web.Pocs;

/// <summary>The POC pages' texts (PocsText.resx, PocsText.pt-BR.resx).</summary>
public sealed class PocsText;
