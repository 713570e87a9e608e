using IntentBot.Cli.Teams;
using Microsoft.Extensions.Configuration;

namespace IntentBot.Cli.Commands;

/// <summary>
/// `intentbot teams package`: builds the Teams app package (manifest.json and icons in a zip) from the
/// configuration the server reads (appsettings.json, then environment variables such as
/// BotConnector__AppId), and lastly an optional --config JSON file.
/// </summary>
public static class TeamsCommand
{
    public const string DefaultOutput = "artifacts/teams/intentbot-teams.zip";

    public static async Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Positional is not ["package"])
            throw new UsageException("the only subcommand is 'package': intentbot teams package [--config FILE] [--output FILE.zip]");

        var home = IntentBot.Home.RepositoryRoot.LocateHome();
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(home, "appsettings.json"), optional: true)
            .AddEnvironmentVariables();
        if (options.Get("--config") is { } extra)
        {
            var path = Path.GetFullPath(extra);
            if (!File.Exists(path)) throw new UsageException($"--config: no file at {path}.");
            builder.AddJsonFile(path, optional: false);
        }
        var configuration = builder.Build();
        var app = configuration.GetSection(TeamsAppOptions.SectionName).Get<TeamsAppOptions>() ?? new TeamsAppOptions();
        var botAppId = configuration["BotConnector:AppId"] ?? "";
        var output = Path.GetFullPath(options.Get("--output") ?? Path.Combine(home, DefaultOutput));

        try
        {
            TeamsPackage.Write(output, app, botAppId, home);
        }
        catch (TeamsPackageException ex)
        {
            await stderr.WriteLineAsync("intentbot teams package: the configuration cannot make a Teams app package:");
            foreach (var error in ex.Errors) await stderr.WriteLineAsync("  - " + error);
            return 1;
        }
        await stdout.WriteLineAsync($"Teams app package for bot {botAppId}: {output}");
        await stdout.WriteLineAsync("Upload it in Teams: Apps > Manage your apps > Upload an app (docs/bot-connector.md, \"Sideloading\").");
        return 0;
    }
}
