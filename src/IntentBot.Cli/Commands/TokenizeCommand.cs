using System.Text.Json;
using IntentBot.Nlu.Manifest;
using IntentBot.Nlu.Tokenization;

namespace IntentBot.Cli.Commands;

/// <summary>
/// `intentbot tokenize`: the C# tokenizer as a filter, so the training pipeline can check that its own
/// encoding equals the runtime's id for id. Input: one JSON string per line; output: one JSON array per line.
/// </summary>
public static class TokenizeCommand
{
    public static async Task<int> RunAsync(Options options, TextReader stdin, TextWriter stdout)
    {
        var directory = options.ModelDirectory;
        var manifest = ManifestReader.Read(directory);
        // Without --max-length the text is encoded whole; with it, exactly as the runtime truncates.
        var limit = options.GetInt("--max-length", 0, 0, 1_000_000);
        var encoder = TextEncoder.ForModel(directory, manifest, limit > 0 ? limit : null);

        string? line;
        var number = 0;
        while ((line = await stdin.ReadLineAsync()) is not null)
        {
            number++;
            if (line.Length == 0) continue;
            string text;
            try
            {
                text = JsonSerializer.Deserialize<string>(line) ?? throw new UsageException($"line {number}: null is not a string.");
            }
            catch (JsonException ex)
            {
                throw new UsageException($"line {number}: expected a JSON string ({ex.Message}).", ex);
            }
            IReadOnlyList<int> ids = limit > 0 ? encoder.Encode(text).Ids : encoder.EncodeFull(text);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(ids));
        }
        return 0;
    }
}
