using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace IntentBot.Channels.Tests.Desk;

/// <summary>
/// The real IntentBot (real model, real agent, real channels) in memory, with the settings a desk test gives it:
/// unlike <c>ChannelTestServer</c> nothing stands in for the bot, because the handoff is the agent's.
/// </summary>
public sealed class DeskTestServer(IDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string ApiKey = "desk-test-key-0123456789";
    public const string DirectLineSecret = "desk-test-direct-line-secret-0123456789";

    private static string RepoRoot { get; } = typeof(DeskTestServer).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoRoot);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Nlu:ExecutionProvider"] = "Cpu",
                ["Api:Keys:0"] = ApiKey,
                ["DirectLine:Secrets:0"] = DirectLineSecret,
            });
            config.AddInMemoryCollection(settings);
        });
    }

    /// <summary>A client that sends the operator's API key (the desk's HTTP API).</summary>
    public HttpClient Operator()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }
}

/// <summary>The agent-side HTTP calls the tests make, with the conversation id escaped as a path segment.</summary>
internal static class DeskCalls
{
    public static string Path(string conversationId, string action) => $"/api/v1/conversations/{Uri.EscapeDataString(conversationId)}/{action}";

    public static Task<HttpResponseMessage> ClaimAsync(HttpClient client, string conversationId, string agent) =>
        client.PostAsJsonAsync(Path(conversationId, "claim"), new JsonObject { ["agent"] = new JsonObject { ["name"] = agent } });

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string conversationId, string agent, string text) =>
        client.PostAsJsonAsync(Path(conversationId, "messages"), new JsonObject { ["text"] = text, ["agent"] = new JsonObject { ["name"] = agent } });

    public static async Task<JsonElement> TranscriptAsync(HttpClient client, string conversationId) =>
        await client.GetFromJsonAsync<JsonElement>(Path(conversationId, "transcript"));

    public static IEnumerable<JsonElement> Entries(JsonElement transcript, string role) =>
        transcript.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("role").GetString() == role);

    /// <summary>Polls until the condition holds; the limit only turns a hang into a failure.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the expected state never came");
            await Task.Delay(100);
        }
    }
}
