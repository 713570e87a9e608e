using System.Net;

namespace IntentBot.Cli.Commands;

/// <summary>
/// `intentbot feedback export`: fetches the reviewers' corrections from a running IntentBot (GET
/// /api/v1/insights/review/export, with the API key) and writes them as the training pipeline's jsonl, ready for
/// `training/run.sh --feedback FILE`. The server masks personal data before it stores a message and again on export.
/// </summary>
public static class FeedbackCommand
{
    public static async Task<int> RunAsync(Options options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Positional is not ["export"]) throw new UsageException("the only subcommand is 'export'.");
        var baseUrl = (options.Get("--url") ?? Environment.GetEnvironmentVariable("INTENTBOT_URL") ?? "http://127.0.0.1:5080").TrimEnd('/');
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != "http" && baseUri.Scheme != "https"))
            throw new UsageException($"--url must be an http(s) URL, got '{baseUrl}'.");
        var key = options.Get("--api-key") ?? Environment.GetEnvironmentVariable("INTENTBOT_API_KEY");
        var output = options.Get("--out");

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
        if (!string.IsNullOrEmpty(key)) http.DefaultRequestHeaders.Add("X-Api-Key", key);
        string body;
        try
        {
            using var response = await http.GetAsync("api/v1/insights/review/export");
            body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await stderr.WriteLineAsync($"intentbot feedback export: {baseUrl} answered {(int)response.StatusCode}: {body}");
                return 1;
            }
        }
        catch (HttpRequestException ex)
        {
            await stderr.WriteLineAsync($"intentbot feedback export: cannot reach {baseUrl}: {ex.Message}");
            return 1;
        }

        var rows = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (output is null) await stdout.WriteAsync(body);
        else
        {
            await File.WriteAllTextAsync(output, body);
            await stdout.WriteLineAsync($"{rows} corrections written to {output} (train with: training/run.sh --feedback {output})");
        }
        return 0;
    }
}
