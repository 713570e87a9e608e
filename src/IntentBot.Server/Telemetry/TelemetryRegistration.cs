using IntentBot.Nlu.Telemetry;
using IntentBot.Server.Problems;
using IntentBot.Server.Security;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IntentBot.Server.Telemetry;

/// <summary>
/// OpenTelemetry for the whole app: the "IntentBot" meter (NLU, agent, stores) and ASP.NET Core's own HTTP
/// meters, exported as a Prometheus scrape endpoint; traces and OTLP export only when an OTLP endpoint is set.
/// </summary>
public static class TelemetryRegistration
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<TelemetryOptions>()
            .BindConfiguration(TelemetryOptions.SectionName)
            .ValidateDataAnnotations();

        // Read once here because the OpenTelemetry pipeline is fixed when the host is built; the options
        // registration above still validates the same section at start-up and fails it with a clear message.
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled) return builder;
        var otlp = Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https" ? endpoint : null;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(NluTelemetry.Name)
                    // .NET's own runtime meter: GC heap after the last collection, working set, thread pool; what tells a
                    // leak (a heap that keeps growing) from a GC that simply has not returned memory to the OS yet.
                    .AddMeter("System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    // A scrape always sees the current values (the exporter's default caches them for 300 ms).
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null) metrics.AddOtlpExporter(o => ConfigureOtlp(o, otlp, options.OtlpProtocol));
            });

        // No collector, no spans: with nobody to send them to, recording them would only cost time.
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(NluTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(o => ConfigureOtlp(o, otlp, options.OtlpProtocol)));
        }
        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.Enabled) return app;
        app.MapPrometheusScrapingEndpoint(options.MetricsPath, meterProvider: null,
            configureBranchedPipeline: pipeline => pipeline.Use(async (context, next) =>
            {
                if (options.RequireApiKey && ApiSecurity.KeyFailure(context, loopbackOnlyWithoutKeys: true) is { } failure)
                {
                    await failure.ExecuteAsync(context);
                    return;
                }
                await next(context);
            }), optionsName: null);
        return app;
    }

    private static void ConfigureOtlp(OtlpExporterOptions exporter, Uri endpoint, OtlpTransport transport)
    {
        exporter.Endpoint = endpoint;
        exporter.Protocol = transport == OtlpTransport.HttpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
