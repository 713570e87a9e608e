using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace IntentBot.Server.Tests;

/// <summary>
/// The real server in memory, with the real model, rooted at the repository like `dotnet run` is.
/// Each test class builds its own with the settings it needs (no shared mutable state).
/// </summary>
public sealed class IntentBotFactory(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static string RepoRoot { get; } = typeof(IntentBotFactory).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(RepoRoot);
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            config.AddInMemoryCollection(new Dictionary<string, string?> { ["Nlu:ExecutionProvider"] = "Cpu" });
            if (settings is not null) config.AddInMemoryCollection(settings);
        });
    }
}

/// <summary>A default-configured server shared by the tests of one class.</summary>
public sealed class DefaultServer : IDisposable
{
    public IntentBotFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
