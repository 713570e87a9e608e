using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace IntentBot.Server.Channels;

/// <summary>
/// The <c>Widget</c> section: how the chat page at / presents the shop (its name and logo in the header).
/// Read by the page from <c>/widget/settings.json</c>, so one page serves every shop.
/// </summary>
public sealed partial class WidgetOptions : IValidatableObject
{
    public const string SectionName = "Widget";

    /// <summary>The shop's name, shown in the chat header and the page title.</summary>
    [Required, StringLength(60, MinimumLength = 1)]
    public string ShopName { get; set; } = "Northwind Goods";

    /// <summary>The line under the name in the header.</summary>
    [StringLength(120)]
    public string Tagline { get; set; } = "Orders, deliveries, returns and more";

    /// <summary>The same line for a shopper whose browser asks for Chinese (the rest of the header is translated by the page).</summary>
    [StringLength(120)]
    public string TaglineZh { get; set; } = "订单、物流、退换货等问题";

    /// <summary>
    /// The shop's logo: an https URL or a path on the bot's own origin. Empty shows the shop's initials instead.
    /// </summary>
    public string? LogoUrl { get; set; } = "/shop-images/northwind-logo.svg";

    /// <summary>The header and button colour, as #rrggbb.</summary>
    public string AccentColor { get; set; } = "#0f6b5c";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(LogoUrl) && !IsPagePath(LogoUrl)
            && !(Uri.TryCreate(LogoUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("Widget:LogoUrl must be an http(s) URL or a path starting with '/'.", [nameof(LogoUrl)]);
        }
        if (!HexColour().IsMatch(AccentColor ?? ""))
            yield return new ValidationResult("Widget:AccentColor must be a colour written #rrggbb.", [nameof(AccentColor)]);
    }

    private static bool IsPagePath(string value) => value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColour();
}

/// <summary>What the page reads from /widget/settings.json.</summary>
public sealed record WidgetSettings(string ShopName, string Tagline, string TaglineZh, string? LogoUrl, string AccentColor);
