namespace PocTracker.Mobile.Core.Dojo;

/// <summary>The dojo pages' texts (DojoText.resx, DojoText.pt-BR.resx), read through <c>IStringLocalizer&lt;DojoText&gt;</c>; the state holds keys and enums, the views translate.</summary>
public sealed class DojoText;
