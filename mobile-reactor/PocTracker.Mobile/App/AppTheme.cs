namespace PocTracker.Mobile.App;

/// <summary>The app's few colours and default styles (MauiReactor's code-only theme: no XAML resources).</summary>
public sealed class AppTheme : Theme
{
    public static Color Primary { get; } = Color.FromArgb("#FF1F6F5C");
    public static Color Warning { get; } = Color.FromArgb("#FFB3541E");
    public static Color Muted => IsDarkTheme ? Color.FromArgb("#FFA0A4AB") : Color.FromArgb("#FF5F646B");
    public static Color Text => IsDarkTheme ? Colors.White : Colors.Black;
    public static Color Background => IsDarkTheme ? Color.FromArgb("#FF17171C") : Colors.White;

    public static class Selector
    {
        public const string Secondary = nameof(Secondary);
        public const string Danger = nameof(Danger);
        public const string Title = nameof(Title);
        public const string Error = nameof(Error);
    }

    protected override void OnApply()
    {
        ContentPageStyles.Default = p => p.BackgroundColor(Background);
        LabelStyles.Default = l => l.TextColor(Text).FontSize(16);
        LabelStyles.Themes[Selector.Title] = l => l.FontSize(22).FontAttributes(MauiControls.FontAttributes.Bold);
        LabelStyles.Themes[Selector.Error] = l => l.TextColor(Warning);
        ButtonStyles.Default = b => b.BackgroundColor(Primary).TextColor(Colors.White).CornerRadius(8);
        ButtonStyles.Themes[Selector.Secondary] = b => b.BackgroundColor(Colors.Transparent).TextColor(Primary).BorderColor(Primary).BorderWidth(1);
        ButtonStyles.Themes[Selector.Danger] = b => b.BackgroundColor(Warning).TextColor(Colors.White);
    }
}
