using System.Net;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Tests.Telemetry;

public sealed class MetricsEndpointConfigurationTests
{
    [Fact]
    public async Task With_api_keys_the_scrape_endpoint_at_its_configured_path_needs_a_key()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = "scrape-secret",
            ["Telemetry:MetricsPath"] = "/ops/metrics",
        });
        var client = factory.CreateClient();

        var anonymous = await client.GetAsync("/ops/metrics");
        await BadInputTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "API key");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/ops/metrics") { Headers = { { "X-Api-Key", "not-it" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        using var keyed = new HttpRequestMessage(HttpMethod.Get, "/ops/metrics") { Headers = { { "X-Api-Key", "scrape-secret" } } };
        var scrape = await client.SendAsync(keyed);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task RequireApiKey_false_leaves_the_scrape_endpoint_open_while_the_api_keeps_its_keys()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = "api-secret",
            ["Telemetry:RequireApiKey"] = "false",
        });
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/classify", Json.Body("""{"text":"hi"}"""))).StatusCode);
    }

    [Fact]
    public async Task Disabled_telemetry_maps_no_scrape_endpoint()
    {
        using var factory = new IntentBotFactory(new Dictionary<string, string?> { ["Telemetry:Enabled"] = "false" });
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("Telemetry:MetricsPath", "metrics", "MetricsPath")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317", "OtlpEndpoint")]
    [InlineData("Telemetry:ServiceName", "", "ServiceName")]
    public async Task Invalid_telemetry_settings_stop_start_up_naming_the_setting(string key, string value, string mention)
    {
        // Mapping reads the validated options, so the bad value already stops the app there.
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartUp.StartAndStopAsync(key, value));
        Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
    }
}
