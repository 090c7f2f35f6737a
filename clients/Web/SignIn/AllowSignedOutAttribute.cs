namespace PocTracker.Web.SignIn;

/// <summary>A page that needs nobody signed in (the sign-in callback itself); every other page does.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowSignedOutAttribute : Attribute;
