using System.ComponentModel.DataAnnotations;

namespace IntentBot.Server.Telemetry;

/// <summary>The <c>Telemetry</c> section: the Prometheus scrape endpoint and the optional OTLP exporter.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string SectionName = "Telemetry";

    /// <summary>False turns metrics, traces and the scrape endpoint off entirely.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Path of the Prometheus text-format scrape endpoint.</summary>
    [Required, RegularExpression(@"^/[A-Za-z0-9._~/-]*$", ErrorMessage = "MetricsPath must be an absolute path such as /metrics.")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// When true and <c>Api:Keys</c> is not empty, a scrape must send a valid X-Api-Key header (metrics show
    /// traffic volume and intent mix, which is business information). Without keys the endpoint is open,
    /// like the rest of the API in the local default.
    /// </summary>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>OTLP collector address (e.g. http://localhost:4317); empty means no OTLP export and no tracing.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>OTLP transport: Grpc (port 4317) or HttpProtobuf (port 4318).</summary>
    public OtlpTransport OtlpProtocol { get; set; } = OtlpTransport.Grpc;

    /// <summary>The <c>service.name</c> resource attribute sent with OTLP data.</summary>
    [Required, MinLength(1)]
    public string ServiceName { get; set; } = "intentbot";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (OtlpEndpoint.Length > 0 && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult("OtlpEndpoint must be an absolute http(s) URL or empty.", [nameof(OtlpEndpoint)]);
    }
}

public enum OtlpTransport
{
    Grpc,
    HttpProtobuf,
}
