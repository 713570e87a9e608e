using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntentBot.Server.Tests.Telemetry;

/// <summary>
/// ASP.NET Core's own HTTP meters, checked on the real app listening on Kestrel (loopback, free port):
/// the in-memory test server does not report them.
/// </summary>
public sealed class HttpMetricsTests
{
    [Fact]
    public async Task Request_duration_per_route_is_exported_from_kestrel()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = IntentBotFactory.RepoRoot, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Nlu:ExecutionProvider"] = "Cpu",
        });
        builder.AddIntentBot();
        await using var app = builder.Build();
        app.MapIntentBot();
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address) };
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/classify", Json.Body("""{"text":"where is my order"}"""))).StatusCode);

            // Kestrel records the duration once the response is complete, just after the client has it:
            // look again (briefly) until it shows.
            var route = ("http_route", "/api/v1/classify");
            IReadOnlyList<PrometheusSample> metrics = [];
            for (var attempt = 0; attempt < 50; attempt++)
            {
                metrics = PrometheusText.Parse(await client.GetStringAsync("/metrics"));
                if (metrics.Sum("http_server_request_duration_seconds_count", route, ("http_response_status_code", "200")) >= 1) break;
                await Task.Delay(100);
            }
            // At least one, not exactly one: the exporter listens to every "Microsoft.AspNetCore.Hosting" meter in the
            // process, so other tests' Kestrel hosts running in parallel add their requests to this count.
            Assert.True(metrics.Sum("http_server_request_duration_seconds_count", route, ("http_response_status_code", "200")) >= 1,
                "no request duration exported for POST /api/v1/classify");
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
