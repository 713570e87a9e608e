namespace IntentBot.Agent.Tests.CustomIntents;

/// <summary>
/// How many held-out paraphrases (written apart from the ten examples: held_out.csv and fresh_held_out.csv) the real
/// model reads as the custom intent, with the test shop's four custom intents loaded. A rate, not exact counts, so
/// that a re-quantised model that reads a borderline paraphrase differently still passes.
/// </summary>
public sealed class HeldOutTests(ShopIntents shop) : IClassFixture<ShopIntents>
{
    [Fact]
    public async Task Gift_wrapping_reads_at_least_90_percent_of_its_plain_and_fresh_held_out_paraphrases()
    {
        var rows = HeldOut().Where(r => r.Intent == "gift_wrapping" && r.Set is "english" or "fresh").ToArray();
        Assert.Equal(40, rows.Length);
        var results = await shop.Classifier.ClassifyAsync(rows.Select(r => r.Text).ToArray());
        var misses = rows.Zip(results).Where(x => x.Second.OutOfScope || x.Second.Intent.Label != x.First.Intent)
            .Select(x => $"{x.First.Text} -> {x.Second.Intent.Label}").ToArray();
        Assert.True(rows.Length - misses.Length >= 0.9 * rows.Length, $"{rows.Length - misses.Length}/{rows.Length}; misses: {string.Join("; ", misses)}");
    }

    private static IEnumerable<(string Text, string Intent, string Set)> HeldOut()
    {
        var folder = Path.GetDirectoryName(ShopIntents.ExamplesFolder)!;
        foreach (var file in new[] { "held_out.csv", "fresh_held_out.csv" })
        {
            foreach (var line in File.ReadLines(Path.Combine(folder, file)).Skip(1))
            {
                // text,intent,set; the text is quoted when it holds a comma (and then holds no quote).
                var textEnd = line.StartsWith('"') ? line.IndexOf('"', 1) + 1 : line.IndexOf(',', StringComparison.Ordinal);
                var text = line[..textEnd].Trim('"');
                var rest = line[(textEnd + 1)..].Split(',');
                yield return (text, rest[0], rest[1]);
            }
        }
    }
}
