using System.ComponentModel.DataAnnotations;

namespace IntentBot.Shop;

public enum ShopBackend
{
    /// <summary>The bundled sample shop (data/shop), in memory. Mutations last until restart.</summary>
    Sample,
    /// <summary>A real shop behind the REST contract in docs/shop-backend.md.</summary>
    Http,
}

/// <summary>The <c>Shop</c> section: which backend serves the agent and how to reach it.</summary>
public sealed class ShopOptions : IValidatableObject
{
    public const string SectionName = "Shop";

    public ShopBackend Backend { get; set; } = ShopBackend.Sample;

    /// <summary>The sample shop's seed folder, relative to the content root (or absolute).</summary>
    [Required]
    public string SeedPath { get; set; } = "data/shop";

    /// <summary>The real shop's API root for <see cref="ShopBackend.Http"/>, e.g. https://shop.example.com/api/intentbot/.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as <c>X-Api-Key</c> to the real shop; optional.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Longest wait for one call to the real shop before the agent apologises instead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Backend == ShopBackend.Http
            && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Shop:BaseUrl must be an absolute http(s) URL when Shop:Backend is Http.", [nameof(BaseUrl)]);
        }
    }
}
