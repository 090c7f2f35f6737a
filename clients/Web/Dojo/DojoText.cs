namespace PocTracker.Web.Dojo;

/// <summary>The dojo's texts (DojoText.resx, DojoText.pt-BR.resx).</summary>
public sealed class DojoText;
