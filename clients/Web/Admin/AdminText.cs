namespace PocTracker.Web.Admin;

/// <summary>The administration page's texts (AdminText.resx, AdminText.pt-BR.resx).</summary>
public sealed class AdminText;
