namespace PocTracker.Web.Shell;

/// <summary>The shell's texts (ShellText.resx, ShellText.pt-BR.resx): one resource per feature folder (docs/web.md, "Localisation").</summary>
public sealed class ShellText;
