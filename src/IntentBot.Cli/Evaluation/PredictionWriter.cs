using System.Text.Encodings.Web;
using System.Text.Json;

namespace IntentBot.Cli.Evaluation;

/// <summary>
/// Writes one JSON object per evaluated row (JSON Lines), for error analysis in a notebook or with jq.
/// Fields: row, line, text, gold (the label scored against), acceptable (all listed labels), predicted,
/// correct, confidence (probability of the predicted label), probabilities (the evaluated head's full
/// distribution, most probable first), intents (top intents), outOfScope, sentiment (label and scores).
/// </summary>
public static class PredictionWriter
{
    private const int TopIntents = 5;

    // Relaxed escaping keeps accented and non-Latin text readable; the file is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(EvaluationResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = OutputFile.Create(path, "--predictions");
        Write(result, stream);
    }

    public static void Write(EvaluationResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, Options);
        foreach (var row in result.Rows)
        {
            WriteRow(json, row, result.Task);
            json.Flush();
            json.Reset();
            stream.WriteByte((byte)'\n');
        }
    }

    private static void WriteRow(Utf8JsonWriter json, EvaluatedRow row, EvaluationTask task)
    {
        var r = row.Result;
        json.WriteStartObject();
        json.WriteNumber("row", row.Input.Row);
        json.WriteNumber("line", row.Input.Line);
        json.WriteString("text", row.Input.Text);
        json.WriteString("gold", row.Pair.Gold);
        json.WriteStartArray("acceptable");
        foreach (var label in row.Input.Gold.Acceptable) json.WriteStringValue(label);
        json.WriteEndArray();
        json.WriteString("predicted", row.Predicted);
        json.WriteBoolean("correct", row.Correct);
        json.WriteNumber("confidence", Round(row.Confidence));

        json.WriteStartObject("probabilities");
        if (task == EvaluationTask.Intent)
            foreach (var s in r.Intents) json.WriteNumber(s.Label, Round(s.Confidence));
        else
            foreach (var (label, p) in new[] { ("negative", r.Sentiment.Scores.Negative), ("neutral", r.Sentiment.Scores.Neutral), ("positive", r.Sentiment.Scores.Positive) }
                         .OrderByDescending(x => x.Item2))
                json.WriteNumber(label, Round(p));
        json.WriteEndObject();

        json.WriteStartArray("intents");
        foreach (var s in r.Intents.Take(TopIntents))
        {
            json.WriteStartObject();
            json.WriteString("label", s.Label);
            json.WriteString("category", s.Category);
            json.WriteNumber("confidence", Round(s.Confidence));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("outOfScope", r.OutOfScope);

        json.WriteStartObject("sentiment");
        json.WriteString("label", r.Sentiment.Label);
        json.WriteNumber("confidence", Round(r.Sentiment.Confidence));
        json.WriteNumber("negative", Round(r.Sentiment.Scores.Negative));
        json.WriteNumber("neutral", Round(r.Sentiment.Scores.Neutral));
        json.WriteNumber("positive", Round(r.Sentiment.Scores.Positive));
        json.WriteEndObject();
        if (r.Truncated) json.WriteBoolean("truncated", true);
        json.WriteEndObject();
    }

    // Six decimals is far beyond what a float probability means, and keeps lines short.
    private static double Round(double value) => Math.Round(value, 6);
}

/// <summary>Opens an output file, creating its folder; a bad path is the user's to fix, so it is a usage error.</summary>
internal static class OutputFile
{
    public static FileStream Create(string path, string option)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"{option}: cannot write {path}: {ex.Message}", ex);
        }
    }
}
