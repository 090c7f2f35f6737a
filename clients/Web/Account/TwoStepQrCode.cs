using QRCoder;

namespace PocTracker.Web.Account;

/// <summary>
/// The enrolment's <c>otpauth://</c> address as a QR code for an authenticator app, drawn here in the browser: the
/// secret goes nowhere but this page (no QR service, no server round trip), and a PNG data URI needs no script.
/// </summary>
public static class TwoStepQrCode
{
    /// <summary>Pixels per module: 6 × (at most 41 modules + the quiet zone) stays crisp at the size the page shows it.</summary>
    private const int PixelsPerModule = 6;

    public static string PngDataUri(string otpauthUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(otpauthUri);
        var png = PngByteQRCodeHelper.GetQRCode(otpauthUri, QRCodeGenerator.ECCLevel.M, PixelsPerModule);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The secret in groups of four, as authenticator apps accept it typed (they ignore the spaces).</summary>
    public static string Grouped(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return string.Join(' ', secret.Chunk(4).Select(group => new string(group)));
    }
}
