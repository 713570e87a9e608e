using System.Reflection;
using IntentBot.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace IntentBot.EndToEnd.Tests;

/// <summary>
/// The real IntentBot (the same AddIntentBot/MapIntentBot as Program.cs: real model, real agent, embedded
/// defaults unless a test gives settings) on a free loopback port, rooted at the repository like ./run.sh.
/// </summary>
public sealed class RealServer(IDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public static string RepoRoot { get; } = typeof(RealServer).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoRoot, EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Nlu:ExecutionProvider"] = "Cpu" });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddIntentBot();
        _app = builder.Build();
        _app.MapIntentBot();
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
