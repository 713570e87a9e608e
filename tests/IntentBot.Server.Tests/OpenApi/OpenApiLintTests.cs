using System.Diagnostics;

namespace IntentBot.Server.Tests.OpenApi;

/// <summary>
/// The served OpenAPI document passes Redocly's recommended rules with every warning as an error
/// (tools/openapi/redocly.yaml), so generated clients get operation ids, summaries, the API-key scheme and
/// the problem responses. Redocly CLI is installed by test.sh (scripts/ensure-node-tools.sh).
/// </summary>
public sealed class OpenApiLintTests(DefaultServer server) : IClassFixture<DefaultServer>
{
    private static readonly string Tools = Path.Combine(IntentBotFactory.RepoRoot, "tools", "openapi");

    [Fact]
    public async Task The_document_is_clean_under_redoclys_recommended_rules()
    {
        var document = await GetDocumentAsync();
        var (exitCode, problems, log) = await LintAsync(document);
        Assert.True(exitCode == 0, problems + log);
        Assert.Equal("", problems.Trim());
    }

    [Fact]
    public async Task The_lint_fails_a_document_that_drops_the_api_key_scheme()
    {
        // Proves the lint can fail: the same document with its security schemes removed.
        var document = await GetDocumentAsync();
        var broken = System.Text.Json.Nodes.JsonNode.Parse(document)!;
        broken["components"]!.AsObject().Remove("securitySchemes");
        var (exitCode, problems, _) = await LintAsync(broken.ToJsonString());
        Assert.NotEqual(0, exitCode);
        Assert.Contains("security-defined", problems);
    }

    /// <summary>
    /// The document as a shop's client sees it: its server URL is the host the request named (the in-memory
    /// test server's default, localhost, is one the lint rightly rejects in a published description).
    /// </summary>
    private Task<string> GetDocumentAsync()
    {
        var client = server.Factory.CreateClient(new() { BaseAddress = new Uri("http://bot.shop.test") });
        return client.GetStringAsync("/openapi/v1.json");
    }

    /// <summary>
    /// Lints a document the way a developer would: openapi.json beside the config and its ignore file.
    /// Problems go to stdout (one per line); the summary and Redocly's notices to stderr.
    /// </summary>
    private static async Task<(int ExitCode, string Problems, string Log)> LintAsync(string document)
    {
        var cli = Path.Combine(Tools, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run ./test.sh (or npm ci in tools/openapi).");
        var work = Directory.CreateTempSubdirectory("intentbot-openapi-");
        try
        {
            File.Copy(Path.Combine(Tools, "redocly.yaml"), Path.Combine(work.FullName, "redocly.yaml"));
            File.Copy(Path.Combine(Tools, ".redocly.lint-ignore.yaml"), Path.Combine(work.FullName, ".redocly.lint-ignore.yaml"));
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "openapi.json"), document);
            var start = new ProcessStartInfo("node", [cli, "lint", "openapi.json", "--config", "redocly.yaml", "--format", "stylish"])
            {
                WorkingDirectory = work.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
