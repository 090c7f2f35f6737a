namespace PocTracker.Mobile.Core.Account;

/// <summary>The account page's texts (AccountText.resx, AccountText.pt-BR.resx), read through <c>IStringLocalizer&lt;AccountText&gt;</c>; the state holds keys and enums, the views translate.</summary>
public sealed class AccountText;
