using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PocTracker.Contracts.Identity;
using PocTracker.Sdk.Identity;

namespace PocTracker.EndToEnd.People;

/// <summary>A tenant of a test's own, signed up through the API (so tests never share data), and the people in it.</summary>
internal static class Organisation
{
    /// <summary>Signs up a new organisation and signs its owner in.</summary>
    public static async Task<Person> SignUpAsync(ProductUnderTest product, string name)
    {
        var slug = $"e2e-{Guid.NewGuid():N}"[..20];
        var email = $"owner@{slug}.example.com";
        var password = NewPassword();
        using var anonymous = new HttpClient { BaseAddress = product.BaseAddress };
        var created = await new IdentityClient(anonymous).SignUpTenantAsync(new TenantSignUpRequest(name, slug, email, password, "Ana Owner"));
        Assert.Equal(slug, created.Slug);

        var owner = await Person.SignInAsync(product.BaseAddress, slug, email, password);
        Assert.Equal(created.AccountId, owner.Id);
        Assert.Equal(created.TenantId, owner.TenantId);
        Assert.Equal("owner", owner.Me.Role);
        return owner;
    }

    /// <summary>
    /// The owner invites someone as <paramref name="role"/>; they read the link in their mail (the identity app's outbox
    /// folder), accept it with a password of their own, and sign in.
    /// </summary>
    public static async Task<Person> InviteAsync(ProductUnderTest product, Person owner, string role, string displayName)
    {
        var email = $"{Guid.NewGuid():N}@{owner.TenantSlug}.example.com";
        await owner.Accounts.InviteAsync(new InvitationRequest(email, role));
        var token = await InvitationMail.ReadTokenAsync(product.MailOutbox, email);

        var password = NewPassword();
        using var anonymous = new HttpClient { BaseAddress = product.BaseAddress };
        var accepted = await new IdentityClient(anonymous).AcceptInvitationAsync(new AcceptInvitationRequest(token, displayName, password));
        Assert.Equal(owner.TenantId, accepted.TenantId);
        return await Person.SignInAsync(product.BaseAddress, owner.TenantSlug, email, password);
    }

    /// <summary>Random words-and-digits passwords: long, unique, in no breach list.</summary>
    private static string NewPassword() => $"jabuticaba-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}-quintal";
}

/// <summary>The invitation's mail, as the invited person opens it.</summary>
internal static partial class InvitationMail
{
    public static async Task<string> ReadTokenAsync(string outbox, string recipient)
    {
        // The mail is written before the invitation commits, so it is normally there already; the deadline covers a slow disk.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            foreach (var file in Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml") : [])
            {
                var text = await File.ReadAllTextAsync(file);
                if (text.Contains($"To: {recipient}\r\n", StringComparison.Ordinal) && InvitationLink().Match(text) is { Success: true } link)
                {
                    return Uri.UnescapeDataString(link.Groups[1].Value);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No invitation mail to {recipient} in {outbox} (set {ProductUnderTest.MailOutboxVariable} to the identity app's Identity:MailOutbox).");
            }

            // Polling for the mail file (a real condition) with a deadline.
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"account/invitation\?token=([A-Za-z0-9%_.\-~]+)")]
    private static partial Regex InvitationLink();
}
