using Microsoft.Extensions.Localization;

namespace PocTracker.Web.Account;

/// <summary>The roles an account can have, as the API names them, and their names for people.</summary>
public static class RoleNames
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Member = "member";

    /// <summary>Every role, the most powerful first.</summary>
    public static readonly IReadOnlyList<string> All = [Owner, Admin, Member];

    /// <summary>The role's name in the page's language; the wire name for a role this app does not know.</summary>
    public static string Of(IStringLocalizer<AccountText> texts, string? role)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return role switch
        {
            Owner => texts["RoleOwner"],
            Admin => texts["RoleAdmin"],
            Member => texts["RoleMember"],
            _ => role ?? "",
        };
    }
}
