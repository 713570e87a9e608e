using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using IntentBot.Cli;
using IntentBot.Cli.Teams;

namespace IntentBot.Cli.Tests.Teams;

/// <summary>
/// `intentbot teams package` builds a zip that Microsoft's manifest validator (@microsoft/app-manifest, with the
/// Teams schemas it ships; installed by test.sh into tools/teams) accepts, with the icons Teams asks for.
/// </summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string BotId = "6d3b2a8e-4f1c-4b7a-9e2d-0c5f8a1b3e47";
    private static readonly string Home = IntentBot.Home.RepositoryRoot.LocateHome();
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("intentbot-teams-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task The_package_built_from_configuration_passes_microsofts_validator()
    {
        var (exitCode, stdout, stderr) = await PackageAsync(ShopConfiguration());
        Assert.True(exitCode == 0, stderr);
        Assert.Contains(Zip, stdout);

        using var zip = ZipFile.OpenRead(Zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        zip.ExtractToDirectory(_work.FullName);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_work.FullName, "manifest.json")))!;
        Assert.Equal(BotId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(BotId, manifest["id"]!.GetValue<string>());
        Assert.Equal("IntentBot", manifest["name"]!["short"]!.GetValue<string>()); // from appsettings.json
        Assert.Equal("Example Shop", manifest["developer"]!["name"]!.GetValue<string>()); // from --config
        Assert.Equal(["shop.example.com"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));

        var (valid, report) = await ValidateAsync(Path.Combine(_work.FullName, "manifest.json"));
        Assert.True(valid == 0, report);
        Assert.Contains("valid", report);

        Assert.Equal((192, 192), TeamsPackage.PngSize(File.ReadAllBytes(Path.Combine(_work.FullName, "color.png"))));
        Assert.Equal((32, 32), TeamsPackage.PngSize(File.ReadAllBytes(Path.Combine(_work.FullName, "outline.png"))));
        var outline = Png.ReadRgba(File.ReadAllBytes(Path.Combine(_work.FullName, "outline.png")));
        Assert.All(outline.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B))); // white on transparent
        Assert.Contains(outline, p => p.A == 0);
        Assert.Contains(outline, p => p.A == 255);
    }

    [Fact]
    public async Task The_validator_rejects_a_manifest_teams_would_refuse()
    {
        var (exitCode, _, stderr) = await PackageAsync(ShopConfiguration());
        Assert.True(exitCode == 0, stderr);
        using (var zip = ZipFile.OpenRead(Zip)) zip.ExtractToDirectory(_work.FullName);
        var path = Path.Combine(_work.FullName, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["developer"]!.AsObject().Remove("privacyUrl");
        File.WriteAllText(path, manifest.ToJsonString());

        var (valid, report) = await ValidateAsync(path);

        Assert.Equal(1, valid);
        Assert.Contains("/bots/0/botId", report);
        Assert.Contains("privacyUrl", report);
    }

    [Fact]
    public async Task Missing_or_bad_settings_are_named_key_by_key_and_nothing_is_written()
    {
        var configuration = ShopConfiguration();
        configuration["BotConnector"]!["AppId"] = "";
        configuration["Teams"]!["Developer"]!["PrivacyUrl"] = "http://shop.example.com/privacy";
        configuration["Teams"]!["ValidDomains"] = new JsonArray("https://shop.example.com");
        configuration["Teams"]!["ColorIcon"] = "README.md";

        var (exitCode, _, stderr) = await PackageAsync(configuration);

        Assert.Equal(1, exitCode);
        Assert.Contains("BotConnector:AppId", stderr);
        Assert.Contains("Teams:Developer:PrivacyUrl", stderr);
        Assert.Contains("Teams:ValidDomains", stderr);
        Assert.Contains("Teams:ColorIcon", stderr);
        Assert.False(File.Exists(Zip));
    }

    private string Zip => Path.Combine(_work.FullName, "out", "app.zip");

    /// <summary>What a shop adds to the shipped appsettings.json: its bot's id, its pages and its domain.</summary>
    private static JsonObject ShopConfiguration() => new()
    {
        ["BotConnector"] = new JsonObject { ["AppId"] = BotId.ToUpperInvariant() },
        ["Teams"] = new JsonObject
        {
            ["Developer"] = new JsonObject
            {
                ["Name"] = "Example Shop",
                ["WebsiteUrl"] = "https://shop.example.com",
                ["PrivacyUrl"] = "https://shop.example.com/privacy",
                ["TermsOfUseUrl"] = "https://shop.example.com/terms",
            },
            ["ValidDomains"] = new JsonArray("shop.example.com"),
        },
    };

    private async Task<(int ExitCode, string Stdout, string Stderr)> PackageAsync(JsonObject configuration)
    {
        var config = Path.Combine(_work.FullName, "shop.json");
        await File.WriteAllTextAsync(config, configuration.ToJsonString());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await CommandLine.RunAsync(["teams", "package", "--config", config, "--output", Zip], TextReader.Null, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(string manifest)
    {
        var script = Path.Combine(Home, "tools", "teams", "validate.js");
        Assert.True(File.Exists(Path.Combine(Home, "tools", "teams", "node_modules", "@microsoft", "app-manifest", "package.json")),
            "tools/teams/node_modules is missing: run ./test.sh (or npm ci in tools/teams).");
        using var node = Process.Start(new ProcessStartInfo("node", [script, manifest])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        return (node.ExitCode, await output + await errors);
    }
}
