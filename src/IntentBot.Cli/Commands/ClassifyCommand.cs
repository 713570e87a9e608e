using System.Globalization;
using System.Text.Json;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntentBot.Cli.Commands;

/// <summary>`intentbot classify "text"`: a quick look at what the model makes of a few texts.</summary>
public static class ClassifyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(Options options, TextReader stdin, TextWriter stdout)
    {
        var texts = new List<string>();
        foreach (var p in options.Positional)
        {
            if (p != "-") { texts.Add(p); continue; }
            string? line;
            while ((line = await stdin.ReadLineAsync()) is not null)
                if (!string.IsNullOrWhiteSpace(line)) texts.Add(line);
        }
        if (texts.Count == 0) throw new UsageException("give at least one text, or '-' to read lines from stdin.");

        var top = options.GetInt("--top", 3, 1, 100);
        await using var engine = NluEngine.Load(options.ModelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        var (classifier, _) = await CustomIntentsFromDialogs.LoadAsync(options, engine);
        var results = await classifier.ClassifyAsync(texts, top);

        for (var i = 0; i < texts.Count; i++)
        {
            if (options.Has("--json"))
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new { text = texts[i], result = results[i] }, Json));
            else
                await stdout.WriteAsync(Describe(texts[i], results[i]));
        }
        return 0;
    }

    internal static string Describe(string text, ClassificationResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var others = string.Join(", ", r.Intents.Skip(1).Select(s => string.Create(c, $"{s.Label} {s.Confidence:0.00}")));
        var s = r.Sentiment.Scores;
        return string.Create(c, $"""
            "{text}"
              intent     {r.Intent.Label} ({r.Intent.Category}) {r.Intent.Confidence:0.00}{(others.Length > 0 ? "   then: " + others : "")}
              in scope   {(r.OutOfScope ? "no — out of scope" : "yes")}
              sentiment  {r.Sentiment.Label} {r.Sentiment.Confidence:0.00}   (negative {s.Negative:0.00} · neutral {s.Neutral:0.00} · positive {s.Positive:0.00}){(r.Truncated ? "\n  note       text truncated to the model's window" : "")}

            """);
    }
}
