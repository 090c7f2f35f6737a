namespace PocTracker.Web.Account;

/// <summary>The account pages' texts (AccountText.resx, AccountText.pt-BR.resx), the role names included (Admin shows them too).</summary>
public sealed class AccountText;
