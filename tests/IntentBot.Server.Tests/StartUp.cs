using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace IntentBot.Server.Tests;

/// <summary>
/// Builds the app's own registrations on a real host (port 0) with one setting changed, starts and stops it: how the
/// start-up tests check that bad configuration stops the server with a message saying what is wrong.
/// WebApplicationFactory can mask a start-up failure behind ObjectDisposedException when the host tears itself down
/// before the factory asks for its services, so these do not use it.
/// </summary>
internal static class StartUp
{
    public static async Task StartAndStopAsync(string key, string value)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = IntentBotFactory.RepoRoot, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Nlu:ExecutionProvider"] = "Cpu",
            [key] = value,
        });
        builder.AddIntentBot();
        await using var app = builder.Build();
        // Mapping reads the validated options, so a bad value may already stop the app there.
        app.MapIntentBot();
        await app.StartAsync();
        await app.StopAsync();
    }
}
